package dev.inferplan.catalog.drift;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.inferplan.catalog.audit.AuditLog;
import dev.inferplan.catalog.persistence.Rows;
import dev.inferplan.platform.persistence.SharedEntityManager;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * REVIEW_SUGGESTED flags on versions: appended with their reason and cause, audited (entity
 * {@code review-flag}, action {@code REVIEW_SUGGESTED}: subscribers hear of it through the audit log),
 * shown in the model card. One flag per version and cause, so a cause seen twice flags once.
 */
@ApplicationScoped
public class ReviewFlags {

    public static final String KIND = "REVIEW_SUGGESTED";
    public static final String AUDIT_TYPE = "review-flag";
    static final String ACTOR = "drift-watch";

    private final AuditLog audit;
    private final Clock clock = Clock.systemUTC();

    @Inject
    @SharedEntityManager
    private EntityManager entityManager;

    @Inject
    public ReviewFlags(AuditLog audit) {
        this.audit = audit;
    }

    public record FlagView(long id, long modelVersionId, String kind, String reason, String cause, Instant raisedAt,
                           String raisedBy) {
    }

    /** Raises the flag in the caller's transaction (or a new one); false when this cause already flagged it. */
    @Transactional
    public boolean raise(long versionId, String reason, String cause) {
        Long existing = entityManager.createQuery("SELECT COUNT(f) FROM ReviewFlag f WHERE f.modelVersionId = :id"
                + " AND f.cause = :cause", Long.class).setParameter("id", versionId).setParameter("cause", cause)
                .getSingleResult();
        if (existing > 0) {
            return false;
        }
        Instant now = clock.instant();
        String text = reason.length() > 2000 ? reason.substring(0, 2000) : reason;
        long id = Rows.insert(entityManager.unwrap(Connection.class), "INSERT INTO review_flag (model_version_id, kind,"
                + " reason, cause, raised_at, raised_by) VALUES (?, ?, ?, ?, ?, ?)", versionId, KIND, text, cause, now, ACTOR);
        FlagView flag = new FlagView(id, versionId, KIND, text, cause, now, ACTOR);
        audit.append(new AuditLog.Change(AUDIT_TYPE, Long.toString(id), versionId, KIND, ACTOR, now, null, flag));
        return true;
    }

    @Transactional
    public List<FlagView> forVersion(long versionId) {
        return entityManager.createQuery("SELECT f FROM ReviewFlag f WHERE f.modelVersionId = :id ORDER BY f.id",
                        ReviewFlag.class).setParameter("id", versionId).getResultStream()
                .map(f -> new FlagView(f.id(), f.modelVersionId(), f.kind(), f.reason(), f.cause(), f.raisedAt(),
                        f.raisedBy())).toList();
    }
}
