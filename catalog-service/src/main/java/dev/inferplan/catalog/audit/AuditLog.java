package dev.inferplan.catalog.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.inferplan.catalog.persistence.Rows;
import dev.inferplan.platform.persistence.SharedEntityManager;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

/**
 * The append-only audit log. Changes are appended inside the transaction of the command that made
 * them, so a change and its audit entry commit together or not at all. There is deliberately no
 * method that updates or deletes an entry (AuditLogSurfaceTest checks this class's surface), and the
 * database refuses both from any client (V8's triggers, AuditLogAppendOnlyContract).
 */
@ApplicationScoped
public class AuditLog {

    public static final String FAMILY = "family";
    public static final String VERSION = "version";
    public static final String METRIC = "metric";
    public static final String TIER = "tier";
    public static final String REVIEW = "review";
    public static final String COMMENT = "comment";
    public static final String COST_ESTIMATE = "cost-estimate";
    public static final String BENCHMARK_RESULT = "benchmark-result";
    public static final String POOL = "pool";

    private static final String INSERT = "INSERT INTO audit_entry (entity_type, entity_id, model_version_id, action,"
            + " actor, occurred_at, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    private final Jsonb jsonb = JsonbBuilder.create();

    @Inject
    @SharedEntityManager
    private EntityManager entityManager;

    /** A change to record; {@code before} is null for a creation; both are serialized as JSON. */
    public record Change(String entityType, String entityId, Long modelVersionId, String action, String actor,
                         Instant at, Object before, Object after) {
    }

    /** Which entries to read: any combination of the filters, all optional. */
    public record Query(Optional<String> entityType, Optional<String> entityId, Optional<Long> modelVersionId) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void append(Change change) {
        appendAll(List.of(change));
    }

    /** Appends many changes in JDBC batches (the seed catalog records thousands at once). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendAll(List<Change> changes) {
        Connection connection = entityManager.unwrap(Connection.class);
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            int pending = 0;
            for (Change change : changes) {
                Rows.bind(insert, change.entityType(), change.entityId(), change.modelVersionId(), change.action(),
                        change.actor(), change.at(), json(change.before()), json(change.after()));
                insert.addBatch();
                if (++pending == 500) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                insert.executeBatch();
            }
        } catch (SQLException e) {
            throw new Rows.DataAccessException(e);
        }
    }

    @Transactional
    public List<AuditEntry> find(Query query, int offset, int limit) {
        Where where = where(query);
        TypedQuery<AuditEntry> select = entityManager.createQuery(
                "SELECT a FROM AuditEntry a" + where.jpql + " ORDER BY a.id", AuditEntry.class);
        where.parameters.forEach(select::setParameter);
        return select.setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    @Transactional
    public long count(Query query) {
        Where where = where(query);
        TypedQuery<Long> select = entityManager.createQuery("SELECT COUNT(a) FROM AuditEntry a" + where.jpql, Long.class);
        where.parameters.forEach(select::setParameter);
        return select.getSingleResult();
    }

    private String json(Object value) {
        return value == null ? null : jsonb.toJson(value);
    }

    private record Where(String jpql, Map<String, Object> parameters) {
    }

    private static Where where(Query query) {
        StringBuilder jpql = new StringBuilder();
        Map<String, Object> parameters = new LinkedHashMap<>();
        query.entityType().ifPresent(v -> and(jpql, parameters, "a.entityType = :type", "type", v));
        query.entityId().ifPresent(v -> and(jpql, parameters, "a.entityId = :id", "id", v));
        query.modelVersionId().ifPresent(v -> and(jpql, parameters, "a.modelVersionId = :version", "version", v));
        return new Where(jpql.toString(), parameters);
    }

    private static void and(StringBuilder jpql, Map<String, Object> parameters, String condition, String name, Object value) {
        jpql.append(jpql.isEmpty() ? " WHERE " : " AND ").append(condition);
        parameters.put(name, value);
    }
}
