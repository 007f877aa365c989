package dev.inferplan.recommender.upstreams;

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

@Path("/recommendations/upstreams")
@RequestScoped
@Tag(name = "upstreams")
@Produces(MediaType.APPLICATION_JSON)
public class UpstreamResource {

    private final UpstreamCheck check;

    @Inject
    public UpstreamResource(UpstreamCheck check) {
        this.check = check;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.TEAM, Roles.REVIEWER, Roles.ADMIN})
    @Operation(summary = "Whether catalog and pricing answer the recommender, called with the caller's token")
    public List<UpstreamCheck.Upstream> upstreams() {
        return check.check();
    }
}
