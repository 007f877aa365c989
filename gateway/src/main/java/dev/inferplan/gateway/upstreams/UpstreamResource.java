package dev.inferplan.gateway.upstreams;

import java.util.List;

import dev.inferplan.platform.security.Roles;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/gateway/upstreams")
@RequestScoped
@Tag(name = "upstreams")
@Produces(MediaType.APPLICATION_JSON)
public class UpstreamResource {

    private final UpstreamHealth health;

    @Inject
    public UpstreamResource(UpstreamHealth health) {
        this.health = health;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.TEAM, Roles.REVIEWER, Roles.ADMIN})
    @Operation(summary = "The services behind the gateway, the prefixes they own, and whether each is ready")
    public List<UpstreamHealth.UpstreamStatus> upstreams() {
        return health.check();
    }
}
