package dev.inferplan.catalog.costs;

import java.net.URI;
import java.util.List;

import dev.inferplan.platform.problem.Problem;
import dev.inferplan.platform.security.CallerToken;
import dev.inferplan.platform.security.Roles;

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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Cost estimates of a version: evidence for the approval gate and input to the tier policy. */
@Path("/catalog/versions/{id}/cost-estimates")
@RequestScoped
@Tag(name = "cost-estimates")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.TEAM, Roles.REVIEWER, Roles.ADMIN, Roles.RUNNER})
public class CostEstimateResource {

    private final CostEstimates estimates;
    private final ReportBackedEstimates reports;
    private final CallerToken token;

    @Inject
    public CostEstimateResource(CostEstimates estimates, ReportBackedEstimates reports, CallerToken token) {
        this.estimates = estimates;
        this.reports = reports;
        this.token = token;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.TEAM, Roles.REVIEWER, Roles.ADMIN})
    @Operation(summary = "Attach a cost estimate: {source: REPORT, reportId, planRank?} (a saved recommender report's"
            + " plan for this version) or hand-typed (pool or instanceType, purchaseOption, costPer1kUsd, monthlyUsd, source)")
    @APIResponse(responseCode = "201", description = "Attached",
            content = @Content(schema = @Schema(implementation = CostEstimateView.class)))
    @APIResponse(responseCode = "422", description = "Invalid fields; an unknown report or one with no plan for this"
            + " version names reportId (or planRank)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "recommender-service did not answer; nothing stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response attach(@PathParam("id") long id, CostEstimates.NewCostEstimate request,
                           @Context SecurityContext security) {
        CostEstimates.NewCostEstimate body = request == null
                ? new CostEstimates.NewCostEstimate(null, null, null, null, null, null, null, null, null) : request;
        String actor = security.getUserPrincipal().getName();
        CostEstimateView created = body.reportBacked()
                ? estimates.attachReport(id, reports.planFor(id, body, token.raw()), body.assumptions(), actor)
                : estimates.attach(id, body, actor);
        return Response.created(URI.create("/api/catalog/versions/" + id + "/cost-estimates/" + created.id()))
                .entity(created).build();
    }

    @POST
    @Path("/{estimateId}/acceptance")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
    @Operation(summary = "Accept a hand-typed estimate for the cost gate with the committee's stated reason {reason}")
    @APIResponse(responseCode = "200", description = "Accepted",
            content = @Content(schema = @Schema(implementation = CostEstimateView.class)))
    @APIResponse(responseCode = "409", description = "Report-backed (needs no reason) or already accepted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CostEstimateView accept(@PathParam("id") long id, @PathParam("estimateId") long estimateId,
                                   CostEstimates.Acceptance request, @Context SecurityContext security) {
        return estimates.accept(id, estimateId, request, security.getUserPrincipal().getName());
    }

    @GET
    @Operation(summary = "The version's cost estimates, cheapest first")
    public List<CostEstimateView> list(@PathParam("id") long id) {
        return estimates.forVersion(id);
    }
}
