package dev.inferplan.catalog.published;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import dev.inferplan.catalog.CatalogClient;

import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import static dev.inferplan.catalog.CatalogClient.fields;
import static dev.inferplan.catalog.CatalogClient.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark gate and published evidence (issue 13 §5): a published result needs a reviewer or
 * admin and a citation; a team member's proposal is not evidence until a reviewer accepts it; an
 * invalid result, and a published one without a committee-recorded citation, never count. H2 or
 * MariaDB per subclass.
 */
public abstract class PublishedEvidenceContract {

    static final String POOL = "gate-cpu-pool";

    @Inject
    WebTarget target;

    @Inject
    @Named("catalog")
    DataSource dataSource;

    CatalogClient api() {
        return new CatalogClient(target);
    }

    private long submittedWithCost() {
        try (Response response = api().put("ada", "admin", "/api/benchmarks/pools/" + POOL, """
                {"instanceTypes": ["aws/c7i.xlarge"], "accelerator": "cpu", "acceleratorCount": 0}""")) {
            assertEquals(200, response.getStatus(), () -> response.readEntity(String.class));
        }
        long version = api().version(api().family(unique("e5"), "text-embedding"), "1.0.0");
        api().acceptedCost(version, POOL, "0.0040");
        api().review("tina", "team", version, "SUBMIT", null);
        return version;
    }

    private static String result(long version, boolean valid, String citation) {
        return """
                {"modelVersionId": %d, "pool": "%s", "scenario": "OFFLINE", "batchSize": 8, "concurrency": 1,
                 "throughputPerS": 300.0, "latencyMs": {"p50": 20.0, "p99": 31.0}, "queries": 4000,
                 "durationSeconds": 60, "valid": %s%s, "provenance": {"kind": "PUBLISHED"}%s}
                """.formatted(version, POOL, valid, valid ? "" : ", \"invalidReason\": \"windows disagree\"",
                citation == null ? "" : ", \"citation\": " + citation);
    }

    private String gateRefusal(long version) {
        try (Response gated = api().post("rita", "reviewer", "/api/catalog/versions/" + version + "/reviews",
                "{\"action\": \"APPROVE\", \"reason\": \"fine\"}")) {
            JsonObject problem = gated.readEntity(JsonObject.class);
            assertEquals(409, gated.getStatus(), problem::toString);
            assertEquals(List.of("benchmarkResults"), fields(problem), problem::toString);
            return problem.getJsonArray("errors").getJsonObject(0).getString("reason");
        }
    }

    private JsonArray results(long version) {
        return api().as("vera", "viewer", "/api/benchmarks/results?modelVersion=" + version).get(JsonArray.class);
    }

    /**
     * A hosted endpoint (issue 15 §1): registered without a sha256, with the model it serves; its latency is a
     * published result on a published "hosted" pool, with a citation, and counts at the gate like any other.
     */
    @Test
    void aHostedModelVersionCarriesCitedPublishedLatencyAndPassesTheGate() {
        String pool = "published/hosted-example-chat";
        try (Response response = api().put("ada", "admin", "/api/benchmarks/pools/" + pool, """
                {"instanceTypes": ["hosted-example/chat-api"], "accelerator": "hosted", "acceleratorCount": 0}""")) {
            assertEquals(200, response.getStatus(), () -> response.readEntity(String.class));
        }
        try (Response runnerPool = api().put("ada", "admin", "/api/benchmarks/pools/hosted-by-runner", """
                {"instanceTypes": ["hosted-example/chat-api"], "accelerator": "hosted", "acceleratorCount": 0}""")) {
            assertEquals(List.of("accelerator"), fields(runnerPool.readEntity(JsonObject.class)),
                    "no runner measures a hosted endpoint");
        }
        long family = api().family(unique("hosted-llm"), "text-embedding");
        try (Response noModel = api().post("tina", "team", "/api/catalog/families/" + family + "/versions", """
                {"label": "api-0", "artifact": {"uri": "https://api.example.com/v1/embeddings", "format": "hosted",
                 "sha256": "%s"}}""".formatted("ab".repeat(32)))) {
            assertEquals(422, noModel.getStatus());
            assertEquals(List.of("artifact.sha256", "artifact.servedModel"), fields(noModel.readEntity(JsonObject.class)));
        }
        JsonObject hosted = api().created("tina", "team", "/api/catalog/families/" + family + "/versions", """
                {"label": "api-1", "artifact": {"uri": "https://api.example.com/v1/embeddings", "format": "hosted",
                 "servedModel": "example-hosted-embedder"}}""");
        long version = hosted.getJsonNumber("id").longValue();
        JsonObject artifact = api().get("/api/catalog/versions/" + version).getJsonObject("artifact");
        assertEquals("hosted", artifact.getString("format"));
        assertEquals("example-hosted-embedder", artifact.getString("servedModel"));
        assertTrue(!artifact.containsKey("sha256") || artifact.isNull("sha256"), artifact::toString);

        JsonObject latency = api().created("ada", "admin", "/api/benchmarks/results", """
                {"modelVersionId": %d, "pool": "%s", "scenario": "SERVER", "batchSize": 1, "concurrency": 1,
                 "throughputPerS": 50.0, "latencyMs": {"p50": 180.0, "p99": 450.0}, "queries": 1000,
                 "durationSeconds": 60, "valid": true, "provenance": {"kind": "PUBLISHED"},
                 "citation": {"url": "https://status.example.com/latency-2026-01"}}""".formatted(version, pool));
        assertEquals("PUBLISHED", latency.getJsonObject("provenance").getString("kind"));
        api().acceptedCost(version, pool, "0.0200");
        api().review("tina", "team", version, "SUBMIT", null);
        assertEquals("APPROVED", api().review("rita", "reviewer", version, "APPROVE", "cited provider latency")
                .getJsonObject("version").getString("status"));
    }

    @Test
    void aPublishedResultNeedsAReviewerAndACitationAndAnInvalidOneNeverCounts() {
        long version = submittedWithCost();
        String cited = "{\"url\": \"https://mlcommons.org/benchmarks/inference-datacenter/\"}";
        try (Response team = api().post("tina", "team", "/api/benchmarks/results", result(version, true, cited))) {
            assertEquals(403, team.getStatus());
            assertTrue(team.readEntity(String.class).contains("/api/benchmarks/evidence-proposals"));
        }
        // Without a citation there is no provenance source either (the citation is the source when none is given).
        for (String[] bad : new String[][] {{null, "provenance.source,citation"}, {"{}", "provenance.source,citation"},
                {"{\"url\": \"ftp://host/sheet\"}", "citation.url"},
                {"{\"document\": \"MLPerf v4.1 results\"}", "citation.table"}}) {
            try (Response refused = api().post("rita", "reviewer", "/api/benchmarks/results", result(version, true, bad[0]))) {
                assertEquals(422, refused.getStatus());
                assertEquals(List.of(bad[1].split(",")), fields(refused.readEntity(JsonObject.class)));
            }
        }
        assertEquals(0, results(version).size(), "nothing stored");

        JsonObject invalid = api().created("rita", "reviewer", "/api/benchmarks/results", result(version, false, cited));
        String reason = gateRefusal(version);
        assertTrue(reason.contains("results [" + invalid.getInt("id") + "] invalid"), reason);

        JsonObject valid = api().created("ada", "admin", "/api/benchmarks/results", result(version, true, """
                {"document": "MLPerf Inference v4.1", "table": "closed, datacenter, row 212"}"""));
        assertEquals("MLPerf Inference v4.1, closed, datacenter, row 212",
                valid.getJsonObject("provenance").getString("source"), "the citation is the provenance when none is given");
        JsonObject citation = api().get("/api/benchmarks/citations/" + valid.getInt("id"));
        assertEquals("ada", citation.getString("recordedBy"));
        assertEquals("closed, datacenter, row 212", citation.getJsonObject("citation").getString("table"));
        assertEquals("APPROVED", api().review("rita", "reviewer", version, "APPROVE", "cited MLPerf figure")
                .getJsonObject("version").getString("status"));
    }

    @Test
    void aTeamMembersProposalCountsOnlyOnceAReviewerAcceptsIt() {
        long version = submittedWithCost();
        JsonObject proposal = api().created("tina", "team", "/api/benchmarks/evidence-proposals", result(version, true,
                "{\"url\": \"https://github.com/huggingface/pytorch-image-models/blob/main/results/x.csv\"}"));
        long id = proposal.getJsonNumber("id").longValue();
        assertEquals("PROPOSED", proposal.getString("status"));
        assertEquals("tina", proposal.getString("proposedBy"));
        assertEquals(0, results(version).size(), "a proposal is not evidence");
        assertTrue(gateRefusal(version).contains("(the version has none)"));

        String decision = "/api/benchmarks/evidence-proposals/" + id + "/decision";
        try (Response team = api().post("tina", "team", decision, "{\"action\": \"ACCEPT\"}")) {
            assertEquals(403, team.getStatus());
        }
        try (Response noReason = api().post("rita", "reviewer", decision, "{\"action\": \"REJECT\"}")) {
            assertEquals(422, noReason.getStatus());
            assertEquals(List.of("reason"), fields(noReason.readEntity(JsonObject.class)));
        }
        try (Response badAction = api().post("rita", "reviewer", decision, "{\"action\": \"MAYBE\"}")) {
            assertEquals(422, badAction.getStatus());
            assertEquals(List.of("action"), fields(badAction.readEntity(JsonObject.class)));
        }
        assertEquals(1, api().as("vera", "viewer", "/api/benchmarks/evidence-proposals?status=PROPOSED&modelVersion="
                + version).get(JsonArray.class).size());

        JsonObject accepted;
        try (Response ok = api().post("rita", "reviewer", decision, "{\"action\": \"ACCEPT\", \"reason\": \"checked\"}")) {
            assertEquals(200, ok.getStatus(), () -> ok.readEntity(String.class));
            accepted = ok.readEntity(JsonObject.class);
        }
        assertEquals("ACCEPTED", accepted.getString("status"));
        assertEquals("rita", accepted.getString("decidedBy"));
        long resultId = accepted.getJsonNumber("resultId").longValue();
        JsonArray stored = results(version);
        assertEquals(1, stored.size());
        assertEquals(resultId, stored.getJsonObject(0).getJsonNumber("id").longValue());
        assertEquals("tina", stored.getJsonObject(0).getString("createdBy"), "the proposer's result");
        JsonObject citation = api().get("/api/benchmarks/citations/" + resultId);
        assertEquals("rita", citation.getString("recordedBy"), "the reviewer vouches for the citation");
        assertEquals(id, citation.getJsonNumber("proposalId").longValue());
        try (Response again = api().post("ada", "admin", decision, "{\"action\": \"REJECT\", \"reason\": \"no\"}")) {
            assertEquals(409, again.getStatus());
            assertEquals("ACCEPTED", again.readEntity(JsonObject.class).getJsonObject("current").getString("status"));
        }
        List<String> actions = api().get("/api/catalog/audit?entityType=evidence-proposal&entityId=" + id)
                .getJsonArray("items").getValuesAs(JsonObject.class).stream().map(e -> e.getString("action")).toList();
        assertTrue(actions.containsAll(List.of("PROPOSED", "ACCEPTED")), actions::toString);
        assertEquals("APPROVED", api().review("rita", "reviewer", version, "APPROVE", "accepted evidence")
                .getJsonObject("version").getString("status"));
    }

    @Test
    void aRejectedProposalNeverBecomesEvidence() {
        long version = submittedWithCost();
        long id = api().created("tina", "team", "/api/benchmarks/evidence-proposals", result(version, true,
                "{\"url\": \"https://example.org/blog-post\"}")).getJsonNumber("id").longValue();
        try (Response rejected = api().post("rita", "reviewer", "/api/benchmarks/evidence-proposals/" + id + "/decision",
                "{\"action\": \"REJECT\", \"reason\": \"a blog post, not a reproducible table\"}")) {
            assertEquals(200, rejected.getStatus());
            JsonObject body = rejected.readEntity(JsonObject.class);
            assertEquals("REJECTED", body.getString("status"));
            assertEquals("a blog post, not a reproducible table", body.getString("decisionReason"));
        }
        assertEquals(0, results(version).size());
        assertTrue(gateRefusal(version).contains("(the version has none)"));
    }

    @Test
    void aPublishedResultWithoutACommitteeCitationDoesNotCount() throws SQLException {
        long version = submittedWithCost();
        long resultId;
        // As the seed and results recorded before V12 are: PUBLISHED with a source, no citation row.
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO benchmark_result (model_version_id, pool, scenario, batch_size, concurrency, throughput_per_s,"
                        + " queries, duration_seconds, valid, provenance_kind, provenance_source, created_at, created_by)"
                        + " VALUES (?, ?, 'OFFLINE', 1, 1, 10.0, 0, 60, TRUE, 'PUBLISHED', 'somewhere', ?, 'seed')",
                new String[] {"id"})) {
            insert.setLong(1, version);
            insert.setString(2, POOL);
            insert.setTimestamp(3, Timestamp.from(Instant.now()));
            insert.executeUpdate();
            try (var keys = insert.getGeneratedKeys()) {
                keys.next();
                resultId = keys.getLong(1);
            }
        }
        String reason = gateRefusal(version);
        assertTrue(reason.contains("results [" + resultId + "] published without a citation recorded by a reviewer or admin"),
                reason);
        try (Response none = api().as("vera", "viewer", "/api/benchmarks/citations/" + resultId).get()) {
            assertEquals(404, none.getStatus());
        }
    }
}
