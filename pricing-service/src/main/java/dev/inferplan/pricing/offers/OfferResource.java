package dev.inferplan.pricing.offers;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import dev.inferplan.contracts.pricing.PurchaseOption;
import dev.inferplan.platform.problem.Problem.FieldError;
import dev.inferplan.platform.problem.ProblemException;
import dev.inferplan.platform.security.Roles;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
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

    private final OfferBook book;

    @Inject
    public OfferResource(OfferBook book) {
        this.book = book;
    }

    @GET
    @Operation(summary = "List offers matching the filters, cheapest first by default")
    public OfferBook.Page list(@QueryParam("provider") String provider,
                               @QueryParam("region") String region,
                               @QueryParam("accelerator") String accelerator,
                               @QueryParam("minAcceleratorCount") String minAcceleratorCount,
                               @QueryParam("maxAcceleratorCount") String maxAcceleratorCount,
                               @QueryParam("minVcpus") String minVcpus,
                               @QueryParam("minMemoryGib") String minMemoryGib,
                               @QueryParam("purchaseOption") String purchaseOption,
                               @QueryParam("maxHourlyUsd") String maxHourlyUsd,
                               @QueryParam("asOf") String asOf,
                               @QueryParam("sort") @DefaultValue("hourlyUsd") String sort,
                               @QueryParam("offset") @DefaultValue("0") int offset,
                               @QueryParam("limit") @DefaultValue("100") int limit) {
        if (!OfferRepository.SORTS.containsKey(sort)) {
            throw ProblemException.badRequest("Unknown sort.", FieldError.field("sort", "one of " + OfferRepository.SORTS.keySet()));
        }
        if (limit < 1 || limit > MAX_LIMIT || offset < 0) {
            throw ProblemException.badRequest("Bad paging.", FieldError.field("limit", "1.." + MAX_LIMIT + ", offset ≥ 0"));
        }
        return book.find(filter(provider, region, accelerator, minAcceleratorCount, maxAcceleratorCount, minVcpus,
                minMemoryGib, purchaseOption, maxHourlyUsd, asOf), sort, offset, limit);
    }

    @GET
    @Path("/cheapest")
    @Operation(summary = "For each accelerator, the offer with the lowest price per accelerator-hour")
    @APIResponse(responseCode = "200", description = "One offer per accelerator, in accelerator order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = OfferView.class)))
    public Response cheapest(@QueryParam("provider") String provider,
                                    @QueryParam("region") String region,
                                    @QueryParam("minAcceleratorCount") String minAcceleratorCount,
                                    @QueryParam("purchaseOption") String purchaseOption,
                                    @QueryParam("asOf") String asOf) {
        return Response.ok(book.cheapestPerAcceleratorJson(filter(provider, region, null, minAcceleratorCount, null,
                null, null, purchaseOption, null, asOf)), MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static OfferFilter filter(String provider, String region, String accelerator, String minAcc, String maxAcc,
                                      String minVcpus, String minMemory, String purchaseOption, String maxHourly,
                                      String asOf) {
        return new OfferFilter(Optional.ofNullable(provider), Optional.ofNullable(region), Optional.ofNullable(accelerator),
                decimal("minAcceleratorCount", minAcc), decimal("maxAcceleratorCount", maxAcc),
                decimal("minVcpus", minVcpus), decimal("minMemoryGib", minMemory),
                Optional.ofNullable(purchaseOption).map(p -> PurchaseOption.parse(p).orElseThrow(() ->
                        ProblemException.badRequest("Unknown purchase option.", FieldError.field("purchaseOption",
                                "one of " + List.of(PurchaseOption.values()))))),
                decimal("maxHourlyUsd", maxHourly), instant(asOf));
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
