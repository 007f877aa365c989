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
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Price-list imports: admins start them, everyone signed in can follow them. */
@Path("/pricing/imports")
@RequestScoped
@Tag(name = "imports")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    private final PriceImports imports;
    private final ImportRuns runs;

    @Inject
    public ImportResource(PriceImports imports, ImportRuns runs) {
        this.imports = imports;
        this.runs = runs;
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
    public Response start(@QueryParam("format") String format,
                          @QueryParam("provider") String provider,
                          @QueryParam("mode") String mode,
                          @QueryParam("url") String url,
                          @QueryParam("wait") @DefaultValue("false") boolean wait,
                          InputStream body,
                          @Context SecurityContext security) throws IOException {
        String user = security.getUserPrincipal().getName();
        PriceImports.Submitted submitted;
        if (url != null && !url.isBlank()) {
            java.nio.file.Path source = localSource(url);
            List<java.nio.file.Path> files = Files.isDirectory(source) ? pages(source) : List.of(source);
            submitted = imports.submit(new PriceImports.Request(provider, format, mode, source.getFileName().toString(),
                    user), files.stream().<PriceImports.Part>map(file -> () -> Files.newInputStream(file)).toList());
        } else {
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
                                   @QueryParam("wait") @DefaultValue("false") boolean wait,
                                   List<EntityPart> parts,
                                   @Context SecurityContext security) {
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
            throw ProblemException.unprocessable("Import " + id + " refused: " + view.detail(), view.rejected().stream()
                    .map(r -> new FieldError(null, r.line(), r.column(), r.reason())).toList());
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
        return new ImportView(run.id(), run.status(), run.provider(), run.format(), run.mode(), run.progress(),
                run.etaSeconds(), run.rowsRead(), run.offersCreated(), run.rejectedCount(), runs.rejections(id),
                run.versionId(), run.detail(), run.startedAt(), run.finishedAt());
    }

    /** Only local files and directories: this service fetches nothing from the network. */
    private static java.nio.file.Path localSource(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("Not a URL: " + url, FieldError.field("url", "file:/path/to/list"));
        }
        if (!"file".equals(uri.getScheme())) {
            throw ProblemException.badRequest("Only file: URLs are accepted.", FieldError.field("url", "file:/path/to/list"));
        }
        java.nio.file.Path file = java.nio.file.Path.of(uri);
        if (!(Files.isRegularFile(file) || Files.isDirectory(file)) || !Files.isReadable(file)) {
            throw ProblemException.badRequest("No readable file at " + file, FieldError.field("url", "not a readable file"));
        }
        return file;
    }

    /**
     * A directory of saved pages (an Azure query's): its regular files in page order, by the number
     * in their names ({@code page-2.json} before {@code page-10.json}).
     */
    private static List<java.nio.file.Path> pages(java.nio.file.Path directory) throws IOException {
        List<java.nio.file.Path> files;
        try (java.util.stream.Stream<java.nio.file.Path> list = Files.list(directory)) {
            files = list.filter(Files::isRegularFile).sorted(PAGE_ORDER).toList();
        }
        if (files.isEmpty()) {
            throw ProblemException.badRequest("The directory " + directory + " holds no file.",
                    FieldError.field("url", "a file, or a directory of pages"));
        }
        return files;
    }

    private static final java.util.Comparator<java.nio.file.Path> PAGE_ORDER = java.util.Comparator
            .comparingLong((java.nio.file.Path p) -> pageNumber(p.getFileName().toString()))
            .thenComparing(p -> p.getFileName().toString());

    private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("(\\d{1,18})");

    private static long pageNumber(String name) {
        java.util.regex.Matcher digits = DIGITS.matcher(name);
        return digits.find() ? Long.parseLong(digits.group(1)) : Long.MAX_VALUE;
    }

    public record ImportView(long id, ImportRun.Status status, String provider, String format, String mode,
                             BigDecimal progress, Long etaSeconds, long rowsRead, long offersCreated,
                             long rejectedCount, List<RejectedRow> rejected, Long priceBookVersion, String detail,
                             Instant startedAt, Instant finishedAt) {
    }
}
