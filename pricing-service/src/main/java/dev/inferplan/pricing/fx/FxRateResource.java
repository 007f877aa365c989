package dev.inferplan.pricing.fx;

import java.time.Instant;
import java.util.List;

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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The FX table: everyone signed in reads it, admins maintain it. */
@Path("/pricing/fx-rates")
@RequestScoped
@Tag(name = "fx-rates")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.TEAM, Roles.REVIEWER, Roles.ADMIN, Roles.RUNNER})
public class FxRateResource {

    private final FxRates rates;

    @Inject
    public FxRateResource(FxRates rates) {
        this.rates = rates;
    }

    @GET
    @Operation(summary = "List the FX rates (USD per unit of each currency)")
    public List<FxRateView> list() {
        return rates.list().stream().map(FxRateView::of).toList();
    }

    @PUT
    @Path("/{currency}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Set the rate of a currency")
    @APIResponse(responseCode = "201", description = "Rate created")
    @APIResponse(responseCode = "200", description = "Rate replaced")
    @APIResponse(responseCode = "422", description = "Unknown currency or invalid rate",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response set(@PathParam("currency") String currency, NewRate request, @Context SecurityContext security) {
        boolean created = rates.set(currency, request == null ? null : request.usdPerUnit(),
                security.getUserPrincipal().getName());
        return Response.status(created ? Response.Status.CREATED : Response.Status.OK).build();
    }

    /** {@code usdPerUnit} is a decimal string, never a float. */
    public record NewRate(String usdPerUnit) {
    }

    public record FxRateView(String currency, String usdPerUnit, Instant updatedAt, String updatedBy) {
        static FxRateView of(FxRate rate) {
            return new FxRateView(rate.currency(), rate.usdPerUnit().stripTrailingZeros().toPlainString(), rate.updatedAt(), rate.updatedBy());
        }
    }
}
