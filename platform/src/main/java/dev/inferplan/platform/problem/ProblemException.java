package dev.inferplan.platform.problem;

import java.net.URI;
import java.util.List;

/**
 * Thrown by domain code for a failure the caller can act on; the service's mapper turns it into
 * {@code application/problem+json} with its status. Domain code names the problem by a short
 * type slug ({@code "illegal-transition"}), never by an HTTP class.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<Problem.FieldError> errors;
    private final transient Object current;

    public ProblemException(int status, String type, String title, String detail, List<Problem.FieldError> errors) {
        this(status, type, title, detail, errors, null);
    }

    public ProblemException(int status, String type, String title, String detail, List<Problem.FieldError> errors,
                            Object current) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.current = current;
    }

    public static ProblemException badRequest(String detail, Problem.FieldError... errors) {
        return new ProblemException(400, "bad-request", "Bad request", detail, List.of(errors));
    }

    public static ProblemException unprocessable(String detail, List<Problem.FieldError> errors) {
        return new ProblemException(422, "validation", "Unprocessable content", detail, errors);
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "not-found", "Not found", what + " does not exist", List.of());
    }

    public static ProblemException conflict(String type, String detail) {
        return new ProblemException(409, type, "Conflict", detail, List.of());
    }

    /** A conflict that carries the resource's current state (e.g. after a lost optimistic-lock race). */
    public static ProblemException conflict(String type, String detail, Object current, Problem.FieldError... errors) {
        return new ProblemException(409, type, "Conflict", detail, List.of(errors), current);
    }

    public int status() {
        return status;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    public Problem toProblem(URI instance) {
        return new Problem(URI.create(Problem.TYPE_BASE + type), title, status, getMessage(), instance, errors, current);
    }
}
