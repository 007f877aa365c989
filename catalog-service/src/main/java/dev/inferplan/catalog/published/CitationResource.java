package dev.inferplan.catalog.published;

import dev.inferplan.platform.security.Roles;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The citation a reviewer or admin recorded for a published result. */
@Path("/benchmarks/citations")
@RequestScoped
@Tag(name = "benchmarks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.TEAM, Roles.REVIEWER, Roles.ADMIN, Roles.RUNNER})
public class CitationResource {

    private final PublishedEvidence evidence;

    @Inject
    public CitationResource(PublishedEvidence evidence) {
        this.evidence = evidence;
    }

    @GET
    @Path("/{resultId}")
    @Operation(summary = "A published result's citation with who recorded it (404: none recorded by the committee)")
    public PublishedEvidence.CitationView citation(@PathParam("resultId") long resultId) {
        return evidence.citation(resultId);
    }
}
