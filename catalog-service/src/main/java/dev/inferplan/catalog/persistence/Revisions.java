package dev.inferplan.catalog.persistence;

import java.util.List;

import dev.inferplan.platform.problem.Problem.FieldError;
import dev.inferplan.platform.problem.ProblemException;

/**
 * Optimistic locking as the API exposes it: every mutable resource shows its {@code revision}
 * (the JPA {@code @Version}); a change quotes the revision it was based on, and a stale one is
 * refused with 409 carrying the current state, so the loser of a race sees what won.
 */
public final class Revisions {

    private Revisions() {
    }

    /** For updates: the revision must be quoted (428 otherwise) and current (409 otherwise). */
    public static void require(Long quoted, long current, Object currentState) {
        if (quoted == null) {
            throw new ProblemException(428, "revision-required", "Precondition required",
                    "Quote the revision your change is based on (field 'revision'); the current one is " + current + ".",
                    List.of(FieldError.field("revision", "required")), currentState);
        }
        checkIfQuoted(quoted, current, currentState);
    }

    /** For workflow actions: a quoted revision must be current; none means "whatever is current". */
    public static void checkIfQuoted(Long quoted, long current, Object currentState) {
        if (quoted != null && quoted != current) {
            throw ProblemException.conflict("stale-revision", "Revision " + quoted
                    + " is stale: the resource changed since (current revision " + current + ").", currentState,
                    FieldError.field("revision", "current revision is " + current));
        }
    }
}
