package dev.inferplan.catalog;

import dev.inferplan.platform.testing.ServiceContract;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;

@HelidonTest
class CatalogContractIT extends ServiceContract {

    @Inject
    private WebTarget target;

    @Override
    protected WebTarget target() {
        return target;
    }

    @Override
    protected String protectedPath() {
        return "/api/catalog/tasks";
    }

    @Override
    protected String allowedRole() {
        return "viewer";
    }

    @Override
    protected String forbiddenRole() {
        return "viewer";
    }

    /** Reads are open to every role; writes are not. */
    @Override
    protected Response forbiddenCall(String token) {
        return target.path("/api/catalog/tasks").request().header("Authorization", "Bearer " + token)
                .post(Entity.json("{\"name\":\"speech\",\"description\":\"speech to text\"}"));
    }

    @Override
    protected String documentedPath() {
        return "/api/catalog/tasks";
    }
}
