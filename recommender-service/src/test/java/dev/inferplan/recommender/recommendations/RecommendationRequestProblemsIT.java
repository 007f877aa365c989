package dev.inferplan.recommender.recommendations;

import java.util.List;
import java.util.stream.Stream;

import dev.inferplan.platform.testing.TestTokens;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every bad field of a recommendation request is a problem+json naming it, before any snapshot is
 * needed; with no upstream reachable and no snapshot ever loaded, a good request is a 503 problem.
 * The upstreams here are a port nothing listens on.
 */
@HelidonTest
@AddConfig(key = "catalog.grpc.uri", value = "http://localhost:9")
@AddConfig(key = "pricing.grpc.uri", value = "http://localhost:9")
class RecommendationRequestProblemsIT {

    private static final String GOOD = """
            {"task": "text-embedding",
             "quality": {"metric": "mteb_avg", "dataset": null, "min": 55.0},
             "latency": {"percentile": "p95", "maxMs": 50},
             "traffic": {"avgQps": 20, "peakQps": 60, "profile": "steady"},
             "budget": {"monthlyUsd": "1500.00"},
             "constraints": {"providers": [], "regions": [], "purchaseOptions": [], "accelerators": [],
                             "instanceTypes": [], "tiers": [], "modelVersionIds": [], "statuses": ["APPROVED"],
                             "minReplicas": 1, "targetUtilization": 0.7, "spot": "none", "onDemandFloorPercent": 50},
             "evidence": "MEASURED_ONLY", "allowInterpolation": true,
             "ranking": {"mode": "LOWEST_COST", "weights": {"quality": 0.5, "cost": 0.3, "latency": 0.2}},
             "asOf": null, "limit": 20}""";

    @Inject
    private WebTarget target;

    private Response post(String body, String role) {
        return target.path("/api/recommendations").request()
                .header("Authorization", TestTokens.bearer(role))
                .post(Entity.entity(body, MediaType.APPLICATION_JSON));
    }

    private static String with(String path, JsonValue value) {
        JsonObject good = Json.createReader(new java.io.StringReader(GOOD)).readObject();
        String[] parts = path.split("\\.");
        return replace(good, parts, 0, value).toString();
    }

    private static JsonObject replace(JsonObject object, String[] path, int at, JsonValue value) {
        var builder = Json.createObjectBuilder(object);
        if (at == path.length - 1) {
            return builder.add(path[at], value).build();
        }
        return builder.add(path[at], replace(object.getJsonObject(path[at]), path, at + 1, value)).build();
    }

    static Stream<Arguments> badFields() {
        return Stream.of(
                Arguments.of("budget.monthlyUsd", Json.createValue("-1.00"), "budget.monthlyUsd"),
                Arguments.of("traffic.avgQps", Json.createValue(-5), "traffic.avgQps"),
                Arguments.of("traffic.peakQps", Json.createValue(-60), "traffic.peakQps"),
                Arguments.of("latency.percentile", Json.createValue("p97"), "latency.percentile"),
                Arguments.of("latency.maxMs", Json.createValue(0), "latency.maxMs"),
                Arguments.of("constraints.targetUtilization", Json.createValue(1.2), "constraints.targetUtilization"),
                Arguments.of("constraints.targetUtilization", Json.createValue(0), "constraints.targetUtilization"),
                Arguments.of("constraints.accelerators", Json.createArrayBuilder().add("nvidia-l4").add("warp-drive").build(),
                        "constraints.accelerators[1]"),
                Arguments.of("constraints.purchaseOptions", Json.createArrayBuilder().add("CHEAP").build(),
                        "constraints.purchaseOptions[0]"),
                Arguments.of("constraints.spot", Json.createValue("sometimes"), "constraints.spot"),
                Arguments.of("constraints.onDemandFloorPercent", Json.createValue(150), "constraints.onDemandFloorPercent"),
                Arguments.of("constraints.minReplicas", Json.createValue(0), "constraints.minReplicas"),
                Arguments.of("constraints.statuses", Json.createArrayBuilder().add("GOLD").build(), "constraints.statuses[0]"),
                Arguments.of("evidence", Json.createValue("HEARSAY"), "evidence"),
                Arguments.of("ranking.mode", Json.createValue("RANDOM"), "ranking.mode"),
                Arguments.of("asOf", Json.createValue("yesterday"), "asOf"),
                Arguments.of("limit", Json.createValue(0), "limit"),
                Arguments.of("task", JsonValue.NULL, "task"),
                // the economics blocks (issue 15)
                Arguments.of("commitments", object("peakHoursPerDay", Json.createValue(25)), "commitments.peakHoursPerDay"),
                Arguments.of("spotRisk", object("interruptionRatePerHour", Json.createValue(-0.1)),
                        "spotRisk.interruptionRatePerHour"),
                Arguments.of("spotRisk", object("restartOverheadHours", Json.createValue(-1)), "spotRisk.restartOverheadHours"),
                Arguments.of("constraints.spot", Json.createValue("only"), "constraints.spot"),
                Arguments.of("cascade", object("escalationFraction", Json.createValue(1.5)), "cascade.escalationFraction"),
                Arguments.of("cascade", object("escalationFraction", Json.createValue(-0.1)), "cascade.escalationFraction"),
                Arguments.of("cascade", Json.createObjectBuilder().add("confidenceThreshold", 0.5)
                        .add("calibration", pairs(49)).build(), "cascade.calibration"),
                Arguments.of("tco", object("horizonMonths", Json.createValue(0)), "tco.horizonMonths"),
                Arguments.of("tco", object("hourlyRateUsd", Json.createValue(-100)), "tco.hourlyRateUsd"),
                Arguments.of("tco", object("engineeringHoursPerMonth", Json.createValue(-1)), "tco.engineeringHoursPerMonth"),
                Arguments.of("value", Json.createObjectBuilder().add("usdPerQualityPointPerMonth", -5)
                        .add("baselineQuality", 50).build(), "value.usdPerQualityPointPerMonth"),
                Arguments.of("value", object("usdPerQualityPointPerMonth", Json.createValue(5)), "value.baselineQuality"),
                Arguments.of("ranking.mode", Json.createValue("LOWEST_TCO"), "tco"),
                Arguments.of("ranking.mode", Json.createValue("NET_VALUE"), "value"));
    }

    private static JsonObject object(String name, JsonValue value) {
        return Json.createObjectBuilder().add(name, value).build();
    }

    private static jakarta.json.JsonArray pairs(int n) {
        var array = Json.createArrayBuilder();
        for (int i = 0; i < n; i++) {
            array.add(Json.createObjectBuilder().add("confidence", i / (double) n).add("correct", i % 3 != 0));
        }
        return array.build();
    }

    @Test
    void aNonNumericEconomicsValueIsA400NamingIt() {
        try (Response response = post(with("tco", object("storageGib", Json.createValue("lots"))), "team")) {
            assertEquals(400, response.getStatus());
            assertTrue(response.readEntity(String.class).contains("storageGib"));
        }
    }

    @Test
    void spotOnlyWithOneReplicaIsAllowedWhenTheRequestAcceptsInterruptions() {
        String body = with("spotRisk", object("acceptInterruptions", JsonValue.TRUE));
        JsonObject good = Json.createReader(new java.io.StringReader(body)).readObject();
        body = replace(good, new String[]{"constraints", "spot"}, 0, Json.createValue("only")).toString();
        try (Response response = post(body, "team")) {
            assertEquals(503, response.getStatus());   // past every rule: only the snapshot is missing
        }
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("badFields")
    void aBadFieldIsAProblemNamingIt(String path, JsonValue value, String field) {
        try (Response response = post(with(path, value), "team")) {
            assertEquals(422, response.getStatus());
            assertEquals("application/problem+json", response.getMediaType().toString());
            JsonObject problem = response.readEntity(JsonObject.class);
            List<String> fields = problem.getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                    .map(e -> e.getString("field")).toList();
            assertEquals(List.of(field), fields, problem::toString);
        }
    }

    @Test
    void weightsThatDoNotSumToAPositiveNumberAreNamed() {
        String body = with("ranking", Json.createObjectBuilder().add("mode", "WEIGHTED")
                .add("weights", Json.createObjectBuilder().add("quality", 0).add("cost", 0).add("latency", 0)).build());
        try (Response response = post(body, "team")) {
            assertEquals(422, response.getStatus());
            assertTrue(response.readEntity(String.class).contains("\"field\":\"ranking.weights\""));
        }
    }

    @Test
    void everyBadFieldIsNamedAtOnce() {
        String body = with("traffic", Json.createObjectBuilder().add("avgQps", -1).add("peakQps", -2).build());
        try (Response response = post(body, "team")) {
            assertEquals(422, response.getStatus());
            JsonObject problem = response.readEntity(JsonObject.class);
            assertEquals(List.of("traffic.avgQps", "traffic.peakQps"),
                    problem.getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                            .map(e -> e.getString("field")).toList());
        }
    }

    @Test
    void aValueOfTheWrongTypeIsA400NamingIt() {
        try (Response response = post(with("budget.monthlyUsd", Json.createValue("a lot")), "team")) {
            assertEquals(400, response.getStatus());
            assertEquals("application/problem+json", response.getMediaType().toString());
        }
        try (Response response = post(with("limit", Json.createValue(2.5)), "team")) {
            assertEquals(400, response.getStatus());
            assertTrue(response.readEntity(String.class).contains("limit"));
        }
    }

    @Test
    void bothLatencyAndBatchIsRefused() {
        String body = with("batch", Json.createObjectBuilder().add("itemsPerDay", 2e7).add("deadlineHours", 6).build());
        try (Response response = post(body, "team")) {
            assertEquals(422, response.getStatus());
            assertTrue(response.readEntity(String.class).contains("\"field\":\"batch\""));
        }
    }

    @Test
    void aViewerMayNotAsk() {
        try (Response response = post(GOOD, "viewer")) {
            assertEquals(403, response.getStatus());
        }
    }

    @Test
    void withNoSnapshotEverLoadedTheAnswerIs503NeverAPlan() {
        try (Response response = post(GOOD, "reviewer")) {
            assertEquals(503, response.getStatus());
            assertEquals("application/problem+json", response.getMediaType().toString());
            JsonObject problem = response.readEntity(JsonObject.class);
            assertTrue(problem.getString("detail").contains("no snapshot"), problem::toString);
        }
    }
}
