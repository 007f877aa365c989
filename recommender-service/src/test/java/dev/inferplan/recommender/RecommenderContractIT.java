package dev.inferplan.recommender;

import dev.inferplan.platform.testing.ServiceContract;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.WebTarget;

@HelidonTest
class RecommenderContractIT extends ServiceContract {

    @Inject
    private WebTarget target;

    @Override
    protected WebTarget target() {
        return target;
    }

    @Override
    protected String protectedPath() {
        return "/api/recommendations/upstreams";
    }

    @Override
    protected String allowedRole() {
        return "team";
    }

    @Override
    protected String forbiddenRole() {
        return "runner";
    }

    @Override
    protected String documentedPath() {
        return "/api/recommendations/upstreams";
    }
}
