package dev.inferplan.pricing.offers;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.inferplan.contracts.pricing.PurchaseOption;
import dev.inferplan.platform.problem.Problem.FieldError;
import dev.inferplan.platform.problem.ProblemException;
import dev.inferplan.platform.security.Roles;
import dev.inferplan.pricing.pricelists.OfferKind;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The price book's offers, current or as of an instant. */
@Path("/pricing/offers")
@RequestScoped
@Tag(name = "offers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.TEAM, Roles.REVIEWER, Roles.ADMIN, Roles.RUNNER})
public class OfferResource {

    private static final int MAX_LIMIT = 1000;
    /** Deeper pages come by keyset ({@code after}); an offset reads every skipped offer again. */
    private static final int MAX_OFFSET = 10_000;
    private static final String PAGING = "limit 1.." + MAX_LIMIT + ", offset 0.." + MAX_OFFSET + " (page on with after=next)";

    private final OfferBook book;

    @Inject
    public OfferResource(OfferBook book) {
        this.book = book;
    }

    @GET
    @Operation(summary = "List offers matching the filters, cheapest first by default; deployable offers unless"
            + " kind=PART or kind=PER_UNIT (per-unit offers sort by unitPriceUsd); keyset paging: pass the page's next"
            + " as after")
    public OfferBook.Page list(@QueryParam("provider") List<String> provider,
                               @QueryParam("region") List<String> region,
                               @QueryParam("accelerator") List<String> accelerator,
                               @QueryParam("minAcceleratorCount") String minAcceleratorCount,
                               @QueryParam("maxAcceleratorCount") String maxAcceleratorCount,
                               @QueryParam("minVcpus") String minVcpus,
                               @QueryParam("minMemoryGib") String minMemoryGib,
                               @QueryParam("purchaseOption") List<String> purchaseOption,
                               @QueryParam("maxHourlyUsd") String maxHourlyUsd,
                               @QueryParam("asOf") String asOf,
                               @QueryParam("kind") List<String> kind,
                               @QueryParam("priceBookVersion") List<String> priceBookVersion,
                               @QueryParam("sort") String sort,
                               @QueryParam("after") String after,
                               @QueryParam("offset") @DefaultValue("0")
                               @Min(value = 0, message = PAGING) @Max(value = MAX_OFFSET, message = PAGING) int offset,
                               @QueryParam("limit") @DefaultValue("100")
                               @Min(value = 1, message = PAGING) @Max(value = MAX_LIMIT, message = PAGING) int limit) {
        OfferRepository.Sort by;
        try {
            // per-unit offers have no hourly price: listed alone, they sort by their unit price
            boolean perUnitOnly = !kind.isEmpty() && kind.stream().allMatch(k -> "PER_UNIT".equalsIgnoreCase(k.strip()));
            by = sort == null || sort.isBlank()
                    ? (perUnitOnly ? OfferRepository.Sort.unitPriceUsd : OfferRepository.Sort.hourlyUsd)
                    : OfferRepository.Sort.valueOf(sort);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("Unknown sort.", FieldError.field("sort",
                    "one of " + List.of(OfferRepository.Sort.values())));
        }
        Optional<OfferRepository.Cursor> cursor;
        try {
            cursor = OfferCursors.decode(after);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("Bad page token.", FieldError.field("after", e.getMessage()));
        }
        return book.find(filter(provider, region, accelerator, minAcceleratorCount, maxAcceleratorCount, minVcpus,
                minMemoryGib, purchaseOption, maxHourlyUsd, asOf, kind, priceBookVersion), by, cursor, offset, limit);
    }

    @GET
    @Path("/cheapest")
    @Operation(summary = "For each accelerator, the deployable offer (instance or configuration) with the lowest price"
            + " per accelerator-hour, and what was compared")
    @APIResponse(responseCode = "200", description = "{compared, offerKinds, per, items: one offer per accelerator, in"
            + " accelerator order}", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OfferBook.Cheapest.class)))
    public Response cheapest(@QueryParam("provider") List<String> provider,
                             @QueryParam("region") List<String> region,
                             @QueryParam("minAcceleratorCount") String minAcceleratorCount,
                             @QueryParam("purchaseOption") List<String> purchaseOption,
                             @QueryParam("asOf") String asOf,
                             @QueryParam("kind") List<String> kind) {
        return Response.ok(book.cheapestPerAcceleratorJson(filter(provider, region, List.of(), minAcceleratorCount, null,
                null, null, purchaseOption, null, asOf, kind, List.of())), MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static OfferFilter filter(List<String> providers, List<String> regions, List<String> accelerators,
                                      String minAcc, String maxAcc, String minVcpus, String minMemory,
                                      List<String> purchaseOptions, String maxHourly, String asOf, List<String> kinds,
                                      List<String> versions) {
        Set<OfferKind> offerKinds;
        try {
            offerKinds = OfferKind.parseAll(present(kinds));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("Unknown offer kind.", FieldError.field("kind", e.getMessage()));
        }
        List<Long> versionIds = new ArrayList<>();
        for (String v : present(versions)) {
            try {
                versionIds.add(Long.parseLong(v.strip()));
            } catch (NumberFormatException e) {
                throw ProblemException.badRequest("Not a price-book version id.", FieldError.field("priceBookVersion",
                        "a version id (a whole number)"));
            }
        }
        Set<PurchaseOption> options = new java.util.HashSet<>();
        for (String p : present(purchaseOptions)) {
            options.add(PurchaseOption.parse(p).orElseThrow(() -> ProblemException.badRequest("Unknown purchase option.",
                    FieldError.field("purchaseOption", "one of " + List.of(PurchaseOption.values())))));
        }
        return new OfferFilter(Set.copyOf(present(providers)), Set.copyOf(present(regions)),
                Set.copyOf(present(accelerators)), decimal("minAcceleratorCount", minAcc),
                decimal("maxAcceleratorCount", maxAcc), decimal("minVcpus", minVcpus), decimal("minMemoryGib", minMemory),
                options, decimal("maxHourlyUsd", maxHourly), instant(asOf), offerKinds, versionIds);
    }

    /** A repeated query parameter's non-blank values (a blank value means "not given", as before lists). */
    private static List<String> present(List<String> values) {
        return values == null ? List.of() : values.stream().filter(v -> v != null && !v.isBlank()).distinct().toList();
    }

    private static Optional<BigDecimal> decimal(String field, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            BigDecimal number = new BigDecimal(value.trim());
            if (number.signum() < 0) {
                throw new NumberFormatException();
            }
            return Optional.of(number);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("Not a non-negative decimal: '" + value + "'.",
                    FieldError.field(field, "a non-negative decimal number"));
        }
    }

    private static Optional<Instant> instant(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value.trim()));
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("asOf is not an instant.",
                    FieldError.field("asOf", "ISO-8601 UTC instant such as 2026-11-23T12:00:00Z"));
        }
    }
}
