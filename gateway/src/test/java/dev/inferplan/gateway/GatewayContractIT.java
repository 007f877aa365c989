package dev.inferplan.gateway;

import dev.inferplan.platform.testing.ServiceContract;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.WebTarget;

@HelidonTest
class GatewayContractIT extends ServiceContract {

    @Inject
    private WebTarget target;

    @Override
    protected WebTarget target() {
        return target;
    }

    @Override
    protected String protectedPath() {
        return "/api/gateway/upstreams";
    }

    @Override
    protected String allowedRole() {
        return "viewer";
    }

    @Override
    protected String forbiddenRole() {
        return "runner";
    }

    @Override
    protected String documentedPath() {
        return "/api/gateway/upstreams";
    }
}
