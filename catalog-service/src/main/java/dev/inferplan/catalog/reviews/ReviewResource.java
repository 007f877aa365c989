package dev.inferplan.catalog.reviews;

import java.util.List;

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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The review workflow of one version: the decisions. */
@Path("/catalog/versions/{id}/reviews")
@RequestScoped
@Tag(name = "reviews")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.TEAM, Roles.REVIEWER, Roles.ADMIN, Roles.RUNNER})
public class ReviewResource {

    private final Reviews reviews;

    @Inject
    public ReviewResource(Reviews reviews) {
        this.reviews = reviews;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.TEAM, Roles.REVIEWER, Roles.ADMIN})
    @Operation(summary = "SUBMIT (team), APPROVE, REJECT or DEPRECATE (committee, with a reason); quote the revision")
    @APIResponse(responseCode = "200", description = "Decided",
            content = @Content(schema = @Schema(implementation = Reviews.ReviewOutcome.class)))
    @APIResponse(responseCode = "409", description = "Stale revision, illegal transition (naming the allowed actions),"
            + " a governance gate, or a second approval by the same reviewer; 'current' is the version now",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Reviews.ReviewOutcome decide(@PathParam("id") long id, Reviews.ReviewRequest request,
                                        @Context SecurityContext security) {
        Reviews.ReviewRequest body = request == null ? new Reviews.ReviewRequest(null, null, null) : request;
        boolean committee = security.isUserInRole(Roles.REVIEWER) || security.isUserInRole(Roles.ADMIN);
        return reviews.decide(id, body, security.getUserPrincipal().getName(), committee);
    }

    @GET
    @Operation(summary = "The version's decisions, oldest first")
    public List<Reviews.DecisionView> history(@PathParam("id") long id) {
        return reviews.history(id);
    }
}
