package dev.inferplan.catalog.benchmarks;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import dev.inferplan.catalog.metrics.Provenance;
import dev.inferplan.platform.problem.Problem;
import dev.inferplan.platform.problem.Problem.FieldError;
import dev.inferplan.platform.problem.ProblemException;
import dev.inferplan.platform.security.Roles;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

/**
 * Hardware pools and benchmark results (served by the catalog). Measured results arrive from
 * runners through the job queue; REST takes published figures, cited, as evidence.
 */
@Path("/benchmarks")
@RequestScoped
@Tag(name = "benchmarks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.TEAM, Roles.REVIEWER, Roles.ADMIN, Roles.RUNNER})
public class BenchmarkResource {

    private final HardwarePools pools;
    private final BenchmarkResults results;

    @Inject
    public BenchmarkResource(HardwarePools pools, BenchmarkResults results) {
        this.pools = pools;
        this.results = results;
    }

    @GET
    @Path("/pools")
    @Operation(summary = "The hardware pools")
    public List<PoolView> pools() {
        return pools.list();
    }

    @GET
    @Path("/pools/{pool}")
    @Operation(summary = "One hardware pool")
    public PoolView pool(@PathParam("pool") String pool) {
        return pools.byName(pool).orElseThrow(() -> ProblemException.notFound("Hardware pool " + pool));
    }

    @PUT
    @Path("/pools/{pool}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.RUNNER})
    @Operation(summary = "Register or update a pool (what its runner detected and the instance types it stands for)")
    public PoolView registerPool(@PathParam("pool") String pool, HardwarePools.PoolRegistration request,
                                 @Context SecurityContext security) {
        HardwarePools.PoolRegistration body = request == null
                ? new HardwarePools.PoolRegistration(pool, null, null, null, null, null, null, null, null) : request;
        if (body.pool() != null && !body.pool().equals(pool)) {
            throw ProblemException.badRequest("The body names another pool.", FieldError.field("pool", "must be " + pool));
        }
        return pools.register(new HardwarePools.PoolRegistration(pool, body.instanceTypes(), body.accelerator(),
                body.acceleratorCount(), body.cpuModel(), body.cpuCores(), body.memoryBytes(), body.runnerVersion(),
                body.revision()), security.getUserPrincipal().getName());
    }

    @GET
    @Path("/results")
    @Operation(summary = "Benchmark results, by model version and/or pool")
    public List<ResultView> results(@QueryParam("modelVersion") Long modelVersion, @QueryParam("pool") String pool) {
        return results.find(Optional.ofNullable(modelVersion), Optional.ofNullable(pool).filter(p -> !p.isBlank()));
    }

    @POST
    @Path("/results")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.TEAM, Roles.REVIEWER, Roles.ADMIN})
    @Operation(summary = "Import a published benchmark result as evidence (provenance PUBLISHED with its citation)")
    @APIResponse(responseCode = "201", description = "Recorded",
            content = @Content(schema = @Schema(implementation = ResultView.class)))
    @APIResponse(responseCode = "422", description = "Invalid fields, unknown version or pool, or MEASURED (runners only)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response importPublished(BenchmarkResults.NewResult request, @Context SecurityContext security) {
        if (request == null || request.provenance() == null
                || Provenance.parse(request.provenance().kind()).orElse(null) != Provenance.PUBLISHED) {
            throw ProblemException.unprocessable("Only published results are imported here; measured ones come from runners.",
                    List.of(FieldError.field("provenance.kind", "PUBLISHED")));
        }
        ResultView created = results.record(request, security.getUserPrincipal().getName());
        return Response.created(URI.create("/api/benchmarks/results?modelVersion=" + created.modelVersionId()))
                .entity(created).build();
    }
}
