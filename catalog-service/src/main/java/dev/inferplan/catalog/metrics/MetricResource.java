package dev.inferplan.catalog.metrics;

import java.net.URI;
import java.util.List;

import dev.inferplan.catalog.versions.MetricView;
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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Quality metrics of a version. */
@Path("/catalog/versions/{id}/metrics")
@RequestScoped
@Tag(name = "metrics")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.TEAM, Roles.REVIEWER, Roles.ADMIN, Roles.RUNNER})
public class MetricResource {

    private final QualityMetrics metrics;

    @Inject
    public MetricResource(QualityMetrics metrics) {
        this.metrics = metrics;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.TEAM, Roles.ADMIN})
    @Operation(summary = "Attach a quality metric with its provenance")
    @APIResponse(responseCode = "201", description = "Attached",
            content = @Content(schema = @Schema(implementation = MetricView.class)))
    @APIResponse(responseCode = "422", description = "Missing or invalid fields (negative where impossible, unknown provenance)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response attach(@PathParam("id") long id, QualityMetrics.NewMetric request, @Context SecurityContext security) {
        QualityMetrics.NewMetric body = request == null
                ? new QualityMetrics.NewMetric(null, null, null, null, null, null) : request;
        MetricView created = metrics.attach(id, body, security.getUserPrincipal().getName());
        return Response.created(URI.create("/api/catalog/versions/" + id + "/metrics/" + created.id()))
                .entity(created).build();
    }

    @GET
    @Operation(summary = "The version's metrics")
    public List<MetricView> list(@PathParam("id") long id) {
        return metrics.forVersion(id);
    }
}
