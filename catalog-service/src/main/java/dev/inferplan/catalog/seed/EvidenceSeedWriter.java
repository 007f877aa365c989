package dev.inferplan.catalog.seed;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.inferplan.catalog.audit.AuditLog;
import dev.inferplan.catalog.persistence.Rows;
import dev.inferplan.platform.persistence.SharedEntityManager;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Writes the published evidence in one transaction with JDBC batches: its {@code seed_run} row
 * first (a second replica seeding at once fails on the key), the pools that do not exist yet, then
 * every result as PUBLISHED with its citation; rows whose model has no seeded version are counted
 * and left out. One audit entry per pool and one for the results.
 */
@ApplicationScoped
public class EvidenceSeedWriter {

    private final AuditLog audit;
    private final Clock clock = Clock.systemUTC();

    @Inject
    @SharedEntityManager
    private EntityManager entityManager;

    @Inject
    public EvidenceSeedWriter(AuditLog audit) {
        this.audit = audit;
    }

    public record SeededEvidence(String name, int pools, int results, int withoutVersion, int skipped) {
    }

    public record SeededPool(String pool, String accelerator, int acceleratorCount, List<String> instanceTypes) {
    }

    /** What was written, or empty counts when the data set had been written before (then nothing is read). */
    @Transactional
    public SeededEvidence write(String name, Supplier<PublishedEvidenceSeed.Plan> plans) {
        Connection connection = entityManager.unwrap(Connection.class);
        Instant now = clock.instant();
        try {
            if (SeedWriter.applied(connection, name)) {
                return new SeededEvidence(name, 0, 0, 0, 0);
            }
            PublishedEvidenceSeed.Plan plan = plans.get();
            Rows.update(connection, "INSERT INTO seed_run (name, applied_at, items) VALUES (?, ?, ?)",
                    plan.name(), now, plan.results().size());
            Map<String, Long> existingPools = SeedWriter.ids(connection, "SELECT 0, pool FROM hardware_pool");
            List<Object[]> poolRows = new ArrayList<>();
            List<AuditLog.Change> changes = new ArrayList<>();
            for (PublishedEvidenceSeed.Pool pool : plan.pools()) {
                if (existingPools.containsKey(pool.pool())) {
                    continue;
                }
                String types = String.join(",", pool.instanceTypes());
                poolRows.add(new Object[] {pool.pool(), types.length() > 2000 ? types.substring(0, types.lastIndexOf(',', 2000))
                        : types, pool.accelerator(), pool.acceleratorCount(), pool.cpuModel(), pool.cpuCores(), now, now});
                changes.add(new AuditLog.Change(AuditLog.POOL, pool.pool(), null, "CREATED", SeedWriter.ACTOR, now, null,
                        new SeededPool(pool.pool(), pool.accelerator(), pool.acceleratorCount(),
                                List.copyOf(pool.instanceTypes()))));
            }
            SeedWriter.batch(connection, "INSERT INTO hardware_pool (pool, instance_types, accelerator, accelerator_count,"
                    + " cpu_model, cpu_cores, runner_version, registered_by, registered_at, updated_at, version)"
                    + " VALUES (?, ?, ?, ?, ?, ?, NULL, '" + SeedWriter.ACTOR + "', ?, ?, 1)", poolRows);

            // first version of each family (timm rows), and family/label (MLPerf rows)
            Map<String, Long> firstVersions = SeedWriter.ids(connection, "SELECT MIN(v.id), f.name FROM model_version v"
                    + " JOIN model_family f ON f.id = v.family_id GROUP BY f.name");
            Map<String, Long> versions = SeedWriter.ids(connection, "SELECT v.id, CONCAT(f.name, '/', v.label)"
                    + " FROM model_version v JOIN model_family f ON f.id = v.family_id"
                    + " WHERE f.name LIKE 'mlperf-%'");
            List<Object[]> resultRows = new ArrayList<>();
            int withoutVersion = 0;
            for (PublishedEvidenceSeed.Result r : plan.results()) {
                Long version = r.label() == null ? firstVersions.get(r.family()) : versions.get(r.family() + "/" + r.label());
                if (version == null) {
                    withoutVersion++;
                    continue;
                }
                resultRows.add(new Object[] {version, r.pool(), r.scenario(), r.batchSize(), r.throughputPerS(),
                        r.hardware(), r.source(), now, r.targetQps(), r.config()});
            }
            SeedWriter.batch(connection, "INSERT INTO benchmark_result (model_version_id, pool, scenario, batch_size,"
                    + " concurrency, throughput_per_s, queries, duration_seconds, valid, hardware, provenance_kind,"
                    + " provenance_source, created_at, created_by, target_qps, config)"
                    + " VALUES (?, ?, ?, ?, 1, ?, 0, 0, TRUE, ?, 'PUBLISHED', ?, ?, '" + SeedWriter.ACTOR + "', ?, ?)",
                    resultRows);
            changes.add(new AuditLog.Change(AuditLog.BENCHMARK_RESULT, "seed:" + plan.name(), null, "SEEDED",
                    SeedWriter.ACTOR, now, null, new SeededEvidence(plan.name(), poolRows.size(), resultRows.size(),
                    withoutVersion, plan.skipped().size())));
            audit.appendAll(changes);
            return new SeededEvidence(plan.name(), poolRows.size(), resultRows.size(), withoutVersion,
                    plan.skipped().size());
        } catch (SQLException e) {
            throw new Rows.DataAccessException(e);
        }
    }
}
