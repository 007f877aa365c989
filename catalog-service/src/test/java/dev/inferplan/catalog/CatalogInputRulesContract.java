package dev.inferplan.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.inferplan.catalog.jobs.RunnerClient;
import dev.inferplan.contracts.grpc.catalog.LeaseJobResponse;
import dev.inferplan.contracts.grpc.catalog.RegisterPoolRequest;
import dev.inferplan.contracts.grpc.catalog.ReportResultRequest;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import static dev.inferplan.catalog.CatalogClient.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile input to every write of the catalog, through REST and gRPC, on H2 or MariaDB per subclass:
 * strings longer than their column, numbers beyond their column or range, tiers that are not the
 * documented ones, artifact URIs the rules forbid. Each is refused naming the field (400/422
 * problem+json, INVALID_ARGUMENT, or a job failed with INVALID_REPORT naming the point), never a 500,
 * and nothing is stored. Subclasses cap metrics per version at {@link #METRICS_CAP}.
 */
public abstract class CatalogInputRulesContract extends CatalogServiceContract {

    static final int METRICS_CAP = 70;
    static final String SHA = "ab".repeat(32);

    @Test
    void aTierOverrideTakesOnlyTheDocumentedTiersAndClearsOnlyWhenAskedTo() {
        long version = api().version(api().family(unique("tiers"), "image-classification"), "1.0.0");
        api().metric(version, "top1", "80.5");
        String path = "/api/catalog/versions/" + version + "/tier";
        for (String tier : List.of("-1", "\"-3\"", "\"1\"", "\"tier-2\"", "\"tier_1\"", "\"TIER_4\"", "3", "\"\"",
                "null", "true")) {
            assertNames(api().send("PUT", "rita", "reviewer", path, "{\"tier\": " + tier + ", \"reason\": \"r\"}"),
                    "tier");
        }
        assertNames(api().send("PUT", "rita", "reviewer", path, "{\"reason\": \"no tier at all\"}"), "tier");
        assertEquals("TIER_2", api().get("/api/catalog/versions/" + version).getString("tier"), "nothing changed");
        assertEquals(List.of("PROPOSED"), tierAudit(version));

        assertEquals(200, api().send("PUT", "rita", "reviewer", path,
                "{\"tier\": \"TIER_1\", \"reason\": \"edge only\"}").status());
        assertNames(api().send("PUT", "rita", "reviewer", path, "{\"reason\": \"forgot the tier\"}"), "tier");
        assertEquals("TIER_1", api().get("/api/catalog/versions/" + version).getString("tier"),
                "a missing tier does not clear the override");

        CatalogClient.Answer cleared = api().send("PUT", "rita", "reviewer", path,
                "{\"tier\": \"PROPOSED\", \"reason\": \"back to the policy\"}");
        assertEquals(200, cleared.status(), cleared::body);
        JsonObject after = api().get("/api/catalog/versions/" + version);
        assertEquals("TIER_2", after.getString("tier"));
        assertEquals(JsonValue.NULL, after.getOrDefault("tierOverride", JsonValue.NULL));
        assertEquals(List.of("PROPOSED", "OVERRIDDEN", "OVERRIDE_CLEARED"), tierAudit(version), "the clearing is audited");
    }

    @Test
    void aSearchByTierTakesOnlyTheDocumentedTiers() {
        for (String tier : List.of("-1", "1", "tier-3", "TIER_9")) {
            assertNames(api().send("GET", "vera", "viewer", "/api/catalog/versions?tier=" + tier, null), "tier");
        }
        assertEquals(200, api().send("GET", "vera", "viewer", "/api/catalog/versions?tier=TIER_3", null).status());
    }

    // --- strings longer than their column, through REST

    @Test
    void overLongPoolAndResultFieldsAreRefusedNamingTheFieldAndNothingIsStored() {
        String pool = unique("long-pool");
        String poolPath = "/api/benchmarks/pools/" + pool;
        String goodPool = """
                {"instanceTypes": ["aws/c7i.xlarge"], "accelerator": "cpu", "acceleratorCount": 0, "cpuCores": 4,
                 "cpuModel": "%s", "runnerVersion": "%s"}""";
        assertNames(api().send("PUT", "ada", "admin", poolPath, goodPool.formatted("x".repeat(257), "0.1.0")), "cpuModel");
        assertNames(api().send("PUT", "ada", "admin", poolPath, goodPool.formatted("Xeon", "v".repeat(65))),
                "runnerVersion");
        assertEquals(404, api().send("GET", "vera", "viewer", poolPath, null).status(), "no pool stored");
        assertEquals(200, api().send("PUT", "ada", "admin", poolPath,
                goodPool.formatted("x".repeat(256), "v".repeat(64))).status(), "the columns' own lengths fit");

        long version = api().version(api().family(unique("long-result"), "text-embedding"), "1.0.0");
        String result = """
                {"modelVersionId": %d, "pool": "%s", "scenario": "OFFLINE", "batchSize": 8, "concurrency": 1,
                 "throughputPerS": 412.5, "queries": 4000, "durationSeconds": 60, "valid": %s, "invalidReason": "%s",
                 "executionProvider": "%s", "ortVersion": "%s", "hardware": "%s",
                 "provenance": {"kind": "PUBLISHED", "source": "vendor sheet"},
                 "citation": {"url": "https://example.org/vendor-sheet"}}""";
        assertNames(api().send("POST", "rita", "reviewer", "/api/benchmarks/results",
                result.formatted(version, pool, true, "", "C".repeat(33), "1.20.0", "Xeon")), "executionProvider");
        assertNames(api().send("POST", "rita", "reviewer", "/api/benchmarks/results",
                result.formatted(version, pool, true, "", "CPU", "1".repeat(33), "Xeon")), "ortVersion");
        assertNames(api().send("POST", "rita", "reviewer", "/api/benchmarks/results",
                result.formatted(version, pool, true, "", "CPU", "1.20.0", "h".repeat(1001))), "hardware");
        assertNames(api().send("POST", "rita", "reviewer", "/api/benchmarks/results",
                result.formatted(version, pool, false, "r".repeat(1001), "CPU", "1.20.0", "Xeon")), "invalidReason");
        assertEquals(0, api().as("vera", "viewer", "/api/benchmarks/results?modelVersion=" + version).get(
                jakarta.json.JsonArray.class).size(), "no result stored");
    }

    // --- numbers beyond their column

    @Test
    void costEstimatesBeyondDecimal24And10AreRefusedAndTheLargestThatFitsIsKeptExactly() {
        long version = api().version(api().family(unique("costs"), "text-embedding"), "1.0.0");
        String path = "/api/catalog/versions/" + version + "/cost-estimates";
        String estimate = """
                {"pool": "p", "purchaseOption": "ON_DEMAND", "costPer1kUsd": %s, "monthlyUsd": %s, "source": "sheet"}""";
        for (String amount : List.of("\"1e309\"", "\"123456789012345\"", "\"1E+15\"", "\"0.00000000001\"",
                "\"1e-999999999\"", "\"1e999999999\"", "1e309", "\"-1\"", "\"NaN\"", "\"Infinity\"")) {
            assertNames(api().send("POST", "tina", "team", path, estimate.formatted(amount, "\"1.00\"")), "costPer1kUsd");
            assertNames(api().send("POST", "tina", "team", path, estimate.formatted("\"0.01\"", amount)), "monthlyUsd");
        }
        assertEquals(0, api().as("vera", "viewer", path).get(jakarta.json.JsonArray.class).size(), "nothing stored");

        JsonObject largest = api().created("tina", "team", path,
                estimate.formatted("\"99999999999999.9999999999\"", "\"0.0000000001\""));
        assertEquals("99999999999999.9999999999", largest.getString("costPer1kUsd"));
        assertEquals("0.0000000001", largest.getString("monthlyUsd"));
    }

    @Test
    void metricValuesTooSmallToShowAreZeroAndOnesWithTooManyDigitsAreRefused() {
        long version = api().version(api().family(unique("metric-digits"), "text-embedding"), "1.0.0");
        String path = "/api/catalog/versions/" + version + "/metrics";
        String metric = """
                {"name": "%s", "value": %s, "dataset": "d", "split": "test", "higherIsBetter": true,
                 "provenance": {"kind": "PUBLISHED", "source": "s"}}""";
        // answered at once either way: the JSON layer may refuse the exponent, else the value is 0 at 6 places
        CatalogClient.Answer tiny = api().send("POST", "tina", "team", path, metric.formatted("tiny", "1e-999999999"));
        if (tiny.status() == 201) {
            assertEquals(0, tiny.json().getJsonNumber("value").bigDecimalValue().signum());
        } else {
            assertNames(tiny, "value");
        }
        assertNames(api().send("POST", "tina", "team", path, metric.formatted("digits", "1." + "1".repeat(60))), "value");
        assertNames(api().send("POST", "tina", "team", path, metric.formatted("huge", "1e999999999")), "value");
    }

    @Test
    void aVersionWithManyLongCitedMetricsStillChangesAndItsAuditEntryKeepsThemAll() {
        long version = api().version(api().family(unique("many-metrics"), "text-embedding"), "1.0.0");
        String source = "a long citation ".repeat(62);
        for (int i = 0; i < 60; i++) {
            api().created("tina", "team", "/api/catalog/versions/" + version + "/metrics", """
                    {"name": "task_%d", "value": 50.5, "dataset": "%s", "split": "test", "higherIsBetter": true,
                     "provenance": {"kind": "PUBLISHED", "source": "%s"}}""".formatted(i, "d".repeat(128), source));
        }
        long revision = api().get("/api/catalog/versions/" + version).getJsonNumber("revision").longValue();
        CatalogClient.Answer patched = api().patch("tina", "team", "/api/catalog/versions/" + version,
                "{\"revision\": " + revision + ", \"label\": \"1.0.1\"}");
        assertEquals(200, patched.status(), patched::body);
        JsonObject entry = api().get("/api/catalog/audit?entityType=version&entityId=" + version).getJsonArray("items")
                .getValuesAs(JsonObject.class).stream().filter(e -> e.getString("action").equals("UPDATED")).findFirst()
                .orElseThrow();
        assertEquals(60, entry.getJsonObject("after").getJsonArray("metrics").size());
        assertEquals("1.0.1", entry.getJsonObject("after").getString("label"));
    }

    @Test
    void aVersionHoldsAtMostTheConfiguredNumberOfMetrics() {
        long version = api().version(api().family(unique("metrics-cap"), "text-embedding"), "1.0.0");
        String path = "/api/catalog/versions/" + version + "/metrics";
        for (int i = 0; i < METRICS_CAP; i++) {
            api().metric(version, "m_" + i, "1");
        }
        CatalogClient.Answer refused = api().send("POST", "tina", "team", path, """
                {"name": "one_more", "value": 1, "dataset": "d", "split": "test", "higherIsBetter": true,
                 "provenance": {"kind": "PUBLISHED", "source": "s"}}""");
        assertEquals(409, refused.status(), refused::body);
        assertEquals("application/problem+json", refused.contentType());
        assertTrue(refused.json().getString("detail").contains("catalog.metrics.max-per-version"), refused::body);
        assertEquals(METRICS_CAP, api().get("/api/catalog/versions/" + version).getJsonArray("metrics").size());
    }

    @Test
    void aSignatureBeyondItsColumnOrAnOpsetOutOfRangeIsRefused() {
        long version = api().version(api().family(unique("signature"), "text-embedding"), "1.0.0");
        String path = "/api/catalog/versions/" + version + "/signature";
        String inputs = IntStream.range(0, 700).mapToObj(i -> "{\"name\": \"input_" + "n".repeat(80) + i
                + "\", \"dtype\": \"int64\", \"shape\": [\"batch\", \"sequence\"]}").collect(Collectors.joining(","));
        String outputs = "[{\"name\": \"out\", \"dtype\": \"float\", \"shape\": [\"batch\", \"384\"]}]";
        assertNames(api().send("PUT", "rex", "runner", path, "{\"sha256\": \"" + SHA + "\", \"opset\": 11, \"inputs\": ["
                + inputs + "], \"outputs\": " + outputs + "}"), "inputs");
        for (String opset : List.of("0", "-5", "100", "2147483647")) {
            assertNames(api().send("PUT", "rex", "runner", path, "{\"sha256\": \"" + SHA + "\", \"opset\": " + opset
                    + ", \"inputs\": " + outputs + ", \"outputs\": " + outputs + "}"), "opset");
        }
        assertEquals(JsonValue.NULL, api().get("/api/catalog/versions/" + version).getJsonObject("artifact")
                .getOrDefault("ioSignature", JsonValue.NULL), "no signature stored");
    }

    @Test
    void sweepsWithARepeatedValueOrTooLongToStoreAreRefusedNamingTheList() {
        String pool = runners().pool();
        long version = api().version(api().family(unique("sweeps"), "text-embedding"), "1.0.0");
        String job = """
                {"modelVersionId": %d, "pool": "%s", "scenario": "OFFLINE", "sweep": %s, "durationSeconds": 2}""";
        String distinct = IntStream.rangeClosed(769, 1024).mapToObj(String::valueOf).collect(Collectors.joining(","));
        assertNames(api().send("POST", "tina", "team", "/api/benchmarks/jobs",
                job.formatted(version, pool, "{\"batchSizes\": [" + distinct + "]}")), "sweep.batchSizes");
        assertNames(api().send("POST", "tina", "team", "/api/benchmarks/jobs",
                job.formatted(version, pool, "{\"batchSizes\": [8, 8]}")), "sweep.batchSizes");
        assertNames(api().send("POST", "tina", "team", "/api/benchmarks/jobs",
                job.formatted(version, pool, "{\"batchSizes\": [1], \"concurrencies\": [2, 2]}")), "sweep.concurrencies");
        assertNames(api().send("POST", "tina", "team", "/api/benchmarks/jobs",
                job.formatted(version, pool, "{\"batchSizes\": [1], \"threads\": [1, 1]}")), "sweep.threads");
        assertEquals(0, api().get("/api/benchmarks/jobs?modelVersion=" + version).getInt("total"), "no job stored");
        String fits = IntStream.rangeClosed(1, 256).mapToObj(String::valueOf).collect(Collectors.joining(","));
        assertEquals(201, api().send("POST", "tina", "team", "/api/benchmarks/jobs",
                job.formatted(version, pool, "{\"batchSizes\": [" + fits + "]}")).status());
    }

    /**
     * The domain's half of "no integer wraps": a value its Java field holds but the domain does not is
     * refused naming the field (the JSON layer refuses one its field cannot hold: platform's StrictJson).
     */
    @Test
    void integersOutsideTheirDomainAreRefusedNamingTheFieldAndNothingIsStored() {
        String pool = runners().pool();
        long version = api().version(api().family(unique("ranges"), "text-embedding"), "1.0.0");
        String job = """
                {"modelVersionId": %d, "pool": "%s", "scenario": "OFFLINE", "sweep": {"batchSizes": [%s],
                 "concurrencies": [%s], "threads": [%s], "sequenceLength": %s}, "durationSeconds": %s, "maxAttempts": %s}""";
        List<List<String>> jobs = List.of(
                List.of("0", "1", "0", "128", "10", "3", "sweep.batchSizes"),
                List.of("1025", "1", "0", "128", "10", "3", "sweep.batchSizes"),
                List.of("1", "0", "0", "128", "10", "3", "sweep.concurrencies"),
                List.of("1", "1025", "0", "128", "10", "3", "sweep.concurrencies"),
                List.of("1", "1", "-1", "128", "10", "3", "sweep.threads"),
                List.of("1", "1", "257", "128", "10", "3", "sweep.threads"),
                List.of("1", "1", "0", "65537", "10", "3", "sweep.sequenceLength"),
                List.of("1", "1", "0", "128", "0", "3", "durationSeconds"),
                List.of("1", "1", "0", "128", "86401", "3", "durationSeconds"),
                List.of("1", "1", "0", "128", "10", "21", "maxAttempts"));
        for (List<String> values : jobs) {
            assertNames(api().send("POST", "tina", "team", "/api/benchmarks/jobs", job.formatted(version, pool,
                    values.get(0), values.get(1), values.get(2), values.get(3), values.get(4), values.get(5))),
                    values.get(6));
        }
        assertEquals(0, api().get("/api/benchmarks/jobs?modelVersion=" + version).getInt("total"));

        String poolPath = "/api/benchmarks/pools/" + unique("ranges");
        assertNames(api().send("PUT", "ada", "admin", poolPath, """
                {"instanceTypes": ["aws/c7i.xlarge"], "accelerator": "cpu", "cpuCores": 0}"""), "cpuCores");
        assertNames(api().send("PUT", "ada", "admin", poolPath, """
                {"instanceTypes": ["aws/c7i.xlarge"], "accelerator": "cpu", "memoryBytes": -1}"""), "memoryBytes");
        assertNames(api().send("PUT", "ada", "admin", poolPath, """
                {"instanceTypes": ["aws/c7i.xlarge"], "accelerator": "nvidia-a10g", "acceleratorCount": 0}"""),
                "acceleratorCount");
        assertEquals(404, api().send("GET", "vera", "viewer", poolPath, null).status());

        String result = """
                {"modelVersionId": %d, "pool": "%s", "scenario": "OFFLINE", "batchSize": %s, "concurrency": %s,
                 "throughputPerS": 10.0, "queries": %s, "durationSeconds": %s,
                 "provenance": {"kind": "PUBLISHED", "source": "a sheet"},
                 "citation": {"document": "a sheet", "table": "table 1"}}""";
        for (List<String> values : List.of(List.of("0", "1", "10", "60", "batchSize"),
                List.of("1", "0", "10", "60", "concurrency"), List.of("1", "1", "-1", "60", "queries"),
                List.of("1", "1", "10", "0", "durationSeconds"))) {
            assertNames(api().send("POST", "rita", "reviewer", "/api/benchmarks/results", result.formatted(version, pool,
                    values.get(0), values.get(1), values.get(2), values.get(3))), values.get(4));
        }
        assertEquals(0, api().as("vera", "viewer", "/api/benchmarks/results?modelVersion=" + version).get(
                jakarta.json.JsonArray.class).size());
    }

    // --- artifact URIs

    @Test
    void artifactUrisTheRulesForbidAreRefusedWhenRegisteredOrChangedAndNothingIsStored() {
        long family = api().family(unique("artifacts"), "text-embedding");
        String version = "{\"label\": \"%s\", \"artifact\": {\"uri\": \"%s\", \"sha256\": \"" + SHA
                + "\", \"format\": \"onnx\"%s}}";
        for (String uri : List.of("file:/etc/shadow", "file:/dev/zero", "file:/models/../var/jwt/private.pem",
                "file:/proc/self/environ", "http://127.0.0.1:8081/api/catalog/audit", "https://127.0.0.1/m.onnx",
                "https://169.254.169.254/latest/meta-data", "jar:https://repo.example.org/x.jar!/m.onnx",
                "file://localhost/models/m.onnx", "file:rel.onnx", "s3://bucket/m.onnx")) {
            assertNames(api().send("POST", "tina", "team", "/api/catalog/families/" + family + "/versions",
                    version.formatted("1.0.0", uri, "")), "artifact.uri");
        }
        assertNames(api().send("POST", "tina", "team", "/api/catalog/families/" + family + "/versions",
                version.formatted("1.0.0", "file:/models/big.onnx", ", \"sizeBytes\": 2147483649")), "artifact.sizeBytes");
        assertEquals(0, api().get("/api/catalog/families/" + family + "/versions").getInt("total"), "nothing registered");

        long registered = api().created("tina", "team", "/api/catalog/families/" + family + "/versions",
                version.formatted("1.0.0", "jar:file:/m2/dev/x/1.0/x-1.0.jar!/model.onnx", "")).getJsonNumber("id")
                .longValue();
        long revision = api().get("/api/catalog/versions/" + registered).getJsonNumber("revision").longValue();
        assertNames(api().patch("tina", "team", "/api/catalog/versions/" + registered, "{\"revision\": " + revision
                + ", \"artifact\": {\"uri\": \"file:/var/jwt/private.pem\", \"sha256\": \"" + SHA
                + "\", \"format\": \"onnx\"}}"), "artifact.uri");
        assertEquals("jar:file:/m2/dev/x/1.0/x-1.0.jar!/model.onnx", api().get("/api/catalog/versions/" + registered)
                .getJsonObject("artifact").getString("uri"), "unchanged");
    }

    @Test
    void aJobForAVersionWhoseStoredUriBreaksTheRulesIsRefused() throws SQLException {
        String pool = runners().pool();
        long version = api().version(api().family(unique("old-uri"), "text-embedding"), "1.0.0");
        try (Connection connection = dataSource.getConnection(); Statement update = connection.createStatement()) {
            // as a version registered before the rules were
            update.executeUpdate("UPDATE model_version SET artifact_uri = 'file:/etc/shadow' WHERE id = " + version);
        }
        CatalogClient.Answer refused = api().send("POST", "tina", "team", "/api/benchmarks/jobs", """
                {"modelVersionId": %d, "pool": "%s", "scenario": "OFFLINE", "sweep": {"batchSizes": [1]},
                 "durationSeconds": 2}""".formatted(version, pool));
        assertNames(refused, "modelVersionId");
        assertTrue(refused.body().contains("outside the model roots"), refused::body);
    }

    // --- the same through gRPC

    @Test
    void registerPoolRefusesOverLongFieldsWithInvalidArgumentNamingThem() {
        RegisterPoolRequest good = RegisterPoolRequest.newBuilder().setPool(unique("grpc-long")).addInstanceTypes("aws/c7i.xlarge")
                .setAccelerator("cpu").setCpuModel("Xeon").setCpuCores(2).setRunnerVersion("0.1.0").build();
        assertInvalidArgument(() -> runners().runner().registerPool(good.toBuilder().setCpuModel("x".repeat(257)).build()),
                "cpuModel");
        assertInvalidArgument(() -> runners().runner().registerPool(good.toBuilder().setRunnerVersion("v".repeat(65))
                .build()), "runnerVersion");
        assertEquals(404, api().send("GET", "vera", "viewer", "/api/benchmarks/pools/" + good.getPool(), null).status());
    }

    @Test
    void leaseRefusesAnOverLongRunnerIdWithInvalidArgument() {
        String pool = runners().pool();
        assertInvalidArgument(() -> runners().runner().leaseJob(RunnerClient.lease(pool, "r".repeat(257))), "runner_id");
    }

    @Test
    void aReportWithFieldsBeyondTheirColumnsFailsTheJobNamingThePointAndTheField() {
        String pool = runners().pool();
        long version = api().version(api().family(unique("report-long"), "text-embedding"), "1.0.0");
        ReportResultRequest invalidPoint = RunnerClient.report(lease(version, pool), "k-invalid", 1);
        List<ReportResultRequest.Builder> reports = List.of(
                RunnerClient.report(lease(version, pool), "k-provider", 1).toBuilder().setExecutionProvider("C".repeat(33)),
                RunnerClient.report(lease(version, pool), "k-ort", 1).toBuilder().setOrtVersion("1".repeat(33)),
                RunnerClient.report(lease(version, pool), "k-config", 1).toBuilder().setSessionOptions("o".repeat(70_000)),
                invalidPoint.toBuilder().setPoints(0, invalidPoint.getPoints(0).toBuilder().setValid(false)
                        .setInvalidReason("i".repeat(1001))));
        List<String> fields = List.of("executionProvider", "ortVersion", "config", "invalidReason");
        for (int i = 0; i < reports.size(); i++) {
            ReportResultRequest report = reports.get(i).build();
            assertTrue(runners().runner().reportResult(report).getRecorded(), "recorded, so the runner does not re-send");
            JsonObject job = api().get("/api/benchmarks/jobs/" + report.getJobId());
            assertEquals("FAILED", job.getString("status"));
            String reason = job.getString("failureReason");
            assertTrue(reason.startsWith("INVALID_REPORT: point 1 (batch 1, concurrency 1): " + fields.get(i)), reason);
            assertEquals(0, job.getJsonArray("resultIds").size());
        }
    }

    /** Submits a job for the version on the pool and leases it; answers the lease. */
    private LeaseJobResponse lease(long version, String pool) {
        api().created("tina", "team", "/api/benchmarks/jobs", """
                {"modelVersionId": %d, "pool": "%s", "scenario": "OFFLINE", "sweep": {"batchSizes": [1]},
                 "durationSeconds": 2}""".formatted(version, pool));
        LeaseJobResponse lease = runners().runner().leaseJob(RunnerClient.lease(pool, "runner-a"));
        assertTrue(lease.hasJob());
        return lease;
    }

    // --- helpers

    private List<String> tierAudit(long version) {
        return api().get("/api/catalog/audit?entityType=tier&entityId=" + version).getJsonArray("items")
                .getValuesAs(JsonObject.class).stream().map(e -> e.getString("action")).toList();
    }

    /** A 400 or 422 problem (the JSON layer's or the domain's refusal) naming the field. */
    static JsonObject assertNames(CatalogClient.Answer answer, String field) {
        assertTrue(answer.status() == 400 || answer.status() == 422, () -> answer.status() + ": " + answer.body());
        assertEquals("application/problem+json", answer.contentType(), answer::body);
        JsonObject problem = answer.json();
        List<String> named = problem.getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("field", "")).toList();
        assertTrue(named.stream().anyMatch(f -> f.equals(field) || f.endsWith("." + field) || f.equals("$." + field)),
                () -> "expected " + field + " in " + answer.body());
        return problem;
    }

    static void assertInvalidArgument(org.junit.jupiter.api.function.Executable call, String field) {
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, call);
        assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode(), refused::toString);
        assertTrue(refused.getStatus().getDescription().contains(field + ": "), refused::toString);
    }
}
