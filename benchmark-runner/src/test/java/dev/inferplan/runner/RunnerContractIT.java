package dev.inferplan.runner;

import dev.inferplan.platform.testing.ServiceContract;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.WebTarget;

@HelidonTest
class RunnerContractIT extends ServiceContract {

    @Inject
    private WebTarget target;

    @Override
    protected WebTarget target() {
        return target;
    }

    @Override
    protected String protectedPath() {
        return "/api/runner/hardware";
    }

    @Override
    protected String allowedRole() {
        return "runner";
    }

    @Override
    protected String forbiddenRole() {
        return "team";
    }

    @Override
    protected String documentedPath() {
        return "/api/runner/hardware";
    }
}
