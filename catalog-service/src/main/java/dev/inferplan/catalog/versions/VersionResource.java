package dev.inferplan.catalog.versions;

import java.math.BigDecimal;
import java.util.Locale;
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
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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

/** Search and read model versions; change a PROPOSED one; runners report the artifact's IO signature. */
@Path("/catalog/versions")
@RequestScoped
@Tag(name = "versions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.TEAM, Roles.REVIEWER, Roles.ADMIN, Roles.RUNNER})
public class VersionResource {

    static final int MAX_SIZE = 200;

    private final ModelVersions versions;
    private final VersionIndex reads;

    @Inject
    public VersionResource(ModelVersions versions, VersionIndex reads) {
        this.versions = versions;
        this.reads = reads;
    }

    @GET
    @Operation(summary = "Search versions by task, tier, status, text and metric thresholds; paged and sorted",
            description = "sort: id, createdAt, label, family, tier, status or metric (needs metric=), '-' prefix for"
                    + " descending (default -id). metric=top1&minValue=80 keeps versions with top1 ≥ 80 on any dataset.")
    @APIResponse(responseCode = "200", description = "A page of versions with their metrics",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = VersionIndex.Page.class)))
    public Response search(@QueryParam("task") String task,
                           @QueryParam("tier") String tier,
                           @QueryParam("status") String status,
                           @QueryParam("q") String text,
                           @QueryParam("metric") String metric,
                           @QueryParam("minValue") String minValue,
                           @QueryParam("maxValue") String maxValue,
                           @QueryParam("sort") @DefaultValue("-id") String sort,
                           @QueryParam("page") @DefaultValue("0") @Min(value = 0, message = "0 or more") int page,
                           @QueryParam("size") @DefaultValue("20") @Min(value = 1, message = "1.." + MAX_SIZE)
                           @Max(value = MAX_SIZE, message = "1.." + MAX_SIZE) int size) {
        // already JSON: the index keeps each version serialized
        return Response.ok(reads.searchJson(query(task, tier, status, text, metric, minValue, maxValue, sort, page,
                size)), MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One version with its metrics")
    @APIResponse(responseCode = "200", description = "The version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VersionView.class)))
    public Response byId(@PathParam("id") long id) {
        return Response.ok(reads.findJson(id).orElseThrow(() -> ProblemException.notFound("Model version " + id)),
                MediaType.APPLICATION_JSON).build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.TEAM, Roles.ADMIN})
    @Operation(summary = "Change a PROPOSED version's label or artifact; quote the revision you read")
    @APIResponse(responseCode = "409", description = "Stale revision (the body's 'current' is the version now) or not PROPOSED",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public VersionView update(@PathParam("id") long id, ModelVersions.VersionChanges changes,
                              @Context SecurityContext security) {
        ModelVersions.VersionChanges body = changes == null ? new ModelVersions.VersionChanges(null, null, null) : changes;
        return versions.update(id, body, security.getUserPrincipal().getName());
    }

    @PUT
    @Path("/{id}/signature")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.RUNNER, Roles.ADMIN})
    @Operation(summary = "A runner reports the IO signature it read from the artifact (sha256 must match)")
    public ModelVersions.SignatureOutcome reportSignature(@PathParam("id") long id, ModelVersions.SignatureReport report,
                                                         @Context SecurityContext security) {
        ModelVersions.SignatureReport body = report == null ? new ModelVersions.SignatureReport(null, null, null, null) : report;
        ModelVersions.SignatureOutcome outcome = versions.reportSignature(id, body, security.getUserPrincipal().getName());
        if (!outcome.accepted()) {
            throw ProblemException.conflict("signature-refused", outcome.reason());
        }
        return outcome;
    }

    static VersionQuery query(String task, String tier, String status, String text, String metric, String minValue,
                              String maxValue, String sort, int page, int size) {
        Optional<VersionStatus> parsedStatus = blank(status).map(s -> VersionStatus.parse(s).orElseThrow(() ->
                ProblemException.badRequest("Unknown status.", FieldError.field("status",
                        "one of " + java.util.List.of(VersionStatus.values())))));
        Optional<String> parsedTier = blank(tier).map(t -> Tier.parse(t).orElseThrow(() ->
                ProblemException.badRequest("Unknown tier.", FieldError.field("tier", "TIER_1, TIER_2 or TIER_3"))).name());
        Optional<String> parsedMetric = blank(metric);
        VersionQuery.Sort parsedSort = sort(sort == null ? "-id" : sort.strip());
        if (parsedSort.key() == VersionQuery.Key.METRIC && parsedMetric.isEmpty()) {
            throw ProblemException.badRequest("Sorting by metric needs the metric's name.",
                    FieldError.field("metric", "required with sort=metric"));
        }
        Optional<BigDecimal> min = decimal("minValue", minValue);
        Optional<BigDecimal> max = decimal("maxValue", maxValue);
        if ((min.isPresent() || max.isPresent()) && parsedMetric.isEmpty()) {
            throw ProblemException.badRequest("A threshold needs the metric's name.",
                    FieldError.field("metric", "required with minValue or maxValue"));
        }
        return new VersionQuery(blank(task), parsedTier, parsedStatus, blank(text), Optional.empty(), parsedMetric, min, max,
                parsedSort, page, size);
    }

    private static VersionQuery.Sort sort(String value) {
        boolean descending = value.startsWith("-");
        String key = (descending ? value.substring(1) : value).replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
        try {
            return new VersionQuery.Sort(VersionQuery.Key.valueOf(key), descending);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("Unknown sort.", FieldError.field("sort",
                    "id, createdAt, label, family, tier, status or metric; '-' in front for descending"));
        }
    }

    private static Optional<BigDecimal> decimal(String field, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(value.strip()));
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("Not a decimal number: '" + value + "'.", FieldError.field(field, "a decimal number"));
        }
    }

    private static Optional<String> blank(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
    }
}
