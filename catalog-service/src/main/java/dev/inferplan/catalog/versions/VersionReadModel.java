package dev.inferplan.catalog.versions;

import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.inferplan.catalog.persistence.Rows;
import dev.inferplan.platform.persistence.SharedEntityManager;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Versions with their metrics read from the database, in a fixed number of statements whatever
 * the result size: one for the versions (joined with their family), one for all of their metrics.
 * Never one statement per version.
 *
 * <p>Commands read their own uncommitted changes on the transaction's connection ({@link #byId});
 * the {@link VersionIndex}, which answers every read-only path, loads through the static
 * {@link #indexed} on a plain pooled connection of its own, outside JTA and EclipseLink:
 * EclipseLink 4.0.4's accessor lock, shared by all cloned accessors and held while waiting for a
 * pool connection, deadlocks the pool under load (docs/decisions/0005). Every bean of the service
 * shares one entity manager (docs/decisions/0008), so a command's {@link #byId} sees what the other
 * beans of its transaction wrote; the index keeps to {@link #indexed} because a load needs no
 * transaction and plain JDBC is cheaper, not because this bean would read on another connection.
 */
@ApplicationScoped
public class VersionReadModel {

    static final String COLUMNS = "SELECT v.id, v.family_id, f.name AS family_name, v.task, v.label, v.status, v.tier,"
            + " v.proposed_tier, v.tier_override, v.tier_override_reason, v.tier_override_by, v.tier_override_at,"
            + " v.artifact_uri, v.artifact_sha256, v.artifact_size_bytes, v.artifact_format, v.artifact_opset,"
            + " v.artifact_served_model,"
            + " v.io_signature, v.lineage_kind, v.parent_version_id, v.created_at, v.created_by, v.updated_at, v.version"
            + " FROM model_version v JOIN model_family f ON f.id = v.family_id";

    static final String METRIC_COLUMNS = "SELECT m.id, m.model_version_id, m.name, m.metric_value, m.dataset, m.split,"
            + " m.higher_is_better, m.provenance_kind, m.provenance_source, m.created_at, m.created_by"
            + " FROM quality_metric m";

    @Inject
    @SharedEntityManager
    private EntityManager entityManager;

    /** Inside a command's transaction: the version as the command has changed it so far. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<VersionView> byId(long id) {
        return byIds(transactional(), List.of(id)).stream().findFirst();
    }

    /** The versions with these ids (in id order), with their metrics: two statements. */
    private List<VersionView> byIds(Connection connection, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        String in = placeholders(ids.size());
        List<VersionView> versions = query(connection, COLUMNS + " WHERE v.id IN (" + in + ") ORDER BY v.id",
                VersionReadModel::version, ids.toArray());
        return withMetrics(connection, versions);
    }

    /**
     * The versions with these ids or in these families (both null: every version), with their
     * metrics and free text, for the {@link VersionIndex}: two statements whatever the count.
     */
    static List<IndexedVersion> indexed(Connection connection, Collection<Long> versionIds, Collection<Long> familyIds) {
        List<Object> parameters = new ArrayList<>();
        String where = "";
        if (versionIds != null || familyIds != null) {
            List<String> any = new ArrayList<>();
            if (versionIds != null && !versionIds.isEmpty()) {
                any.add("v.id IN (" + placeholders(versionIds.size()) + ")");
                parameters.addAll(versionIds);
            }
            if (familyIds != null && !familyIds.isEmpty()) {
                any.add("v.family_id IN (" + placeholders(familyIds.size()) + ")");
                parameters.addAll(familyIds);
            }
            if (any.isEmpty()) {
                return List.of();
            }
            where = " WHERE " + String.join(" OR ", any);
        }
        Map<Long, List<MetricView>> metrics = metrics(connection, METRIC_COLUMNS
                + " JOIN model_version v ON v.id = m.model_version_id" + where + " ORDER BY m.model_version_id, m.name, m.id",
                parameters.toArray());
        return query(connection, COLUMNS.replace(" FROM", ", v.search_text FROM") + where, row -> {
            VersionView version = version(row);
            return new IndexedVersion(version.withMetrics(metrics.getOrDefault(version.id(), List.of())),
                    row.getString("search_text"));
        }, parameters.toArray());
    }

    private List<VersionView> withMetrics(Connection connection, List<VersionView> versions) {
        if (versions.isEmpty()) {
            return versions;
        }
        Map<Long, List<MetricView>> metrics = metrics(connection, METRIC_COLUMNS + " WHERE m.model_version_id IN ("
                + placeholders(versions.size()) + ") ORDER BY m.model_version_id, m.name, m.id",
                versions.stream().map(VersionView::id).toArray());
        return versions.stream().map(v -> v.withMetrics(metrics.getOrDefault(v.id(), List.of()))).toList();
    }

    /** One row of a query, mapped. */
    private interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private static <T> List<T> query(Connection connection, String sql, RowMapper<T> mapper, Object... parameters) {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            Rows.bind(select, parameters);
            select.setFetchSize(1000);
            List<T> rows = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    rows.add(mapper.map(row));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new Rows.DataAccessException(e);
        }
    }

    private static Map<Long, List<MetricView>> metrics(Connection connection, String sql, Object... parameters) {
        Map<Long, List<MetricView>> metrics = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            Rows.bind(select, parameters);
            select.setFetchSize(1000);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    MetricView metric = metric(row);
                    metrics.computeIfAbsent(metric.modelVersionId(), id -> new ArrayList<>()).add(metric);
                }
            }
        } catch (SQLException e) {
            throw new Rows.DataAccessException(e);
        }
        return metrics;
    }

    static MetricView metric(ResultSet row) throws SQLException {
        BigDecimal value = row.getBigDecimal("metric_value");
        return new MetricView(row.getLong("id"), row.getLong("model_version_id"), row.getString("name"),
                value == null ? null : value.stripTrailingZeros(), row.getString("dataset"), row.getString("split"),
                row.getBoolean("higher_is_better"),
                new MetricView.Provenance(row.getString("provenance_kind"), row.getString("provenance_source")),
                Rows.instant(row, "created_at"), row.getString("created_by"));
    }

    private static VersionView version(ResultSet row) throws SQLException {
        String uri = row.getString("artifact_uri");
        VersionView.Artifact artifact = uri == null ? null : new VersionView.Artifact(uri, row.getString("artifact_sha256"),
                Rows.nullableLong(row, "artifact_size_bytes"), row.getString("artifact_format"),
                Rows.nullableInt(row, "artifact_opset"), json(row.getString("io_signature")),
                row.getString("artifact_served_model"));
        String lineageKind = row.getString("lineage_kind");
        VersionView.Lineage lineage = lineageKind == null ? null
                : new VersionView.Lineage(lineageKind, row.getLong("parent_version_id"));
        String override = row.getString("tier_override");
        VersionView.TierOverride tierOverride = override == null ? null : new VersionView.TierOverride(override,
                row.getString("tier_override_reason"), row.getString("tier_override_by"),
                Rows.instant(row, "tier_override_at"));
        return new VersionView(row.getLong("id"), row.getLong("family_id"), row.getString("family_name"),
                row.getString("task"), row.getString("label"), row.getString("status"), row.getString("tier"),
                row.getString("proposed_tier"), tierOverride, artifact, lineage, List.of(),
                Rows.instant(row, "created_at"), row.getString("created_by"), Rows.instant(row, "updated_at"),
                row.getLong("version"));
    }

    private static JsonValue json(String text) {
        if (text == null) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    private Connection transactional() {
        return entityManager.unwrap(Connection.class);
    }

    static String placeholders(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }
}
