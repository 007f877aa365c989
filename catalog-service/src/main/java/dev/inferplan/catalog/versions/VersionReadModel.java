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
import java.util.function.Consumer;

import dev.inferplan.catalog.metrics.MetricView;
import dev.inferplan.catalog.persistence.Rows;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * Versions with their metrics as the API and the recommender read them, in a fixed number of
 * statements whatever the result size: one for the versions (joined with their family), one for
 * all of their metrics, one for the total of a search. Never one statement per version.
 */
@ApplicationScoped
public class VersionReadModel {

    static final String COLUMNS = "SELECT v.id, v.family_id, f.name AS family_name, v.task, v.label, v.status, v.tier,"
            + " v.proposed_tier, v.tier_override, v.tier_override_reason, v.tier_override_by, v.tier_override_at,"
            + " v.artifact_uri, v.artifact_sha256, v.artifact_size_bytes, v.artifact_format, v.artifact_opset,"
            + " v.io_signature, v.lineage_kind, v.parent_version_id, v.created_at, v.created_by, v.updated_at, v.version"
            + " FROM model_version v JOIN model_family f ON f.id = v.family_id";

    static final String METRIC_COLUMNS = "SELECT m.id, m.model_version_id, m.name, m.metric_value, m.dataset, m.split,"
            + " m.higher_is_better, m.provenance_kind, m.provenance_source, m.created_at, m.created_by"
            + " FROM quality_metric m";

    @PersistenceContext(unitName = "catalog")
    private EntityManager entityManager;

    public record Page(List<VersionView> items, int page, int size, long total) {
    }

    @Transactional
    public Optional<VersionView> byId(long id) {
        List<VersionView> found = byIds(List.of(id));
        return found.stream().findFirst();
    }

    /** The versions with these ids (in id order), with their metrics: two statements. */
    @Transactional
    public List<VersionView> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        String in = placeholders(ids.size());
        List<VersionView> versions = query(COLUMNS + " WHERE v.id IN (" + in + ") ORDER BY v.id", ids.toArray());
        return withMetrics(versions);
    }

    @Transactional
    public Page search(VersionQuery query) {
        List<Object> parameters = new ArrayList<>();
        String where = where(query, parameters);
        List<Object> pageParameters = new ArrayList<>(parameters);
        String order;
        if (query.sort().key() == VersionQuery.Key.METRIC) {
            // The version's highest value of the metric (the filter keeps only versions that have it).
            order = "(SELECT MAX(s.metric_value) FROM quality_metric s WHERE s.model_version_id = v.id AND s.name = ?)";
            pageParameters.add(query.metric().orElseThrow());
        } else {
            order = query.sort().key().column;
        }
        String direction = query.sort().descending() ? " DESC" : " ASC";
        pageParameters.add(query.size());
        pageParameters.add((long) query.page() * query.size());
        List<VersionView> items = query(COLUMNS + where + " ORDER BY " + order + direction + ", v.id" + direction
                + " LIMIT ? OFFSET ?", pageParameters.toArray());
        long total = count("SELECT COUNT(*) FROM model_version v" + where, parameters.toArray());
        return new Page(withMetrics(items), query.page(), query.size(), total);
    }

    /**
     * Every version in the statuses and tasks (empty: any) in id order, with its metrics, to the
     * consumer: two statements in all (the recommender's snapshot of 10k versions).
     */
    @Transactional
    public void forEach(Collection<VersionStatus> statuses, Collection<String> tasks, Consumer<VersionView> consumer) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (!statuses.isEmpty()) {
            where.append(" AND v.status IN (").append(placeholders(statuses.size())).append(')');
            statuses.forEach(s -> parameters.add(s.name()));
        }
        if (!tasks.isEmpty()) {
            where.append(" AND v.task IN (").append(placeholders(tasks.size())).append(')');
            parameters.addAll(tasks);
        }
        Map<Long, List<MetricView>> metrics = metrics(METRIC_COLUMNS + " JOIN model_version v ON v.id = m.model_version_id"
                + where + " ORDER BY m.model_version_id, m.name, m.id", parameters.toArray());
        List<VersionView> versions = query(COLUMNS + where + " ORDER BY v.id", parameters.toArray());
        for (VersionView version : versions) {
            consumer.accept(version.withMetrics(metrics.getOrDefault(version.id(), List.of())));
        }
    }

    private static String where(VersionQuery query, List<Object> parameters) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        query.task().ifPresent(t -> and(where, parameters, "v.task = ?", t));
        query.tier().ifPresent(t -> and(where, parameters, "v.tier = ?", t));
        query.status().ifPresent(s -> and(where, parameters, "v.status = ?", s.name()));
        query.familyId().ifPresent(f -> and(where, parameters, "v.family_id = ?", f));
        query.text().ifPresent(text -> and(where, parameters, "v.search_text LIKE ? ESCAPE '!'",
                "%" + text.toLowerCase(java.util.Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%"));
        query.metric().ifPresent(metric -> {
            where.append(" AND EXISTS (SELECT 1 FROM quality_metric m WHERE m.model_version_id = v.id AND m.name = ?");
            parameters.add(metric);
            query.minValue().ifPresent(min -> {
                where.append(" AND m.metric_value >= ?");
                parameters.add(min);
            });
            query.maxValue().ifPresent(max -> {
                where.append(" AND m.metric_value <= ?");
                parameters.add(max);
            });
            where.append(')');
        });
        return where.toString();
    }

    private static void and(StringBuilder where, List<Object> parameters, String condition, Object value) {
        where.append(" AND ").append(condition);
        parameters.add(value);
    }

    private List<VersionView> withMetrics(List<VersionView> versions) {
        if (versions.isEmpty()) {
            return versions;
        }
        Map<Long, List<MetricView>> metrics = metrics(METRIC_COLUMNS + " WHERE m.model_version_id IN ("
                + placeholders(versions.size()) + ") ORDER BY m.model_version_id, m.name, m.id",
                versions.stream().map(VersionView::id).toArray());
        return versions.stream().map(v -> v.withMetrics(metrics.getOrDefault(v.id(), List.of()))).toList();
    }

    private List<VersionView> query(String sql, Object... parameters) {
        try (PreparedStatement select = connection().prepareStatement(sql)) {
            Rows.bind(select, parameters);
            List<VersionView> versions = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    versions.add(version(row));
                }
            }
            return versions;
        } catch (SQLException e) {
            throw new Rows.DataAccessException(e);
        }
    }

    private long count(String sql, Object... parameters) {
        try (PreparedStatement select = connection().prepareStatement(sql)) {
            Rows.bind(select, parameters);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new Rows.DataAccessException(e);
        }
    }

    private Map<Long, List<MetricView>> metrics(String sql, Object... parameters) {
        Map<Long, List<MetricView>> metrics = new HashMap<>();
        try (PreparedStatement select = connection().prepareStatement(sql)) {
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
                Rows.nullableInt(row, "artifact_opset"), json(row.getString("io_signature")));
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

    private Connection connection() {
        return entityManager.unwrap(Connection.class);
    }

    private static String placeholders(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }
}
