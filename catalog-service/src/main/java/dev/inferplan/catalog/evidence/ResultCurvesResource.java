package dev.inferplan.catalog.evidence;

import java.util.List;
import java.util.Optional;

import dev.inferplan.contracts.benchmarks.Scenario;
import dev.inferplan.platform.problem.Problem.FieldError;
import dev.inferplan.platform.problem.ProblemException;
import dev.inferplan.platform.security.Roles;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A model version's benchmark results as curves (load → throughput and p99), per pool and configuration. */
@Path("/benchmarks/results/curves")
@RequestScoped
@Tag(name = "benchmarks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.TEAM, Roles.REVIEWER, Roles.ADMIN, Roles.RUNNER})
public class ResultCurvesResource {

    private final ResultCurves curves;

    @Inject
    public ResultCurvesResource(ResultCurves curves) {
        this.curves = curves;
    }

    @GET
    @Operation(summary = "Series per (pool, scenario, batch size, threads, provenance): concurrency or target QPS"
            + " → throughput and p99")
    public List<ResultCurves.Series> curves(@QueryParam("modelVersion") Long modelVersion, @QueryParam("pool") String pool,
                                            @QueryParam("scenario") String scenario) {
        if (modelVersion == null) {
            throw ProblemException.badRequest("A model version is required.", FieldError.field("modelVersion", "required"));
        }
        Optional<Scenario> parsed = Optional.ofNullable(scenario).filter(s -> !s.isBlank()).map(s -> Scenario.parse(s)
                .orElseThrow(() -> ProblemException.badRequest("Unknown scenario.",
                        FieldError.field("scenario", "one of " + List.of(Scenario.values())))));
        return curves.curves(modelVersion, Optional.ofNullable(pool).filter(p -> !p.isBlank()), parsed);
    }
}
