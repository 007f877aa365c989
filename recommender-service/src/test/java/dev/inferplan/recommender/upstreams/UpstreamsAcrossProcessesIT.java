package dev.inferplan.recommender.upstreams;

import java.util.List;
import java.util.Map;

import dev.inferplan.platform.testing.ServiceProcess;
import dev.inferplan.platform.testing.TestTokens;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.WebTarget;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real gRPC between running services: catalog-service and pricing-service run as their own
 * processes (their packaged jars, H2 in memory); the recommender calls both on the REST caller's
 * behalf. The recommender holds no token of its own, so an answer proves the caller's token
 * travelled with the call, and a refused caller shows the callee's refusal.
 */
@ExtendWith(UpstreamsAcrossProcessesIT.Upstreams.class)
@HelidonTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpstreamsAcrossProcessesIT {

    @Inject
    private WebTarget target;

    @Test
    void callerTokenReachesCatalogAndPricingOverGrpc() {
        JsonArray upstreams = target.path("/api/recommendations/upstreams").request()
                .header("Authorization", TestTokens.bearer("team"))
                .get(JsonArray.class);
        Map<String, JsonObject> byName = byName(upstreams);
        assertTrue(byName.get("catalog-service").getBoolean("reachable"), upstreams::toString);
        assertEquals("6 tasks", byName.get("catalog-service").getString("detail"));
        assertTrue(byName.get("pricing-service").getBoolean("reachable"), upstreams::toString);
        assertEquals("0 FX rates", byName.get("pricing-service").getString("detail"));
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void deadUpstreamIsReportedWithItsReasonInsteadOfFailingTheRequest() {
        Upstreams.pricing.kill();
        JsonArray upstreams = target.path("/api/recommendations/upstreams").request()
                .header("Authorization", TestTokens.bearer("viewer"))
                .get(JsonArray.class);
        Map<String, JsonObject> byName = byName(upstreams);
        assertTrue(byName.get("catalog-service").getBoolean("reachable"), upstreams::toString);
        JsonObject pricing = byName.get("pricing-service");
        assertFalse(pricing.getBoolean("reachable"), upstreams::toString);
        // What grpc-java reports for a dead peer: refused (UNAVAILABLE), timed out, or the open
        // connection dropped under the call (UNKNOWN: channel closed).
        String detail = pricing.getString("detail");
        assertTrue(detail.startsWith("UNAVAILABLE") || detail.startsWith("DEADLINE_EXCEEDED")
                || detail.equals("UNKNOWN: channel closed"), pricing::toString);
    }

    private static Map<String, JsonObject> byName(JsonArray upstreams) {
        return upstreams.getValuesAs(JsonObject.class).stream()
                .collect(java.util.stream.Collectors.toMap(u -> u.getString("name"), u -> u));
    }

    /** Starts the two upstream services before the recommender's container and points it at them. */
    static final class Upstreams implements BeforeAllCallback, AfterAllCallback {

        private static ServiceProcess pricing;
        private final List<ServiceProcess> processes = new java.util.ArrayList<>();

        @Override
        public void beforeAll(ExtensionContext context) {
            ServiceProcess catalog = ServiceProcess.start("catalog-service", ServiceProcess.config(
                    "DB_URL", "jdbc:h2:mem:catalog;MODE=MariaDB;DATABASE_TO_LOWER=TRUE"));
            processes.add(catalog);
            pricing = ServiceProcess.start("pricing-service", ServiceProcess.config(
                    "DB_URL", "jdbc:h2:mem:pricing;MODE=MariaDB;DATABASE_TO_LOWER=TRUE",
                    "pricing.seed.enabled", "false"));
            processes.add(pricing);
            System.setProperty("catalog.grpc.uri", catalog.baseUri().toString());
            System.setProperty("pricing.grpc.uri", pricing.baseUri().toString());
        }

        @Override
        public void afterAll(ExtensionContext context) {
            processes.forEach(ServiceProcess::close);
            System.clearProperty("catalog.grpc.uri");
            System.clearProperty("pricing.grpc.uri");
        }
    }
}
