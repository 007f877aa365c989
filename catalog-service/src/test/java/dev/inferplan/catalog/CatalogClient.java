package dev.inferplan.catalog;

import java.util.List;
import java.util.UUID;

import dev.inferplan.platform.testing.TestTokens;

import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The catalog's REST API as the tests call it: real HTTP, real JSON, a token per user and role. */
public record CatalogClient(WebTarget target) {

    /** {@code path} may carry a query string ("/api/catalog/versions?task=x&size=2"). */
    public Invocation.Builder as(String user, String role, String path) {
        int question = path.indexOf('?');
        WebTarget resource = target.path(question < 0 ? path : path.substring(0, question));
        if (question >= 0) {
            for (String pair : path.substring(question + 1).split("&")) {
                int equals = pair.indexOf('=');
                resource = resource.queryParam(pair.substring(0, equals), pair.substring(equals + 1));
            }
        }
        return resource.request().header("Authorization", "Bearer " + TestTokens.token(user, role));
    }

    public Response post(String user, String role, String path, String json) {
        return as(user, role, path).post(Entity.json(json));
    }

    /** An answer read whole (PATCH and other methods Jersey's default client connector cannot send). */
    public record Answer(int status, String contentType, String body) {
        public JsonObject json() {
            try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(body))) {
                return reader.readObject();
            }
        }
    }

    public Answer patch(String user, String role, String path, String json) {
        return send("PATCH", user, role, path, json);
    }

    public Answer send(String method, String user, String role, String path, String json) {
        return sendAs(TestTokens.token(user, role), method, path, json);
    }

    /** With a token of the caller's making (a runner's with its pool claim, say). */
    public Answer sendAs(String token, String method, String path, String json) {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(target.getUri().resolve(path))
                .timeout(java.time.Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .method(method, json == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        // HTTP/1.1: the JDK client would otherwise try an h2c upgrade, which Helidon does not answer for these requests.
        try (java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build()) {
            java.net.http.HttpResponse<String> response = http.send(request.build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response put(String user, String role, String path, String json) {
        return as(user, role, path).put(Entity.json(json));
    }

    public JsonObject get(String path) {
        try (Response response = as("vera", "viewer", path).get()) {
            assertEquals(200, response.getStatus(), () -> path + ": " + response.readEntity(String.class));
            return response.readEntity(JsonObject.class);
        }
    }

    /** POSTs and expects 201; answers the created resource. */
    public JsonObject created(String user, String role, String path, String json) {
        try (Response response = post(user, role, path, json)) {
            assertEquals(201, response.getStatus(), () -> path + ": " + response.readEntity(String.class));
            return response.readEntity(JsonObject.class);
        }
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public long family(String name, String task) {
        return created("tina", "team", "/api/catalog/families", """
                {"name": "%s", "task": "%s", "owner": "vision-team", "description": "A test family.", "license": "Apache-2.0"}
                """.formatted(name, task)).getJsonNumber("id").longValue();
    }

    public long version(long familyId, String label) {
        return created("tina", "team", "/api/catalog/families/" + familyId + "/versions", """
                {"label": "%s", "artifact": {"uri": "file:/models/%s.onnx", "sha256": "%s", "format": "onnx"}}
                """.formatted(label, label, "ab".repeat(32))).getJsonNumber("id").longValue();
    }

    public void metric(long versionId, String name, String value) {
        created("tina", "team", "/api/catalog/versions/" + versionId + "/metrics", """
                {"name": "%s", "value": %s, "dataset": "imagenet-1k", "split": "validation", "higherIsBetter": true,
                 "provenance": {"kind": "PUBLISHED", "source": "a paper, table 2"}}
                """.formatted(name, value));
    }

    /** A pool, a published result and a cost estimate a reviewer accepted: what the approval gates ask for. */
    public void evidence(long versionId, String costPer1kUsd) {
        acceptedCost(versionId, benchmarkEvidence(versionId), costPer1kUsd);
    }

    /** A hand-typed cost estimate a reviewer accepted with a reason: what the cost gate asks for. */
    public void acceptedCost(long versionId, String pool, String costPer1kUsd) {
        long estimate = created("tina", "team", "/api/catalog/versions/" + versionId + "/cost-estimates", """
                {"pool": "%s", "purchaseOption": "ON_DEMAND", "costPer1kUsd": "%s", "monthlyUsd": "122.6400",
                 "assumptions": "steady 10 qps", "source": "recommender report 42"}
                """.formatted(pool, costPer1kUsd)).getJsonNumber("id").longValue();
        try (Response response = post("rita", "reviewer", "/api/catalog/versions/" + versionId + "/cost-estimates/"
                + estimate + "/acceptance", "{\"reason\": \"checked against the vendor's quote\"}")) {
            assertEquals(200, response.getStatus(), () -> response.readEntity(String.class));
        }
    }

    /** A pool and a published result, cited and recorded by a reviewer: what the benchmark gate asks for; answers the pool. */
    public String benchmarkEvidence(long versionId) {
        String pool = "test-cpu-pool";
        try (Response response = put("ada", "admin", "/api/benchmarks/pools/" + pool, """
                {"instanceTypes": ["aws/c7i.xlarge"], "accelerator": "cpu", "acceleratorCount": 0,
                 "cpuModel": "Intel Xeon", "cpuCores": 4, "memoryBytes": 8589934592}
                """)) {
            assertEquals(200, response.getStatus(), () -> response.readEntity(String.class));
        }
        created("rita", "reviewer", "/api/benchmarks/results", """
                {"modelVersionId": %d, "pool": "%s", "scenario": "OFFLINE", "batchSize": 8, "concurrency": 1,
                 "throughputPerS": 412.5, "latencyMs": {"p50": 18.1, "p90": 19.0, "p95": 19.4, "p99": 21.7, "max": 30.2},
                 "queries": 4000, "durationSeconds": 60, "valid": true, "executionProvider": "CPU",
                 "ortVersion": "1.20.0", "hardware": "Intel Xeon, 4 cores",
                 "provenance": {"kind": "PUBLISHED", "source": "vendor benchmark sheet, 2026"},
                 "citation": {"document": "vendor benchmark sheet, 2026", "table": "table 3, c7i.xlarge"}}
                """.formatted(versionId, pool));
        return pool;
    }

    public JsonObject review(String user, String role, long versionId, String action, String reason) {
        try (Response response = post(user, role, "/api/catalog/versions/" + versionId + "/reviews",
                "{\"action\": \"" + action + "\"" + (reason == null ? "" : ", \"reason\": \"" + reason + "\"") + "}")) {
            assertEquals(200, response.getStatus(), () -> action + ": " + response.readEntity(String.class));
            return response.readEntity(JsonObject.class);
        }
    }

    public static List<String> fields(JsonObject problem) {
        return problem.getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("field")).toList();
    }
}
