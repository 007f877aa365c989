package dev.inferplan.catalog.jobs;

import java.net.URI;
import java.util.Optional;

import dev.inferplan.platform.problem.Problem;
import dev.inferplan.platform.problem.Problem.FieldError;
import dev.inferplan.platform.problem.ProblemException;
import dev.inferplan.platform.security.Roles;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
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

/** The benchmark job queue over REST: teams submit and cancel jobs, everyone signed in reads them. */
@Path("/benchmarks/jobs")
@RequestScoped
@Tag(name = "benchmarks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.TEAM, Roles.REVIEWER, Roles.ADMIN, Roles.RUNNER})
public class BenchmarkJobResource {

    private final BenchmarkJobs jobs;

    @Inject
    public BenchmarkJobResource(BenchmarkJobs jobs) {
        this.jobs = jobs;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.TEAM, Roles.ADMIN})
    @Operation(summary = "Queue a benchmark job: a model version on a pool, one scenario, a sweep")
    @APIResponse(responseCode = "201", description = "Queued",
            content = @Content(schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "400", description = "An impossible job (empty sweep, batch outside 1–1024, SERVER"
            + " without targetQps, ...), naming the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Unknown model version (or one without an artifact) or pool",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response submit(BenchmarkJobs.Submission request, @Context SecurityContext security) {
        JobView created = jobs.submit(request, security.getUserPrincipal().getName());
        return Response.created(URI.create("/api/benchmarks/jobs/" + created.id())).entity(created).build();
    }

    @GET
    @Operation(summary = "Jobs, newest first, by status, pool and/or model version")
    public BenchmarkJobs.Page list(@QueryParam("status") String status, @QueryParam("pool") String pool,
                                   @QueryParam("modelVersion") Long modelVersion,
                                   @QueryParam("page") @DefaultValue("0") @Min(value = 0, message = "0 or more") int page,
                                   @QueryParam("size") @DefaultValue("20") @Min(value = 1, message = "from 1 to 200")
                                   @Max(value = 200, message = "from 1 to 200") int size) {
        Optional<JobStatus> parsed = Optional.ofNullable(status).filter(s -> !s.isBlank()).map(s -> JobStatus.parse(s)
                .orElseThrow(() -> ProblemException.badRequest("Unknown status.",
                        FieldError.field("status", "one of " + java.util.List.of(JobStatus.values())))));
        return jobs.list(new BenchmarkJobs.Query(parsed, Optional.ofNullable(pool).filter(p -> !p.isBlank()),
                Optional.ofNullable(modelVersion)), page, size);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One job: status, attempts, lease, progress, failure reason, result ids")
    public JobView byId(@PathParam("id") long id) {
        return jobs.byId(id).orElseThrow(() -> ProblemException.notFound("Benchmark job " + id));
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed({Roles.TEAM, Roles.ADMIN})
    @Operation(summary = "Cancel a job that has not finished (its runner stops at the next heartbeat)")
    @APIResponse(responseCode = "409", description = "Already finished; the body's 'current' is the job",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public JobView cancel(@PathParam("id") long id, @Context SecurityContext security) {
        return jobs.cancel(id, security.getUserPrincipal().getName());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.TEAM, Roles.ADMIN})
    @Operation(summary = "Cancel a job (as POST …/cancel)")
    public JobView delete(@PathParam("id") long id, @Context SecurityContext security) {
        return jobs.cancel(id, security.getUserPrincipal().getName());
    }
}
