package dev.inferplan.pricing;

import dev.inferplan.platform.testing.ServiceContract;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;

@HelidonTest
class PricingContractIT extends ServiceContract {

    @Inject
    private WebTarget target;

    @Override
    protected WebTarget target() {
        return target;
    }

    @Override
    protected String protectedPath() {
        return "/api/pricing/fx-rates";
    }

    @Override
    protected String allowedRole() {
        return "viewer";
    }

    @Override
    protected String forbiddenRole() {
        return "team";
    }

    /** Reads are open to every role; writes are not. */
    @Override
    protected Response forbiddenCall(String token) {
        return target.path("/api/pricing/fx-rates/EUR").request().header("Authorization", "Bearer " + token)
                .put(Entity.json("{\"usdPerUnit\":\"1.08\"}"));
    }

    @Override
    protected String documentedPath() {
        return "/api/pricing/fx-rates";
    }
}
