package dev.inferplan.pricing.sources;

import java.util.List;

import dev.inferplan.platform.problem.ProblemException;
import dev.inferplan.platform.security.Roles;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The configured price-list sources, their last refresh, and a refresh on demand. */
@Path("/pricing/sources")
@RequestScoped
@Tag(name = "sources")
@Produces(MediaType.APPLICATION_JSON)
public class SourceResource {

    private final PriceListSources sources;

    @Inject
    public SourceResource(PriceListSources sources) {
        this.sources = sources;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.TEAM, Roles.REVIEWER, Roles.ADMIN})
    @Operation(summary = "Every configured source with its schedule, last outcome, last success and next run")
    public List<PriceListSources.State> list() {
        return sources.states();
    }

    @POST
    @Path("/{provider}/refresh")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Refresh a source now and answer its state after the import")
    public PriceListSources.State refresh(@PathParam("provider") String provider) {
        return sources.refresh(provider).orElseThrow(() -> ProblemException.notFound("A source for " + provider));
    }
}
