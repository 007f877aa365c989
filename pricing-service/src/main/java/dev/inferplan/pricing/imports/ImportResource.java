package dev.inferplan.pricing.imports;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.inferplan.platform.problem.Problem;
import dev.inferplan.platform.problem.Problem.FieldError;
import dev.inferplan.platform.problem.ProblemException;
import dev.inferplan.platform.security.Roles;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import dev.inferplan.pricing.pricelists.RejectedRow;

/** Price-list imports: admins start them, everyone signed in can follow them. */
@Path("/pricing/imports")
@RequestScoped
@Tag(name = "imports")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    private final PriceImports imports;
    private final ImportRuns runs;
    private final PriceListLocations locations;

    @Inject
    public ImportResource(PriceImports imports, ImportRuns runs, PriceListLocations locations) {
        this.imports = imports;
        this.runs = runs;
        this.locations = locations;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Import a price list (the request body, or a local file named by url=file:...)",
            description = "Answers 202 with the import; follow it at Location. With wait=true, waits for the outcome:"
                    + " 200 with the report, or 422 problem+json naming every line and column at fault.")
    @APIResponse(responseCode = "202", description = "Started", content = @Content(schema = @Schema(implementation = ImportView.class)))
    @APIResponse(responseCode = "422", description = "Refused (wait=true)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "url= outside pricing.imports.allowed-roots",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Another import of the provider held the book too long (wait=true)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "A body without a Content-Type",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response start(@QueryParam("format") String format,
                          @QueryParam("provider") String provider,
                          @QueryParam("mode") String mode,
                          @QueryParam("url") String url,
                          @QueryParam("wait") @DefaultValue("false") boolean wait,
                          @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                          InputStream body,
                          @Context SecurityContext security) {
        String user = security.getUserPrincipal().getName();
        PriceImports.Submitted submitted;
        if (url != null && !url.isBlank()) {
            PriceListLocations.Located located = locations.locate(url);
            submitted = imports.submit(new PriceImports.Request(provider, format, mode, located.name(), user),
                    located.parts());
        } else {
            if (contentType == null || contentType.isBlank()) {
                throw new ProblemException(415, "unsupported-media-type", "Unsupported Media Type", "A price list sent"
                        + " as the request body needs a Content-Type (text/csv, application/json,"
                        + " application/octet-stream, or multipart/form-data with parts named 'file').",
                        List.of(FieldError.field("Content-Type", "the media type of the body")));
            }
            submitted = imports.submit(new PriceImports.Request(provider, format, mode, "upload", user), body);
        }
        return answer(submitted, wait);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Import a price list uploaded as multipart/form-data",
            description = "One part named 'file' holds the price list; an azure-retail import may give several"
                    + " 'file' parts, the pages of one query in order (each page's NextPageLink must lead to the"
                    + " next part). Otherwise as the plain upload.")
    @APIResponse(responseCode = "202", description = "Started", content = @Content(schema = @Schema(implementation = ImportView.class)))
    @APIResponse(responseCode = "422", description = "Refused (wait=true)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response startMultipart(@QueryParam("format") String format,
                                   @QueryParam("provider") String provider,
                                   @QueryParam("mode") String mode,
                                   @QueryParam("url") String url,
                                   @QueryParam("wait") @DefaultValue("false") boolean wait,
                                   @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                   List<EntityPart> parts,
                                   @Context SecurityContext security) {
        if (parts == null) {
            // JAX-RS routes a request without a Content-Type here too: it has no parts
            return start(format, provider, mode, url, wait, contentType, InputStream.nullInputStream(), security);
        }
        List<String> unknown = parts.stream().map(EntityPart::getName).filter(name -> !"file".equals(name)).toList();
        if (!unknown.isEmpty()) {
            throw ProblemException.badRequest("Unknown form part(s): " + unknown + ".",
                    FieldError.field(unknown.get(0), "the price list goes in parts named 'file'"));
        }
        if (parts.isEmpty()) {
            throw ProblemException.badRequest("No file was given.", FieldError.field("file", "a part named 'file'"));
        }
        String name = parts.get(0).getFileName().orElse("upload") + (parts.size() > 1 ? " (+" + (parts.size() - 1)
                + " pages)" : "");
        PriceImports.Submitted submitted = imports.submit(new PriceImports.Request(provider, format, mode, name,
                security.getUserPrincipal().getName()), parts.stream().<PriceImports.Part>map(part -> part::getContent)
                .toList());
        return answer(submitted, wait);
    }

    private Response answer(PriceImports.Submitted submitted, boolean wait) {
        long id = submitted.run().id();
        URI location = URI.create("/api/pricing/imports/" + id);
        if (wait && submitted.work().isPresent()) {
            try {
                submitted.work().get().get(10, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // the run records what happened
            }
        }
        ImportView view = view(id);
        if (!wait || view.status() == ImportRun.Status.RUNNING) {
            return Response.accepted(view).location(location).build();
        }
        if (view.status() == ImportRun.Status.FAILED) {
            String detail = "Import " + id + " " + (view.reason() == ImportRun.Reason.REFUSED ? "refused" : "failed")
                    + ": " + view.detail();
            List<FieldError> errors = view.rejected().stream()
                    .map(r -> new FieldError(null, r.line(), r.column(), r.reason())).toList();
            throw switch (view.reason()) {
                case REFUSED -> ProblemException.unprocessable(detail, errors);
                case BUSY -> new ProblemException(409, "import-busy", "Conflict", detail, List.of());
                case INTERRUPTED, SOURCE_UNAVAILABLE -> new ProblemException(503, "import-failed",
                        "Service Unavailable", detail, List.of());
                case ERROR -> new ProblemException(500, "internal", "Internal error", detail, List.of());
            };
        }
        return Response.ok(view).location(location).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.TEAM, Roles.REVIEWER, Roles.ADMIN})
    @Operation(summary = "An import's status, progress (% and ETA) and report")
    public ImportView get(@PathParam("id") long id) {
        return view(id);
    }

    private ImportView view(long id) {
        ImportRun run = runs.byId(id).orElseThrow(() -> ProblemException.notFound("Import " + id));
        return new ImportView(run.id(), run.status(), run.reason(), run.provider(), run.format(), run.mode(),
                run.progress(), run.etaSeconds(), run.rowsRead(), run.offersCreated(), run.rejectedCount(),
                runs.rejections(id), run.warningCount(), runs.warnings(id), run.versionId(), run.detail(),
                run.startedAt(), run.finishedAt());
    }

    /**
     * An import's status and report; {@code reason} says why a FAILED one failed (REFUSED, BUSY, INTERRUPTED,
     * SOURCE_UNAVAILABLE, ERROR); {@code warnings} lists what was imported but needs an admin's eye.
     */
    public record ImportView(long id, ImportRun.Status status, ImportRun.Reason reason, String provider, String format,
                             String mode, BigDecimal progress, Long etaSeconds, long rowsRead, long offersCreated,
                             long rejectedCount, List<RejectedRow> rejected, long warningCount,
                             List<RejectedRow> warnings, Long priceBookVersion, String detail,
                             Instant startedAt, Instant finishedAt) {
    }
}
