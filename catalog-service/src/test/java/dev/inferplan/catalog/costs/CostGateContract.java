package dev.inferplan.catalog.costs;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import dev.inferplan.catalog.CatalogClient;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import static dev.inferplan.catalog.CatalogClient.fields;
import static dev.inferplan.catalog.CatalogClient.unique;
import static dev.inferplan.catalog.costs.FakeRecommender.plan;
import static dev.inferplan.catalog.costs.FakeRecommender.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cost gate (issue 12): an estimate backed by a saved recommender report, read over gRPC from
 * a real server with the caller's token, passes it; a hand-typed one only with a reviewer's stated
 * reason; an unknown report, a report without a plan for the version and an unreachable recommender
 * are refused and store nothing. H2 or MariaDB per subclass.
 */
public abstract class CostGateContract {

    @Inject
    WebTarget target;

    CatalogClient api() {
        return new CatalogClient(target);
    }

    private long submittedVersion() {
        long family = api().family(unique("minilm"), "text-embedding");
        long version = api().version(family, "1.0.0");
        api().benchmarkEvidence(version);
        api().review("tina", "team", version, "SUBMIT", null);
        return version;
    }

    private static String estimates(long version) {
        return "/api/catalog/versions/" + version + "/cost-estimates";
    }

    @Test
    void aReportBackedEstimateStoresThePlanOfTheVersionAndPassesTheGate() {
        long version = submittedVersion();
        long other = version + 100_000;
        report(9101, List.of(12L, 15L), plan(1, other, "c7i.large", "61.3200", "0.0011"),
                plan(2, version, "c7i.xlarge", "245.2800", "0.0047"), plan(3, version, "c7i.2xlarge", "490.5600", "0.0094"));
        FakeRecommender.AUTHORIZATIONS.clear();

        JsonObject estimate = api().created("tina", "team", estimates(version), """
                {"source": "REPORT", "reportId": 9101, "assumptions": "steady 20 qps"}""");
        assertEquals("REPORT", estimate.getString("basis"));
        assertEquals(9101, estimate.getInt("reportId"));
        assertEquals(2, estimate.getInt("planRank"), "the version's best-ranked plan");
        assertEquals("c7i.xlarge", estimate.getString("instanceType"));
        assertEquals("aws", estimate.getString("provider"));
        assertEquals("us-east-1", estimate.getString("region"));
        assertEquals("ON_DEMAND", estimate.getString("purchaseOption"));
        assertEquals("245.2800", estimate.getString("monthlyUsd"));
        assertEquals("0.0047", estimate.getString("costPer1kUsd"));
        assertEquals(List.of(12, 15), estimate.getJsonArray("priceBookVersions").getValuesAs(
                jakarta.json.JsonNumber.class).stream().map(jakarta.json.JsonNumber::intValue).toList());
        assertEquals("recommender report 9101, plan 2", estimate.getString("source"));
        assertEquals("steady 20 qps", estimate.getString("assumptions"));
        assertTrue(!estimate.containsKey("acceptance"), "a report-backed estimate needs no acceptance");
        assertEquals(1, FakeRecommender.AUTHORIZATIONS.size());
        assertEquals("tina", subject(FakeRecommender.AUTHORIZATIONS.getFirst()), "the caller's own token reached the recommender");

        JsonObject ranked = api().created("tina", "team", estimates(version), """
                {"source": "report", "reportId": 9101, "planRank": 3}""");
        assertEquals("c7i.2xlarge", ranked.getString("instanceType"));

        JsonObject approved = api().review("rita", "reviewer", version, "APPROVE", "priced by report 9101");
        assertEquals("APPROVED", approved.getJsonObject("version").getString("status"));
        JsonObject card = api().get("/api/catalog/versions/" + version + "/card");
        assertTrue(card.getJsonArray("costEstimates").getValuesAs(JsonObject.class).stream()
                .anyMatch(c -> c.getString("basis").equals("REPORT") && c.getInt("reportId") == 9101), card::toString);
    }

    @Test
    void aReportThatCannotBackTheEstimateIsRefusedNamingTheFieldAndNothingIsStored() {
        long version = submittedVersion();
        report(9201, List.of(12L), plan(1, version + 100_000, "c7i.large", "61.3200", "0.0011"));
        assertRefused(version, "{\"source\": \"REPORT\", \"reportId\": 987654321}", 422, List.of("reportId"),
                "has no report 987654321");
        assertRefused(version, "{\"source\": \"REPORT\", \"reportId\": 9201}", 422, List.of("reportId"),
                "has no plan for version " + version);
        assertRefused(version, "{\"source\": \"REPORT\", \"reportId\": 9201, \"planRank\": 1}", 422, List.of("planRank"),
                "is for version " + (version + 100_000));
        assertRefused(version, "{\"source\": \"REPORT\"}", 422, List.of("reportId"), "saved recommender report");
        assertRefused(version, """
                {"source": "REPORT", "reportId": 9201, "costPer1kUsd": "0.0001", "purchaseOption": "SPOT"}""", 422,
                List.of("purchaseOption", "costPer1kUsd"), "taken from the report");
        assertRefused(version, """
                {"pool": "p", "purchaseOption": "ON_DEMAND", "costPer1kUsd": "0.1", "source": "sheet", "reportId": 9201}""",
                422, List.of("reportId"), "only with source");
        assertEquals(0, list(version).size());
    }

    @Test
    void anUnreachableRecommenderIs503NamingItAndStoresNothing() {
        long version = submittedVersion();
        report(9301, List.of(12L), plan(1, version, "c7i.large", "61.3200", "0.0011"));
        FakeRecommender.stop();
        try {
            assertRefused(version, "{\"source\": \"REPORT\", \"reportId\": 9301}", 503, List.of("reportId"),
                    "recommender-service unavailable");
        } finally {
            FakeRecommender.restart();
        }
        assertEquals(0, list(version).size());
        api().created("tina", "team", estimates(version), "{\"source\": \"REPORT\", \"reportId\": 9301}");
        assertEquals(1, list(version).size(), "back up: the same request is stored");
    }

    @Test
    void aHandTypedEstimatePassesTheGateOnlyWithAReviewersStatedReason() {
        long version = submittedVersion();
        JsonObject manual = api().created("tina", "team", estimates(version), """
                {"pool": "test-cpu-pool", "purchaseOption": "ON_DEMAND", "costPer1kUsd": "0.0040",
                 "monthlyUsd": "122.6400", "source": "MANUAL"}""");
        assertEquals("MANUAL", manual.getString("basis"));
        long id = manual.getJsonNumber("id").longValue();
        try (Response gated = api().post("rita", "reviewer", "/api/catalog/versions/" + version + "/reviews",
                "{\"action\": \"APPROVE\", \"reason\": \"cheap\"}")) {
            assertEquals(409, gated.getStatus());
            JsonObject problem = gated.readEntity(JsonObject.class);
            assertEquals(List.of("costEstimates"), fields(problem));
            String reason = problem.getJsonArray("errors").getJsonObject(0).getString("reason");
            assertTrue(reason.contains("hand-typed cost estimate(s) [" + id + "] lack a reviewer's stated reason"), reason);
        }
        String acceptance = estimates(version) + "/" + id + "/acceptance";
        try (Response team = api().post("tina", "team", acceptance, "{\"reason\": \"trust me\"}")) {
            assertEquals(403, team.getStatus());
        }
        try (Response noReason = api().post("rita", "reviewer", acceptance, "{\"reason\": \"  \"}")) {
            assertEquals(422, noReason.getStatus());
            assertEquals(List.of("reason"), fields(noReason.readEntity(JsonObject.class)));
        }
        try (Response otherVersion = api().post("rita", "reviewer",
                estimates(version + 100_000) + "/" + id + "/acceptance", "{\"reason\": \"x\"}")) {
            assertEquals(404, otherVersion.getStatus());
        }
        JsonObject accepted;
        try (Response ok = api().post("rita", "reviewer", acceptance,
                "{\"reason\": \"matches the vendor's quote of 2026-11\"}")) {
            assertEquals(200, ok.getStatus(), () -> ok.readEntity(String.class));
            accepted = ok.readEntity(JsonObject.class);
        }
        assertEquals("rita", accepted.getJsonObject("acceptance").getString("acceptedBy"));
        assertEquals("matches the vendor's quote of 2026-11", accepted.getJsonObject("acceptance").getString("reason"));
        try (Response again = api().post("ada", "admin", acceptance, "{\"reason\": \"again\"}")) {
            assertEquals(409, again.getStatus());
        }
        JsonObject audit = api().get("/api/catalog/audit?entityType=cost-estimate&entityId=" + id);
        List<JsonObject> entries = audit.getJsonArray("items").getValuesAs(JsonObject.class);
        assertTrue(entries.stream().anyMatch(e -> e.getString("action").equals("ACCEPTED")
                && e.getString("actor").equals("rita")), audit::toString);

        JsonObject approved = api().review("rita", "reviewer", version, "APPROVE", "cheap, quote checked");
        assertEquals("APPROVED", approved.getJsonObject("version").getString("status"));
    }

    @Test
    void aReportBackedEstimateNeedsNoAcceptance() {
        long version = submittedVersion();
        report(9401, List.of(3L), plan(1, version, "c7i.large", "61.3200", "0.0011"));
        long id = api().created("tina", "team", estimates(version), "{\"source\": \"REPORT\", \"reportId\": 9401}")
                .getJsonNumber("id").longValue();
        try (Response response = api().post("rita", "reviewer", estimates(version) + "/" + id + "/acceptance",
                "{\"reason\": \"fine\"}")) {
            assertEquals(409, response.getStatus());
            assertEquals("https://inferplan.dev/problems/acceptance-not-needed",
                    response.readEntity(JsonObject.class).getString("type"));
        }
    }

    private List<JsonObject> list(long version) {
        try (Response response = api().as("vera", "viewer", estimates(version)).get()) {
            return response.readEntity(jakarta.json.JsonArray.class).getValuesAs(JsonObject.class);
        }
    }

    private void assertRefused(long version, String body, int status, List<String> names, String reasonPart) {
        int before = list(version).size();
        try (Response response = api().post("tina", "team", estimates(version), body)) {
            String text = response.readEntity(String.class);
            assertEquals(status, response.getStatus(), text);
            assertEquals("application/problem+json", response.getMediaType().toString());
            JsonObject problem = jakarta.json.Json.createReader(new java.io.StringReader(text)).readObject();
            assertEquals(names, fields(problem), text);
            assertTrue(text.contains(reasonPart), text);
        }
        assertEquals(before, list(version).size(), "nothing stored");
    }

    private static String subject(String authorization) {
        assertTrue(authorization.startsWith("Bearer "), authorization);
        String payload = authorization.substring("Bearer ".length()).split("\\.")[1];
        String json = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
        return jakarta.json.Json.createReader(new java.io.StringReader(json)).readObject().getString("sub");
    }
}
