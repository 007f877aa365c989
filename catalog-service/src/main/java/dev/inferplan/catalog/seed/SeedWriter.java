package dev.inferplan.catalog.seed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.inferplan.catalog.audit.AuditLog;
import dev.inferplan.catalog.persistence.Rows;
import dev.inferplan.catalog.tiers.TierPolicy;
import dev.inferplan.catalog.versions.MetricView;
import dev.inferplan.catalog.versions.Tier;
import dev.inferplan.catalog.versions.VersionStatus;
import dev.inferplan.platform.persistence.SharedEntityManager;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Writes one seed data set in one transaction with JDBC batches: its {@code seed_run} row first
 * (so a second replica seeding at the same time fails on the key and rolls back), then families,
 * versions, lineage, metrics, and an audit entry per created row. Families or versions that already
 * exist by name or label are kept as they are.
 */
@ApplicationScoped
public class SeedWriter {

    static final String ACTOR = "seed";
    static final int BATCH = 500;

    private final TierPolicy tiers;
    private final AuditLog audit;
    private final Clock clock = Clock.systemUTC();

    @Inject
    @SharedEntityManager
    private EntityManager entityManager;

    @Inject
    public SeedWriter(TierPolicy tiers, AuditLog audit) {
        this.tiers = tiers;
        this.audit = audit;
    }

    /** True when the data set was written now; false when it had been before. */
    @Transactional
    public boolean write(SeedPlan plan) {
        Connection connection = entityManager.unwrap(Connection.class);
        Instant now = clock.instant();
        try {
            if (applied(connection, plan.name())) {
                return false;
            }
            Rows.update(connection, "INSERT INTO seed_run (name, applied_at, items) VALUES (?, ?, ?)",
                    plan.name(), now, plan.versionCount());
            List<AuditLog.Change> changes = new ArrayList<>();
            Map<String, Long> familyIds = ids(connection, "SELECT id, name FROM model_family");
            batch(connection, "INSERT INTO model_family (name, task, owner, description, license, created_at, created_by,"
                    + " updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)", plan.families().stream()
                    .filter(f -> !familyIds.containsKey(f.name()))
                    .map(f -> new Object[] {f.name(), f.task(), f.owner(), f.description(), f.license(), now, ACTOR, now})
                    .toList());
            Map<String, Long> families = ids(connection, "SELECT id, name FROM model_family");
            plan.families().stream().filter(f -> !familyIds.containsKey(f.name())).forEach(f -> changes.add(
                    change(AuditLog.FAMILY, families.get(f.name()), null, new SeededFamily(f.name(), f.task(), f.license()), now)));

            Map<String, Long> existingVersions = ids(connection, "SELECT id, CONCAT(family_id, '/', label) FROM model_version");
            List<Object[]> versionRows = new ArrayList<>();
            for (SeedPlan.Family family : plan.families()) {
                long familyId = families.get(family.name());
                for (SeedPlan.Version version : family.versions()) {
                    if (existingVersions.containsKey(familyId + "/" + version.label())) {
                        continue;
                    }
                    String tier = tiers.propose(family.task(), metricViews(version), Optional.empty())
                            .asOptional().map(Tier::name).orElse(null);
                    versionRows.add(new Object[] {familyId, family.task(), version.label(), VersionStatus.PROPOSED, tier,
                            tier, version.artifactUri(), version.sha256(), version.sizeBytes(),
                            version.artifactUri() == null ? null : "onnx",
                            (family.name() + " " + version.label() + " " + family.description()).toLowerCase(Locale.ROOT),
                            now, ACTOR, now});
                }
            }
            batch(connection, "INSERT INTO model_version (family_id, task, label, status, tier, proposed_tier, artifact_uri,"
                    + " artifact_sha256, artifact_size_bytes, artifact_format, search_text, created_at, created_by,"
                    + " updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)", versionRows);
            Map<String, Long> versions = ids(connection, "SELECT id, CONCAT(family_id, '/', label) FROM model_version");

            List<Object[]> lineage = new ArrayList<>();
            List<Object[]> metrics = new ArrayList<>();
            for (SeedPlan.Family family : plan.families()) {
                long familyId = families.get(family.name());
                for (SeedPlan.Version version : family.versions()) {
                    if (existingVersions.containsKey(familyId + "/" + version.label())) {
                        continue;
                    }
                    long versionId = versions.get(familyId + "/" + version.label());
                    Long parentId = version.parentLabel() == null ? null : versions.get(familyId + "/" + version.parentLabel());
                    if (parentId != null) {
                        lineage.add(new Object[] {version.lineageKind(), parentId, versionId});
                    }
                    // The version's entry lists its seeded metrics, rather than one entry per metric.
                    changes.add(change(AuditLog.VERSION, versionId, versionId, new SeededVersion(family.name(),
                            version.label(), version.artifactUri(), version.sha256(), version.lineageKind(), parentId,
                            version.metrics().stream().map(m -> m.name() + "=" + m.value().toPlainString() + " ("
                                    + m.dataset() + ", " + m.split() + ")").toList()), now));
                    for (SeedPlan.Metric metric : version.metrics()) {
                        metrics.add(new Object[] {versionId, metric.name(), metric.value(), metric.dataset(), metric.split(),
                                metric.higherIsBetter(), "PUBLISHED", metric.source(), now, ACTOR});
                    }
                }
            }
            batch(connection, "UPDATE model_version SET lineage_kind = ?, parent_version_id = ? WHERE id = ?", lineage);
            batch(connection, "INSERT INTO quality_metric (model_version_id, name, metric_value, dataset, split,"
                    + " higher_is_better, provenance_kind, provenance_source, created_at, created_by)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", metrics);
            audit.appendAll(changes);
            return true;
        } catch (SQLException e) {
            throw new Rows.DataAccessException(e);
        }
    }

    public record SeededFamily(String name, String task, String license) {
    }

    public record SeededVersion(String family, String label, String artifactUri, String sha256, String lineageKind,
                         Long parentVersionId, List<String> publishedMetrics) {
    }

    private static AuditLog.Change change(String type, long id, Long versionId, Object after, Instant now) {
        return new AuditLog.Change(type, Long.toString(id), versionId, "SEEDED", ACTOR, now, null, after);
    }

    private static List<MetricView> metricViews(SeedPlan.Version version) {
        return version.metrics().stream().map(m -> new MetricView(0, 0, m.name(), m.value(), m.dataset(), m.split(),
                m.higherIsBetter(), new MetricView.Provenance("PUBLISHED", m.source()), null, ACTOR)).toList();
    }

    static boolean applied(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM seed_run WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1) > 0;
            }
        }
    }

    static Map<String, Long> ids(Connection connection, String sql) throws SQLException {
        Map<String, Long> ids = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(sql); ResultSet row = select.executeQuery()) {
            while (row.next()) {
                ids.put(row.getString(2), row.getLong(1));
            }
        }
        return ids;
    }

    static void batch(Connection connection, String sql, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int pending = 0;
            for (Object[] row : rows) {
                Rows.bind(statement, row);
                statement.addBatch();
                if (++pending == BATCH) {
                    statement.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                statement.executeBatch();
            }
        }
    }
}
