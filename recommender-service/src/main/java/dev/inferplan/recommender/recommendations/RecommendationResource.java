package dev.inferplan.recommender.recommendations;

import dev.inferplan.platform.problem.Problem;
import dev.inferplan.platform.security.CallerToken;
import dev.inferplan.platform.security.Roles;
import dev.inferplan.recommender.plans.Recommendation;
import dev.inferplan.recommender.plans.RecommendationRequest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/recommendations")
@RequestScoped
@Tag(name = "recommendations")
public class RecommendationResource {

    private final Recommendations recommendations;
    private final CallerToken callerToken;

    @Inject
    public RecommendationResource(Recommendations recommendations, CallerToken callerToken) {
        this.recommendations = recommendations;
        this.callerToken = callerToken;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.TEAM, Roles.ADMIN, Roles.REVIEWER})
    @Operation(summary = "Ranked deployment plans under quality, latency and budget constraints, with the Pareto "
            + "frontier, every rejection's reason, nearest misses and sensitivity")
    @APIResponse(responseCode = "200", description = "The answer; empty plans with the reasons when nothing is feasible")
    @APIResponse(responseCode = "422", description = "A field cannot be answered (each is named)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "No snapshot of the catalog and the price book was ever loaded",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    // A recommendation is CPU work: past this many at once, the excess is refused at once (503 busy, Retry-After)
    // instead of queueing until memory runs out. Config: …RecommendationResource/recommend/Bulkhead/value.
    @Bulkhead(16)
    public Recommendation recommend(RecommendationRequest request) {
        return recommendations.recommend(request, callerToken.raw()).recommendation();
    }
}
