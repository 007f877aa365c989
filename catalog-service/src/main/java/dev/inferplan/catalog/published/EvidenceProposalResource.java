package dev.inferplan.catalog.published;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import dev.inferplan.platform.problem.Problem;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Proposed published evidence: a team member proposes, a reviewer or admin accepts or rejects. */
@Path("/benchmarks/evidence-proposals")
@RequestScoped
@Tag(name = "benchmarks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.TEAM, Roles.REVIEWER, Roles.ADMIN, Roles.RUNNER})
public class EvidenceProposalResource {

    private final PublishedEvidence evidence;

    @Inject
    public EvidenceProposalResource(PublishedEvidence evidence) {
        this.evidence = evidence;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.TEAM, Roles.REVIEWER, Roles.ADMIN})
    @Operation(summary = "Propose a published result with its citation (the body of POST /api/benchmarks/results);"
            + " not evidence until a reviewer accepts it")
    @APIResponse(responseCode = "201", description = "Proposed",
            content = @Content(schema = @Schema(implementation = ProposalView.class)))
    @APIResponse(responseCode = "422", description = "Invalid fields, unknown version or pool, no citation",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response propose(PublishedResultRequest request, @Context SecurityContext security) {
        ProposalView created = evidence.propose(request, security.getUserPrincipal().getName());
        return Response.created(URI.create("/api/benchmarks/evidence-proposals/" + created.id())).entity(created).build();
    }

    @GET
    @Operation(summary = "Proposals, oldest first, by status (PROPOSED, ACCEPTED, REJECTED) and/or model version")
    public List<ProposalView> list(@QueryParam("status") String status, @QueryParam("modelVersion") Long modelVersion) {
        return evidence.proposals(Optional.ofNullable(status).filter(s -> !s.isBlank()), Optional.ofNullable(modelVersion));
    }

    @GET
    @Path("/{proposalId}")
    @Operation(summary = "One proposal")
    public ProposalView one(@PathParam("proposalId") long proposalId) {
        return evidence.proposal(proposalId);
    }

    @POST
    @Path("/{proposalId}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
    @Operation(summary = "ACCEPT (the result is recorded and counts for the benchmark gate) or REJECT {action, reason}")
    @APIResponse(responseCode = "409", description = "Already decided; 'current' is the proposal now",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ProposalView decide(@PathParam("proposalId") long proposalId, PublishedEvidence.Decision decision,
                               @Context SecurityContext security) {
        return evidence.decide(proposalId, decision, security.getUserPrincipal().getName());
    }
}
