package dev.inferplan.recommender.reports;

import dev.inferplan.platform.problem.Problem;
import dev.inferplan.platform.security.CallerToken;
import dev.inferplan.platform.security.Roles;
import dev.inferplan.recommender.plans.RecommendationRequest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Saved recommendation answers: save one, read it, replay it against its own snapshot. */
@Path("/recommendations/reports")
@RequestScoped
@Tag(name = "reports")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.TEAM, Roles.ADMIN, Roles.REVIEWER})
public class ReportResource {

    private final Reports reports;
    private final CallerToken callerToken;

    @Inject
    public ReportResource(Reports reports, CallerToken callerToken) {
        this.reports = reports;
        this.callerToken = callerToken;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Answer a recommendation request and save the answer with its request, snapshot and evidence")
    @APIResponse(responseCode = "201", description = "Saved; Location names the report")
    @APIResponse(responseCode = "422", description = "A field cannot be answered (each is named)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response save(RecommendationRequest request, @Context SecurityContext security, @Context UriInfo uri) {
        Reports.ReportView saved = reports.save(request, callerToken.raw(), security.getUserPrincipal().getName());
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(saved.id())).build())
                .entity(saved).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A saved report")
    @APIResponse(responseCode = "404", description = "No such report",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Reports.ReportView byId(@PathParam("id") long id) {
        return reports.byId(id);
    }

    @POST
    @Path("/{id}/replay")
    @Operation(summary = "Recompute a saved report over the inputs it was computed from; samePlans says whether "
            + "the plans are the saved ones")
    @APIResponse(responseCode = "404", description = "No such report",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Reports.Replay replay(@PathParam("id") long id) {
        return reports.replay(id);
    }
}
