package dev.inferplan.catalog.tiers;

import dev.inferplan.catalog.versions.VersionView;
import dev.inferplan.platform.problem.Problem;
import dev.inferplan.platform.security.Roles;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
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

/** A version's tier: the policy's proposal with its reasons, and the committee's override. */
@Path("/catalog/versions/{id}/tier")
@RequestScoped
@Tag(name = "tiers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.TEAM, Roles.REVIEWER, Roles.ADMIN, Roles.RUNNER})
public class TierResource {

    private final Tiers tiers;

    @Inject
    public TierResource(Tiers tiers) {
        this.tiers = tiers;
    }

    @GET
    @Operation(summary = "The tier in force, the proposal and why, and the thresholds applied")
    public Tiers.Assessment assess(@PathParam("id") long id) {
        return tiers.assess(id);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
    @Operation(summary = "Override the tier with a reason ({tier: TIER_1|TIER_2|TIER_3|PROPOSED, reason, revision})")
    @APIResponse(responseCode = "409", description = "Stale revision; 'current' is the version now",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public VersionView override(@PathParam("id") long id, Tiers.TierOverrideRequest request,
                                @Context SecurityContext security) {
        Tiers.TierOverrideRequest body = request == null ? new Tiers.TierOverrideRequest(null, null, null) : request;
        return tiers.override(id, body, security.getUserPrincipal().getName());
    }
}
