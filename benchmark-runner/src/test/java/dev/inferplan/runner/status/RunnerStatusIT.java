package dev.inferplan.runner.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.inferplan.platform.testing.TestTokens;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.WebTarget;
import org.junit.jupiter.api.Test;

/** The service without a catalog: it starts, is ready, and says that leasing is off and why. */
@HelidonTest
class RunnerStatusIT {

    @Inject
    private WebTarget target;

    @Test
    void statusSaysLeasingIsOffAndWhy() {
        JsonObject status = target.path("/api/runner/status").request()
                .header("Authorization", TestTokens.bearer("viewer")).get(JsonObject.class);
        assertFalse(status.getBoolean("leasing"), status.toString());
        assertEquals("off: runner.lease.enabled=false", status.getString("leasingDetail"));
        assertEquals("local-cpu", status.getString("pool"));
        assertFalse(status.containsKey("currentJob"), "no job in progress");
    }

    @Test
    void readinessIsUpAndCarriesTheLeasingState() {
        JsonObject health = target.path("/health/ready").request().get(JsonObject.class);
        assertEquals("UP", health.getString("status"));
        JsonObject check = health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("job-leasing")).findFirst().orElseThrow();
        assertFalse(check.getJsonObject("data").getBoolean("leasing"));
    }
}
