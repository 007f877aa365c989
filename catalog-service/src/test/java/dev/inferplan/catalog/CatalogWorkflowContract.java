package dev.inferplan.catalog;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import dev.inferplan.contracts.grpc.catalog.CatalogServiceGrpc;
import dev.inferplan.contracts.grpc.catalog.ModelVersion;
import dev.inferplan.contracts.grpc.catalog.StreamModelVersionsRequest;
import dev.inferplan.platform.grpc.ServiceChannel;
import dev.inferplan.platform.testing.TestTokens;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import static dev.inferplan.catalog.CatalogClient.fields;
import static dev.inferplan.catalog.CatalogClient.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The catalog's whole workflow through REST (and gRPC) against a real database, H2 or MariaDB per
 * subclass: registration, bad input that names the field and writes nothing, the review workflow
 * with its gates and the two-reviewer rule, optimistic locking and concurrent decisions, the audit
 * log, the model card, search and the recommender's stream.
 */
public abstract class CatalogWorkflowContract {

    @Inject
    WebTarget target;

    @Inject
    @Named("catalog")
    DataSource dataSource;

    abstract String expectedDatabaseProduct();

    CatalogClient api() {
        return new CatalogClient(target);
    }

    @Test
    void runsOnTheExpectedDatabase() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            assertEquals(expectedDatabaseProduct(), connection.getMetaData().getDatabaseProductName());
        }
    }

    @Test
    void registeredFamilyVersionAndMetricAreReadBackWithProvenance() {
        String name = unique("resnet");
        long family = api().family(name, "image-classification");
        JsonObject version;
        try (Response created = api().post("tina", "team", "/api/catalog/families/" + family + "/versions", """
                {"label": "1.0.0", "artifact": {"uri": "jar:file:/m2/model.jar!/resnet.onnx",
                 "sha256": "%s", "format": "ONNX"}}""".formatted("AB".repeat(32)))) {
            assertEquals(201, created.getStatus(), () -> created.readEntity(String.class));
            version = created.readEntity(JsonObject.class);
            assertTrue(created.getLocation().getPath().endsWith("/api/catalog/versions/" + version.getInt("id")));
        }
        assertEquals("PROPOSED", version.getString("status"));
        assertEquals("ab".repeat(32), version.getJsonObject("artifact").getString("sha256"), "normalized to lowercase");
        assertEquals("onnx", version.getJsonObject("artifact").getString("format"));
        assertEquals(1, version.getInt("revision"));
        long id = version.getJsonNumber("id").longValue();
        api().metric(id, "top1", "80.858");

        JsonObject read = api().get("/api/catalog/versions/" + id);
        assertEquals(name, read.getString("familyName"));
        assertEquals("image-classification", read.getString("task"));
        JsonObject metric = read.getJsonArray("metrics").getJsonObject(0);
        assertEquals("top1", metric.getString("name"));
        assertEquals("80.858", metric.getJsonNumber("value").bigDecimalValue().toPlainString());
        assertEquals("PUBLISHED", metric.getJsonObject("provenance").getString("kind"));
        assertEquals("a paper, table 2", metric.getJsonObject("provenance").getString("source"));
        assertEquals("tina", metric.getString("createdBy"));
        assertEquals("TIER_2", read.getString("tier"), "top1 below the high-accuracy threshold, no cost yet");
    }

    @Test
    void badPayloadsNameEveryFieldAtFaultAndWriteNothing() throws SQLException {
        Map<String, Long> before = counts();
        try (Response missing = api().post("tina", "team", "/api/catalog/families", "{\"name\": \"x\"}")) {
            assertEquals(422, missing.getStatus());
            assertEquals("application/problem+json", missing.getMediaType().toString());
            assertEquals(List.of("task", "owner", "license"), fields(missing.readEntity(JsonObject.class)));
        }
        try (Response unknownTask = api().post("tina", "team", "/api/catalog/families", """
                {"name": "%s", "task": "image-classifcation", "owner": "o", "license": "MIT"}""".formatted(unique("f")))) {
            assertEquals(422, unknownTask.getStatus());
            JsonObject problem = unknownTask.readEntity(JsonObject.class);
            assertEquals(List.of("task"), fields(problem));
            assertTrue(problem.getJsonArray("errors").getJsonObject(0).getString("reason").contains("unknown task"));
        }
        try (Response malformed = api().post("tina", "team", "/api/catalog/families", "{\"name\": ")) {
            assertEquals(400, malformed.getStatus());
            assertEquals("https://inferplan.dev/problems/malformed-json", malformed.readEntity(JsonObject.class).getString("type"));
        }
        long family = api().family(unique("vit"), "image-classification");
        long version = api().version(family, "1.0.0");
        Map<String, Long> afterSetup = counts();
        try (Response badArtifact = api().post("tina", "team", "/api/catalog/families/" + family + "/versions", """
                {"label": "2.0.0", "artifact": {"uri": "ftp://host/m.onnx", "sha256": "abc123", "format": "pt"},
                 "lineage": {"kind": "copied-from", "parentVersionId": 999999}}""")) {
            assertEquals(422, badArtifact.getStatus());
            assertEquals(List.of("artifact.uri", "artifact.sha256", "artifact.format", "lineage.kind", "lineage.parentVersionId"),
                    fields(badArtifact.readEntity(JsonObject.class)));
        }
        try (Response duplicate = api().post("tina", "team", "/api/catalog/families/" + family + "/versions", """
                {"label": "1.0.0"}""")) {
            assertEquals(422, duplicate.getStatus());
            JsonObject problem = duplicate.readEntity(JsonObject.class);
            assertEquals(List.of("label"), fields(problem));
            assertTrue(problem.getJsonArray("errors").getJsonObject(0).getString("reason").contains("already has"));
        }
        try (Response negative = api().post("tina", "team", "/api/catalog/versions/" + version + "/metrics", """
                {"name": "top1", "value": -3.5, "dataset": "imagenet-1k", "split": "val", "higherIsBetter": true,
                 "provenance": {"kind": "CLAIMED"}}""")) {
            assertEquals(422, negative.getStatus());
            assertEquals(List.of("value", "provenance.kind", "provenance.source"), fields(negative.readEntity(JsonObject.class)));
        }
        try (Response notANumber = api().post("tina", "team", "/api/catalog/versions/" + version + "/metrics", """
                {"name": "top1", "value": "high"}""")) {
            assertEquals(400, notANumber.getStatus());
        }
        try (Response noVersion = api().post("tina", "team", "/api/catalog/versions/987654/metrics", "{}")) {
            assertEquals(404, noVersion.getStatus());
        }
        assertEquals(afterSetup, counts(), "no refused request wrote anything");
        assertEquals(before.get("model_family") + 1, afterSetup.get("model_family"));
    }

    @Test
    void wholeWorkflowWithGatesFromProposedToDeprecated() {
        long family = api().family(unique("convnext"), "image-classification");
        long version = api().version(family, "1.0.0");
        api().metric(version, "top1", "82.1");

        try (Response teamApproves = api().post("tina", "team", reviews(version), "{\"action\": \"SUBMIT\"}")) {
            assertEquals(200, teamApproves.getStatus(), "a team submits its own version");
        }
        try (Response teamApproves = api().post("tina", "team", reviews(version), "{\"action\": \"APPROVE\", \"reason\": \"mine\"}")) {
            assertEquals(403, teamApproves.getStatus(), "approving is the committee's");
        }
        try (Response noReason = api().post("rita", "reviewer", reviews(version), "{\"action\": \"APPROVE\"}")) {
            assertEquals(422, noReason.getStatus());
            assertEquals(List.of("reason"), fields(noReason.readEntity(JsonObject.class)));
        }
        try (Response gated = api().post("rita", "reviewer", reviews(version), "{\"action\": \"APPROVE\", \"reason\": \"good\"}")) {
            assertEquals(409, gated.getStatus());
            JsonObject problem = gated.readEntity(JsonObject.class);
            assertEquals("https://inferplan.dev/problems/approval-gate", problem.getString("type"));
            assertEquals(List.of("benchmarkResults", "costEstimates"), fields(problem));
            assertEquals("IN_REVIEW", problem.getJsonObject("current").getString("status"));
        }
        api().evidence(version, "0.0040");
        assertEquals("TIER_1", api().get("/api/catalog/versions/" + version).getString("tier"),
                "cheap (≤ 0.01 USD per 1k) and below the high-accuracy threshold");

        JsonObject approved = api().review("rita", "reviewer", version, "APPROVE", "benchmarked and cheap");
        assertEquals("APPROVED", approved.getJsonObject("version").getString("status"));
        assertEquals("rita", approved.getJsonObject("decision").getString("decidedBy"));
        assertEquals("benchmarked and cheap", approved.getJsonObject("decision").getString("reason"));
        assertEquals("IN_REVIEW", approved.getJsonObject("decision").getString("fromStatus"));

        try (Response illegal = api().post("rita", "reviewer", reviews(version), "{\"action\": \"REJECT\", \"reason\": \"late\"}")) {
            assertEquals(409, illegal.getStatus());
            JsonObject problem = illegal.readEntity(JsonObject.class);
            assertEquals("https://inferplan.dev/problems/illegal-transition", problem.getString("type"));
            assertTrue(problem.getString("detail").contains("allowed: [DEPRECATE]"), problem::toString);
            assertEquals("APPROVED", problem.getJsonObject("current").getString("status"));
        }
        JsonObject deprecated = api().review("ada", "admin", version, "DEPRECATE", "superseded by 2.0.0");
        assertEquals("DEPRECATED", deprecated.getJsonObject("version").getString("status"));
        try (Response fin = api().post("ada", "admin", reviews(version), "{\"action\": \"SUBMIT\"}")) {
            assertEquals(409, fin.getStatus());
            assertTrue(fin.readEntity(JsonObject.class).getString("detail").contains("final"));
        }
        List<String> history = target.path(reviews(version)).request().header("Authorization", TestTokens.bearer("viewer"))
                .get(jakarta.json.JsonArray.class).getValuesAs(JsonObject.class).stream()
                .map(d -> d.getString("action") + ":" + d.getString("decidedBy")).toList();
        assertEquals(List.of("SUBMIT:tina", "APPROVE:rita", "DEPRECATE:ada"), history);
    }

    @Test
    void tier3ApprovalNeedsTwoDistinctReviewers() {
        long family = api().family(unique("eva02"), "image-classification");
        long version = api().version(family, "1.0.0");
        api().metric(version, "top1", "89.9");
        api().evidence(version, "0.0500");
        assertEquals("TIER_3", api().get("/api/catalog/versions/" + version).getString("tier"));
        api().review("tina", "team", version, "SUBMIT", null);

        JsonObject first = api().review("rita", "reviewer", version, "APPROVE", "accuracy verified");
        assertEquals("IN_REVIEW", first.getJsonObject("version").getString("status"), "one approval is not enough");
        assertEquals(1, first.getInt("approvals"));
        assertEquals(2, first.getInt("approvalsRequired"));
        try (Response again = api().post("rita", "reviewer", reviews(version), "{\"action\": \"APPROVE\", \"reason\": \"really\"}")) {
            assertEquals(409, again.getStatus());
            assertEquals("https://inferplan.dev/problems/second-reviewer-required", again.readEntity(JsonObject.class).getString("type"));
        }
        JsonObject second = api().review("rob", "reviewer", version, "APPROVE", "cost justified");
        assertEquals("APPROVED", second.getJsonObject("version").getString("status"));
        assertEquals(2, second.getInt("approvals"));
    }

    @Test
    void committeeOverridesTheProposedTierWithAReason() {
        long family = api().family(unique("mobilenet"), "image-classification");
        long version = api().version(family, "1.0.0");
        api().metric(version, "top1", "75.2");
        long revision = api().get("/api/catalog/versions/" + version).getInt("revision");
        try (Response teamTries = api().put("tina", "team", "/api/catalog/versions/" + version + "/tier",
                "{\"tier\": \"TIER_1\", \"reason\": \"fast\"}")) {
            assertEquals(403, teamTries.getStatus());
        }
        try (Response override = api().put("rita", "reviewer", "/api/catalog/versions/" + version + "/tier",
                "{\"tier\": \"TIER_1\", \"reason\": \"edge deployments only\", \"revision\": " + revision + "}")) {
            assertEquals(200, override.getStatus(), () -> override.readEntity(String.class));
            JsonObject after = override.readEntity(JsonObject.class);
            assertEquals("TIER_1", after.getString("tier"));
            assertEquals("TIER_2", after.getString("proposedTier"));
            assertEquals("edge deployments only", after.getJsonObject("tierOverride").getString("reason"));
            assertEquals("rita", after.getJsonObject("tierOverride").getString("by"));
        }
        JsonObject assessment = api().get("/api/catalog/versions/" + version + "/tier");
        assertTrue(assessment.getJsonArray("reasons").toString().contains("75.2"), assessment::toString);
        JsonObject audit = api().get("/api/catalog/audit?entityType=tier&entityId=" + version);
        JsonObject overridden = audit.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(e -> e.getString("action").equals("OVERRIDDEN")).findFirst().orElseThrow();
        assertEquals("rita", overridden.getString("actor"));
        assertEquals("TIER_1", overridden.getJsonObject("after").getString("tier"));
        assertEquals("TIER_2", overridden.getJsonObject("before").getString("tier"));
    }

    @Test
    void staleRevisionIsRefusedWithTheCurrentState() {
        long family = api().family(unique("regnet"), "image-classification");
        long version = api().version(family, "1.0.0");
        CatalogClient.Answer noRevision = api().patch("tina", "team", "/api/catalog/versions/" + version,
                "{\"label\": \"1.0.1\"}");
        assertEquals(428, noRevision.status());
        assertEquals(List.of("revision"), fields(noRevision.json()));
        CatalogClient.Answer first = api().patch("tina", "team", "/api/catalog/versions/" + version,
                "{\"label\": \"1.0.1\", \"revision\": 1}");
        assertEquals(200, first.status(), first::body);
        assertEquals(2, first.json().getInt("revision"));
        CatalogClient.Answer stale = api().patch("tom", "team", "/api/catalog/versions/" + version,
                "{\"label\": \"1.0.2\", \"revision\": 1}");
        assertEquals(409, stale.status());
        assertEquals("https://inferplan.dev/problems/stale-revision", stale.json().getString("type"));
        assertEquals("1.0.1", stale.json().getJsonObject("current").getString("label"));
        assertEquals(2, stale.json().getJsonObject("current").getInt("revision"));
        CatalogClient.Answer staleFamily = api().patch("tina", "team", "/api/catalog/families/" + family,
                "{\"owner\": \"other\", \"revision\": 7}");
        assertEquals(409, staleFamily.status());
        assertEquals(1, staleFamily.json().getJsonObject("current").getInt("revision"));
        try (Response staleReview = api().post("rita", "reviewer", reviews(version), "{\"action\": \"SUBMIT\", \"revision\": 1}")) {
            assertEquals(409, staleReview.getStatus());
            assertEquals("PROPOSED", staleReview.readEntity(JsonObject.class).getJsonObject("current").getString("status"));
        }
    }

    @Test
    void twoReviewersDecidingAtOnceOneWinsTheOtherSeesWhatWon() throws Exception {
        for (int round = 0; round < 3; round++) {
            long family = api().family(unique("race"), "image-classification");
            long version = api().version(family, "1.0.0");
            api().evidence(version, "0.0300");
            api().review("tina", "team", version, "SUBMIT", null);
            long revision = api().get("/api/catalog/versions/" + version).getInt("revision");
            int reviewers = 6;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(reviewers);
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < reviewers; i++) {
                String user = "reviewer-" + i;
                String action = i % 2 == 0 ? "APPROVE" : "REJECT";
                answers.add(pool.submit((Callable<Response>) () -> {
                    start.await();
                    return api().post(user, "reviewer", reviews(version), "{\"action\": \"" + action
                            + "\", \"reason\": \"race\", \"revision\": " + revision + "}");
                }));
            }
            start.countDown();
            int wins = 0;
            String winner = null;
            List<JsonObject> losers = new ArrayList<>();
            for (Future<Response> answer : answers) {
                try (Response response = answer.get()) {
                    if (response.getStatus() == 200) {
                        wins++;
                        winner = response.readEntity(JsonObject.class).getJsonObject("version").getString("status");
                    } else {
                        assertEquals(409, response.getStatus(), () -> response.readEntity(String.class));
                        losers.add(response.readEntity(JsonObject.class));
                    }
                }
            }
            pool.shutdown();
            assertEquals(1, wins, "exactly one decision wins");
            for (JsonObject loser : losers) {
                assertEquals(winner, loser.getJsonObject("current").getString("status"), "the loser sees what won");
            }
            JsonObject after = api().get("/api/catalog/versions/" + version);
            assertEquals(winner, after.getString("status"));
            long decisions = target.path(reviews(version)).request().header("Authorization", TestTokens.bearer("viewer"))
                    .get(jakarta.json.JsonArray.class).size();
            assertEquals(2, decisions, "SUBMIT and the one winning decision");
        }
    }

    @Test
    void everyChangeIsAuditedWithWhoWhenAndBeforeAfter() {
        long family = api().family(unique("deit"), "image-classification");
        assertEquals(200, api().patch("olga", "admin", "/api/catalog/families/" + family,
                "{\"owner\": \"platform-team\", \"revision\": 1}").status());
        long version = api().version(family, "1.0.0");
        api().metric(version, "top1", "81.8");
        api().review("tina", "team", version, "SUBMIT", null);

        List<JsonObject> familyLog = api().get("/api/catalog/audit?entityType=family&entityId=" + family)
                .getJsonArray("items").getValuesAs(JsonObject.class);
        assertEquals(List.of("CREATED", "UPDATED"), familyLog.stream().map(e -> e.getString("action")).toList());
        JsonObject update = familyLog.get(1);
        assertEquals("olga", update.getString("actor"));
        assertEquals("vision-team", update.getJsonObject("before").getString("owner"));
        assertEquals("platform-team", update.getJsonObject("after").getString("owner"));
        assertTrue(update.getString("at").startsWith("20"));

        List<String> aboutVersion = api().get("/api/catalog/audit?modelVersion=" + version).getJsonArray("items")
                .getValuesAs(JsonObject.class).stream().map(e -> e.getString("entityType") + ":" + e.getString("action")).toList();
        assertEquals(List.of("version:CREATED", "metric:CREATED", "tier:PROPOSED", "review:SUBMIT", "version:STATUS_CHANGED"),
                aboutVersion);
    }

    @Test
    void theAuditLogCannotBeChangedThroughTheApi() {
        long family = api().family(unique("beit"), "image-classification");
        String path = "/api/catalog/audit";
        for (String method : List.of("PUT", "PATCH", "DELETE", "POST")) {
            String body = method.equals("DELETE") ? null : "{\"entityType\": \"family\", \"entityId\": \"" + family + "\"}";
            CatalogClient.Answer refused = api().send(method, "ada", "admin", path + "?entityType=family&entityId=" + family, body);
            assertEquals(405, refused.status(), method);
            assertTrue(refused.contentType().startsWith("application/problem+json"), refused::contentType);
            CatalogClient.Answer entry = api().send(method, "ada", "admin", path + "/1", body);
            assertTrue(entry.status() == 404 || entry.status() == 405, method + " " + entry.status());
        }
        assertEquals(1, api().get(path + "?entityType=family&entityId=" + family).getInt("total"));
    }

    @Test
    void modelCardRendersJsonAndMarkdownWithLineageEvidenceAndHistory() {
        long family = api().family(unique("minilm"), "text-embedding");
        long base = api().version(family, "fp32");
        api().metric(base, "mteb_avg", "56.1");
        long quantized = api().created("tina", "team", "/api/catalog/families/" + family + "/versions", """
                {"label": "int8", "artifact": {"uri": "file:/models/int8.onnx", "sha256": "%s", "format": "onnx"},
                 "lineage": {"kind": "quantized-from", "parentVersionId": %d}}""".formatted("cd".repeat(32), base))
                .getJsonNumber("id").longValue();
        api().evidence(quantized, "0.0020");
        api().review("tina", "team", quantized, "SUBMIT", null);
        api().created("rita", "reviewer", "/api/catalog/versions/" + quantized + "/comments",
                "{\"body\": \"int8 quality must be measured\"}");

        JsonObject card = api().get("/api/catalog/versions/" + quantized + "/card");
        assertEquals("int8", card.getString("label"));
        assertEquals("IN_REVIEW", card.getString("status"));
        assertEquals("quantized-from", card.getJsonObject("lineage").getJsonArray("ancestors").getJsonObject(0).getString("kind"));
        assertEquals(base, card.getJsonObject("lineage").getJsonArray("ancestors").getJsonObject(0).getJsonNumber("versionId").longValue());
        JsonObject pool = card.getJsonArray("benchmarks").getJsonObject(0);
        assertEquals("test-cpu-pool", pool.getString("pool"));
        assertEquals("cpu", pool.getString("accelerator"));
        assertEquals(412.5, pool.getJsonObject("best").getJsonNumber("throughputPerS").doubleValue());
        assertEquals(21.7, pool.getJsonObject("best").getJsonNumber("p99Ms").doubleValue());
        assertEquals("0.0020", card.getJsonArray("costEstimates").getJsonObject(0).getString("costPer1kUsd"));
        assertEquals("SUBMIT", card.getJsonObject("reviews").getJsonArray("decisions").getJsonObject(0).getString("action"));
        assertEquals("int8 quality must be measured",
                card.getJsonObject("reviews").getJsonArray("comments").getJsonObject(0).getString("body"));
        JsonObject baseCard = api().get("/api/catalog/versions/" + base + "/card");
        assertEquals(quantized, baseCard.getJsonObject("lineage").getJsonArray("derived").getJsonObject(0)
                .getJsonNumber("versionId").longValue());
        assertEquals("a paper, table 2", baseCard.getJsonArray("metrics").getJsonObject(0)
                .getJsonObject("provenance").getString("source"));

        try (Response markdown = api().as("vera", "viewer", "/api/catalog/versions/" + quantized + "/card")
                .accept("text/markdown").get()) {
            assertEquals(200, markdown.getStatus());
            assertTrue(markdown.getMediaType().toString().startsWith("text/markdown"));
            String text = markdown.readEntity(String.class);
            assertTrue(text.startsWith("# "), text);
            for (String expected : List.of("## Lineage", "quantized-from **", "## Benchmarks per hardware pool",
                    "| test-cpu-pool | cpu | 1 (1) | 0 / 1 | 412.5 | OFFLINE, batch 8, concurrency 1 | 21.70 ms |",
                    "## Cost estimates", "| test-cpu-pool | ON_DEMAND | 0.0020 | 122.6400 | recommender report 42 |",
                    "**SUBMIT** by tina (PROPOSED → IN_REVIEW)", "comment by rita: int8 quality must be measured")) {
                assertTrue(text.contains(expected), () -> "missing '" + expected + "' in:\n" + text);
            }
        }
    }

    @Test
    void searchFiltersByTaskTierStatusTextAndMetricThresholdWithPagingAndSorting() {
        String marker = unique("searchable");
        long family = api().family(marker, "image-classification");
        List<Long> ids = new ArrayList<>();
        String[] top1 = {"70.5", "80.25", "85.75", "90.0"};
        for (int i = 0; i < top1.length; i++) {
            long id = api().version(family, "v" + i);
            api().metric(id, "top1", top1[i]);
            ids.add(id);
        }
        JsonObject all = api().get("/api/catalog/versions?q=" + marker.toUpperCase() + "&sort=label&size=2");
        assertEquals(4, all.getInt("total"));
        assertEquals(List.of("v0", "v1"), labels(all));
        assertEquals(List.of("v2", "v3"), labels(api().get("/api/catalog/versions?q=" + marker + "&sort=label&size=2&page=1")));
        JsonObject good = api().get("/api/catalog/versions?q=" + marker + "&metric=top1&minValue=80.25&sort=-metric");
        assertEquals(List.of("v3", "v2", "v1"), labels(good));
        assertEquals(List.of("v2", "v3"), labels(api().get("/api/catalog/versions?q=" + marker + "&tier=TIER_3&sort=label")));
        assertEquals(0, api().get("/api/catalog/versions?q=" + marker + "&status=APPROVED").getInt("total"));
        assertEquals(4, api().get("/api/catalog/versions?q=" + marker + "&task=image-classification&status=PROPOSED").getInt("total"));
        assertEquals(0, api().get("/api/catalog/versions?q=" + marker + "&task=text-embedding").getInt("total"));
        assertEquals(List.of("v1"), labels(api().get("/api/catalog/versions?q=" + marker + "&metric=top1&minValue=75&maxValue=81")));
        try (Response badSort = api().as("vera", "viewer", "/api/catalog/versions?sort=price").get()) {
            assertEquals(400, badSort.getStatus());
            assertEquals(List.of("sort"), fields(badSort.readEntity(JsonObject.class)));
        }
        try (Response badStatus = api().as("vera", "viewer", "/api/catalog/versions?status=DONE").get()) {
            assertEquals(400, badStatus.getStatus());
        }
        try (Response threshold = api().as("vera", "viewer", "/api/catalog/versions?minValue=3").get()) {
            assertEquals(400, threshold.getStatus());
            assertEquals(List.of("metric"), fields(threshold.readEntity(JsonObject.class)));
        }
    }

    @Test
    void recommenderStreamsApprovedVersionsWithTheirMetrics() {
        long family = api().family(unique("stream"), "text-classification");
        long approved = api().version(family, "1.0.0");
        api().metric(approved, "accuracy", "91.5");
        api().metric(approved, "f1", "0.88");
        api().evidence(approved, "0.0200");
        api().review("tina", "team", approved, "SUBMIT", null);
        api().review("rita", "reviewer", approved, "APPROVE", "ok");
        api().review("rob", "reviewer", approved, "APPROVE", "ok too");
        long proposed = api().version(family, "2.0.0");

        List<ModelVersion> streamed = stream(StreamModelVersionsRequest.newBuilder().addTasks("text-classification").build());
        ModelVersion version = streamed.stream().filter(v -> v.getId() == approved).findFirst().orElseThrow();
        assertFalse(streamed.stream().anyMatch(v -> v.getId() == proposed), "only APPROVED by default");
        assertTrue(streamed.stream().allMatch(v -> v.getStatus().equals("APPROVED") && v.getTask().equals("text-classification")));
        assertEquals("TIER_3", version.getTier(), "accuracy 91.5 reaches text-classification's 90");
        assertEquals(2, version.getMetricsCount());
        assertEquals("91.5", version.getMetrics(0).getValue());
        assertEquals(api().get("/api/catalog/versions/" + approved).getInt("revision"), version.getRevision());
        assertEquals("ab".repeat(32), version.getArtifact().getSha256());

        List<ModelVersion> both = stream(StreamModelVersionsRequest.newBuilder().addStatuses("APPROVED")
                .addStatuses("PROPOSED").addTasks("text-classification").build());
        assertTrue(both.stream().anyMatch(v -> v.getId() == proposed));
        StatusRuntimeException bad = assertThrows(StatusRuntimeException.class,
                () -> stream(StreamModelVersionsRequest.newBuilder().addStatuses("DONE").build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, bad.getStatus().getCode());
    }

    private List<ModelVersion> stream(StreamModelVersionsRequest request) {
        try (ServiceChannel channel = ServiceChannel.open(URI.create("http://localhost:" + target.getUri().getPort()),
                () -> TestTokens.token("recommender", "viewer"))) {
            List<ModelVersion> versions = new ArrayList<>();
            Iterator<ModelVersion> it = CatalogServiceGrpc.newBlockingStub(channel.channel()).streamModelVersions(request);
            it.forEachRemaining(versions::add);
            return versions;
        }
    }

    private static List<String> labels(JsonObject page) {
        return page.getJsonArray("items").getValuesAs(JsonObject.class).stream().map(v -> v.getString("label")).toList();
    }

    private static String reviews(long version) {
        return "/api/catalog/versions/" + version + "/reviews";
    }

    private Map<String, Long> counts() throws SQLException {
        Map<String, Long> counts = new java.util.TreeMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String table : List.of("model_family", "model_version", "quality_metric", "audit_entry", "review_decision",
                    "cost_estimate", "benchmark_result")) {
                try (ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    row.next();
                    counts.put(table, row.getLong(1));
                }
            }
        }
        return counts;
    }
}
