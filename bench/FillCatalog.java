import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Fills a catalog database (schema made by the service's Flyway migrations) with synthetic
 * families, versions and metrics for bench/catalog-search.sh: 1 family per 10 versions, tasks,
 * statuses and tiers spread as in a busy catalog, METRICS_PER_VERSION metrics each. Fixed seed:
 * every run builds the same catalog. JDBC batches; no audit entries (a bench fixture, not history).
 *
 * java -cp 'catalog-service/target/libs/*' bench/FillCatalog.java JDBC_URL USER PASSWORD VERSIONS METRICS_PER_VERSION
 */
public class FillCatalog {

    static final List<String> TASKS = List.of("image-classification", "text-embedding", "text-classification",
            "object-detection", "question-answering", "llm-generation");
    static final List<String> METRICS = List.of("top1", "top5", "accuracy", "f1", "mAP", "mteb_avg", "precision",
            "recall", "auc", "exact_match");
    static final String[] STATUSES = {"APPROVED", "APPROVED", "APPROVED", "APPROVED", "PROPOSED", "PROPOSED",
            "PROPOSED", "IN_REVIEW", "DEPRECATED", "REJECTED"};
    static final String[] TIERS = {"TIER_1", "TIER_2", "TIER_3"};

    public static void main(String[] args) throws Exception {
        int versions = Integer.parseInt(args[3]);
        int metricsPerVersion = Integer.parseInt(args[4]);
        int families = Math.max(1, versions / 10);
        Random random = new Random(42);
        Timestamp now = Timestamp.from(Instant.now());
        long start = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(args[0], args[1], args[2])) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO model_family (name, task, owner,"
                    + " description, license, created_at, created_by, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, 'bench', ?, 1)")) {
                for (int f = 0; f < families; f++) {
                    insert.setString(1, String.format("bench-family-%05d", f));
                    insert.setString(2, TASKS.get(f % TASKS.size()));
                    insert.setString(3, "team-" + (f % 17));
                    insert.setString(4, "Synthetic family " + f + " for the search benchmark.");
                    insert.setString(5, f % 3 == 0 ? "MIT" : "Apache-2.0");
                    insert.setTimestamp(6, now);
                    insert.setTimestamp(7, now);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            Map<Integer, long[]> familyIds = new HashMap<>();
            try (Statement select = connection.createStatement();
                 ResultSet row = select.executeQuery("SELECT id, name, task FROM model_family WHERE created_by = 'bench'")) {
                while (row.next()) {
                    familyIds.put(Integer.parseInt(row.getString(2).substring("bench-family-".length())),
                            new long[] {row.getLong(1), TASKS.indexOf(row.getString(3))});
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO model_version (family_id, task, label,"
                    + " status, tier, proposed_tier, artifact_uri, artifact_sha256, artifact_format, search_text, created_at,"
                    + " created_by, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'onnx', ?, ?, 'bench', ?, 1)")) {
                byte[] sha = new byte[32];
                for (int v = 0; v < versions; v++) {
                    int f = v % families;
                    long[] family = familyIds.get(f);
                    String label = "1." + (v / families) + ".0";
                    String tier = TIERS[random.nextInt(TIERS.length)];
                    random.nextBytes(sha);
                    insert.setLong(1, family[0]);
                    insert.setString(2, TASKS.get((int) family[1]));
                    insert.setString(3, label);
                    insert.setString(4, STATUSES[random.nextInt(STATUSES.length)]);
                    insert.setString(5, tier);
                    insert.setString(6, tier);
                    insert.setString(7, "file:/bench/models/" + f + "/" + label + ".onnx");
                    insert.setString(8, HexFormat.of().formatHex(sha));
                    insert.setString(9, String.format("bench-family-%05d %s synthetic family %d for the search benchmark.", f, label, f));
                    insert.setTimestamp(10, now);
                    insert.setTimestamp(11, now);
                    insert.addBatch();
                    if (v % 1000 == 999) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            List<Long> versionIds = new java.util.ArrayList<>();
            try (Statement select = connection.createStatement();
                 ResultSet row = select.executeQuery("SELECT id FROM model_version WHERE created_by = 'bench' ORDER BY id")) {
                while (row.next()) {
                    versionIds.add(row.getLong(1));
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO quality_metric (model_version_id, name,"
                    + " metric_value, dataset, split, higher_is_better, provenance_kind, provenance_source, created_at,"
                    + " created_by) VALUES (?, ?, ?, 'bench-set', 'test', TRUE, 'PUBLISHED', 'bench/FillCatalog.java (synthetic)', ?, 'bench')")) {
                int pending = 0;
                for (long id : versionIds) {
                    for (int m = 0; m < metricsPerVersion; m++) {
                        insert.setLong(1, id);
                        insert.setString(2, METRICS.get(m % METRICS.size()) + (m < METRICS.size() ? "" : "_" + m));
                        insert.setBigDecimal(3, BigDecimal.valueOf(40_000 + random.nextInt(60_000), 3));
                        insert.setTimestamp(4, now);
                        insert.addBatch();
                        if (++pending == 2000) {
                            insert.executeBatch();
                            pending = 0;
                        }
                    }
                }
                insert.executeBatch();
            }
            // One audit entry per version, as the seed catalog writes: the catalog's version index
            // learns of changes from the audit log, as it would of a real bulk load.
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_entry (entity_type, entity_id,"
                    + " model_version_id, action, actor, occurred_at) VALUES ('version', ?, ?, 'SEEDED', 'bench', ?)")) {
                int pending = 0;
                for (long id : versionIds) {
                    insert.setString(1, Long.toString(id));
                    insert.setLong(2, id);
                    insert.setTimestamp(3, now);
                    insert.addBatch();
                    if (++pending == 2000) {
                        insert.executeBatch();
                        pending = 0;
                    }
                }
                insert.executeBatch();
            }
            connection.commit();
            System.out.printf("filled %d families, %d versions, %d metrics in %.1f s%n", families, versionIds.size(),
                    (long) versionIds.size() * metricsPerVersion, (System.nanoTime() - start) / 1e9);
        }
    }
}
