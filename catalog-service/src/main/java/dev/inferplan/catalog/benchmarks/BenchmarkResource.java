package dev.inferplan.catalog.benchmarks;

import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import dev.inferplan.catalog.metrics.Provenance;
import dev.inferplan.catalog.published.PublishedEvidence;
import dev.inferplan.catalog.published.PublishedResultRequest;
import dev.inferplan.platform.problem.Problem;
import dev.inferplan.platform.problem.Problem.FieldError;
import dev.inferplan.platform.problem.ProblemException;
import dev.inferplan.platform.security.CallerToken;
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
import jakarta.ws.rs.core.HttpHeaders;
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
    private final CallerToken token;
    private final PublishedEvidence published;

    @Inject
    public BenchmarkResource(HardwarePools pools, BenchmarkResults results, CallerToken token,
                             PublishedEvidence published) {
        this.pools = pools;
        this.results = results;
        this.token = token;
        this.published = published;
    }

    @GET
    @Path("/pools")
    @Operation(summary = "The hardware pools")
    public List<PoolView> pools() {
        return pools.list();
    }

    // Pool names may contain '/' (published/nvidia-h100x8): the path parameter takes the rest of the path.
    @GET
    @Path("/pools/{pool: .+}")
    @Operation(summary = "One hardware pool")
    public PoolView pool(@PathParam("pool") String pool) {
        return pools.byName(pool).orElseThrow(() -> ProblemException.notFound("Hardware pool " + pool));
    }

    @PUT
    @Path("/pools/{pool: .+}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.RUNNER})
    @Operation(summary = "Register or update a pool (what its runner detected and the instance types it stands for)",
            description = "A runner only for its own pool: the one its token's 'pool' claim names, or without the claim"
                    + " one it registered first under the same subject; published-evidence pools only an admin.")
    @APIResponse(responseCode = "403", description = "Not this caller's pool",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PoolView registerPool(@PathParam("pool") String pool, HardwarePools.PoolRegistration request,
                                 @Context SecurityContext security) {
        HardwarePools.PoolRegistration body = request == null
                ? new HardwarePools.PoolRegistration(pool, null, null, null, null, null, null, null, null) : request;
        if (body.pool() != null && !body.pool().equals(pool)) {
            throw ProblemException.badRequest("The body names another pool.", FieldError.field("pool", "must be " + pool));
        }
        return pools.register(new HardwarePools.PoolRegistration(pool, body.instanceTypes(), body.accelerator(),
                body.acceleratorCount(), body.cpuModel(), body.cpuCores(), body.memoryBytes(), body.runnerVersion(),
                body.revision()), PoolCaller.of(security.getUserPrincipal().getName(), security.isUserInRole(Roles.ADMIN),
                token.raw()));
    }

    @GET
    @Path("/results")
    @Operation(summary = "Benchmark results, by model version and/or pool")
    public List<ResultView> results(@QueryParam("modelVersion") Long modelVersion, @QueryParam("pool") String pool) {
        return results.find(Optional.ofNullable(modelVersion), Optional.ofNullable(pool).filter(p -> !p.isBlank()));
    }

    @GET
    @Path("/results/{id}/histogram")
    @Produces({MediaType.APPLICATION_JSON, MediaType.APPLICATION_OCTET_STREAM})
    @Operation(summary = "A measured result's latency histogram",
            description = "Every query's latency in nanoseconds as HdrHistogram's compressed encoding"
                    + " (Histogram.decodeFromCompressedByteBuffer reads it): JSON with the bytes in base64 (`data`), or the"
                    + " bytes themselves with Accept: application/octet-stream. 404 for a published result or one stored"
                    + " without.")
    @APIResponse(responseCode = "404", description = "No such result, or it has no histogram",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response histogram(@PathParam("id") long id, @Context HttpHeaders headers) {
        BenchmarkResults.LatencyHistogram histogram = results.histogram(id)
                .orElseThrow(() -> ProblemException.notFound("Latency histogram of benchmark result " + id));
        if (headers.getAcceptableMediaTypes().stream().anyMatch(t -> t.isCompatible(MediaType.APPLICATION_OCTET_STREAM_TYPE)
                && !t.isWildcardType())) {
            return Response.ok(histogram.data(), MediaType.APPLICATION_OCTET_STREAM_TYPE)
                    .header("X-Histogram-Encoding", histogram.encoding()).build();
        }
        return Response.ok(new HistogramView(histogram.resultId(), histogram.encoding(), histogram.unit(),
                histogram.totalCount(), Base64.getEncoder().encodeToString(histogram.data())),
                MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** A result's latency histogram as JSON: {@code data} is the compressed encoding in base64. */
    public record HistogramView(long resultId, String encoding, String unit, long totalCount, String data) {
    }

    @POST
    @Path("/results")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.TEAM, Roles.REVIEWER, Roles.ADMIN})
    @Operation(summary = "Record a published benchmark result as evidence (reviewer or admin): provenance PUBLISHED and"
            + " a citation {url} or {document, table}, recorded as the caller's; a team member proposes instead"
            + " (POST /api/benchmarks/evidence-proposals)")
    @APIResponse(responseCode = "201", description = "Recorded",
            content = @Content(schema = @Schema(implementation = ResultView.class)))
    @APIResponse(responseCode = "403", description = "Not a reviewer or admin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Invalid fields, unknown version or pool, no citation, or MEASURED"
            + " (runners only)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response importPublished(PublishedResultRequest request, @Context SecurityContext security) {
        if (!security.isUserInRole(Roles.REVIEWER) && !security.isUserInRole(Roles.ADMIN)) {
            throw new ProblemException(403, "forbidden", "Forbidden", "Published evidence is recorded by a reviewer or"
                    + " admin; propose it for review: POST /api/benchmarks/evidence-proposals.", List.of());
        }
        if (request == null || request.provenance() == null
                || Provenance.parse(request.provenance().kind()).orElse(null) != Provenance.PUBLISHED) {
            throw ProblemException.unprocessable("Only published results are imported here; measured ones come from runners.",
                    List.of(FieldError.field("provenance.kind", "PUBLISHED")));
        }
        ResultView created = published.record(request, security.getUserPrincipal().getName());
        return Response.created(URI.create("/api/benchmarks/results?modelVersion=" + created.modelVersionId()))
                .entity(created).build();
    }
}
