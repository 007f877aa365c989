package dev.inferplan.catalog.hardening;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.inferplan.platform.testing.MariaDbDatabase;
import dev.inferplan.platform.testing.RawHttp;
import dev.inferplan.platform.testing.ServiceProcess;
import dev.inferplan.platform.testing.StoredRows;
import dev.inferplan.platform.testing.TestTokens;
import dev.inferplan.platform.testing.fuzz.ServiceFuzz;

import jakarta.json.JsonObject;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The fuzz test (issue 11 §6) against the catalog as a process on MariaDB: every operation of its
 * OpenAPI document, with a family, a version, a pool and a job to aim at.
 */
class CatalogFuzzIT extends ServiceFuzz {

    private static ServiceProcess catalog;
    private static StoredRows rows;
    private static Map<String, List<String>> known;

    @BeforeContainer
    static void start() {
        String database = MariaDbDatabase.prepareFor(CatalogFuzzIT.class);
        catalog = ServiceProcess.start("catalog-service", ServiceProcess.config(
                "DB_URL", database, "DB_USER", MariaDbDatabase.user(), "DB_PASSWORD", MariaDbDatabase.password(),
                "catalog.seed.enabled", "false",
                // the fuzzed version's artifact lives below this (never read: no runner leases here)
                "catalog.artifacts.file-roots", "/models"));
        rows = StoredRows.open(database, MariaDbDatabase.user(), MariaDbDatabase.password());
        RawHttp http = new RawHttp(catalog.baseUri());
        String family = created(http, "/api/catalog/families", """
                {"name": "fuzz-family", "task": "image-classification", "owner": "fuzz", "description": "d", "license": "MIT"}""");
        String version = created(http, "/api/catalog/families/" + family + "/versions", """
                {"label": "v1", "artifact": {"uri": "jar:file:/models/fuzz.jar!/model.onnx", "sha256": "%s", "format": "onnx"}}"""
                .formatted("ab".repeat(32)));
        RawHttp.Answer pool = http.send("PUT", "/api/benchmarks/pools/fuzz-pool", Map.of("Authorization", "Bearer "
                + TestTokens.token("admin"), "Content-Type", "application/json"), """
                {"instanceTypes": ["aws/c7i.xlarge"], "accelerator": "cpu", "acceleratorCount": 0, "cpuCores": 4}"""
                .getBytes(StandardCharsets.UTF_8));
        if (pool.status() != 200) {
            throw new IllegalStateException("pool: " + pool);
        }
        String job = created(http, "/api/benchmarks/jobs", """
                {"modelVersionId": %s, "pool": "fuzz-pool", "scenario": "OFFLINE",
                 "sweep": {"batchSizes": [1], "concurrencies": [1], "threads": [0]}, "durationSeconds": 5}""".formatted(version));
        known = Map.ofEntries(
                Map.entry("id", List.of(version, family, job)),
                Map.entry("familyId", List.of(family)),
                Map.entry("modelVersionId", List.of(version)),
                Map.entry("modelVersion", List.of(version)),
                Map.entry("parentVersionId", List.of(version)),
                Map.entry("pool", List.of("fuzz-pool")),
                Map.entry("scenario", List.of("OFFLINE", "SERVER", "SINGLE_STREAM", "MULTI_STREAM")),
                Map.entry("action", List.of("SUBMIT", "APPROVE", "REJECT", "DEPRECATE")),
                Map.entry("tier", List.of("TIER_1", "TIER_2", "TIER_3")),
                Map.entry("status", List.of("PROPOSED", "IN_REVIEW", "APPROVED", "QUEUED", "RUNNING")),
                Map.entry("kind", List.of("PUBLISHED", "MEASURED", "FINE_TUNED", "QUANTIZED")),
                Map.entry("task", List.of("image-classification", "text-embedding")),
                Map.entry("accelerator", List.of("cpu", "nvidia-a10g")),
                Map.entry("instanceTypes", List.of("aws/c7i.xlarge", "aws/g5.xlarge")),
                Map.entry("purchaseOption", List.of("ON_DEMAND", "SPOT")),
                Map.entry("executionProviders", List.of("CPU", "CUDA")),
                Map.entry("format", List.of("onnx")),
                Map.entry("sha256", List.of("ab".repeat(32))),
                Map.entry("uri", List.of("jar:file:/models/fuzz.jar!/model.onnx")),
                Map.entry("costPer1kUsd", List.of("0.05")),
                Map.entry("monthlyUsd", List.of("120.00")),
                Map.entry("revision", List.of("1")),
                Map.entry("name", List.of("top1", "fuzz-task")),
                Map.entry("entityType", List.of("MODEL_VERSION", "FAMILY")));
    }

    private static String created(RawHttp http, String path, String json) {
        RawHttp.Answer answer = http.send("POST", path, Map.of("Authorization", "Bearer " + TestTokens.token("admin"),
                "Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8));
        if (answer.status() != 201) {
            throw new IllegalStateException(path + ": " + answer);
        }
        JsonObject created = answer.json();
        return String.valueOf(created.getJsonNumber("id").longValue());
    }

    @AfterContainer
    static void stop() {
        if (rows != null) {
            rows.close();
        }
        if (catalog != null) {
            catalog.close();
        }
    }

    @Override
    protected URI service() {
        return catalog.baseUri();
    }

    @Override
    protected String token() {
        return TestTokens.token("fuzzer", "viewer", "team", "reviewer", "admin", "runner");
    }

    @Override
    protected Map<String, List<String>> known() {
        return known;
    }

    @Override
    protected Map<String, Long> storedRows() {
        return rows.counts();
    }
}
