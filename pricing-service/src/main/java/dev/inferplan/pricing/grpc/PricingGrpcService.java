package dev.inferplan.pricing.grpc;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import dev.inferplan.contracts.grpc.common.Money;
import dev.inferplan.contracts.grpc.pricing.BookVersion;
import dev.inferplan.contracts.grpc.pricing.FxRate;
import dev.inferplan.contracts.grpc.pricing.ListBookVersionsRequest;
import dev.inferplan.contracts.grpc.pricing.ListBookVersionsResponse;
import dev.inferplan.contracts.grpc.pricing.OfferPart;
import dev.inferplan.contracts.grpc.pricing.ListFxRatesRequest;
import dev.inferplan.contracts.grpc.pricing.ListFxRatesResponse;
import dev.inferplan.contracts.grpc.pricing.OfferFilter;
import dev.inferplan.contracts.grpc.pricing.OfferKey;
import dev.inferplan.contracts.grpc.pricing.PricingServiceGrpc;
import dev.inferplan.contracts.pricing.PurchaseOption;
import dev.inferplan.platform.grpc.GrpcAuthentication;
import dev.inferplan.platform.security.Roles;
import dev.inferplan.pricing.fx.FxRates;
import dev.inferplan.pricing.book.PriceBookVersions;
import dev.inferplan.pricing.pricelists.OfferKind;
import dev.inferplan.pricing.offers.OfferBook;
import dev.inferplan.pricing.offers.PriceOffer;

import io.grpc.BindableService;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The recommender's gRPC view of the price book: an adapter over the same domain methods as the
 * REST resources ({@link OfferBook}, {@link FxRates}).
 */
@ApplicationScoped
public class PricingGrpcService implements PricingServiceGrpc.AsyncService, BindableService {

    private final OfferBook offers;
    private final FxRates fxRates;
    private final GrpcAuthentication authentication;
    private final dev.inferplan.pricing.events.PriceBookEvents events;
    private final PriceBookVersions bookVersions;

    @Inject
    public PricingGrpcService(OfferBook offers, FxRates fxRates, GrpcAuthentication authentication,
                              dev.inferplan.pricing.events.PriceBookEvents events, PriceBookVersions bookVersions) {
        this.bookVersions = bookVersions;
        this.offers = offers;
        this.fxRates = fxRates;
        this.authentication = authentication;
        this.events = events;
    }

    @Override
    public ServerServiceDefinition bindService() {
        return ServerInterceptors.intercept(PricingServiceGrpc.bindService(this),
                authentication.requireAnyRole(Roles.VIEWER, Roles.TEAM, Roles.REVIEWER, Roles.ADMIN, Roles.RUNNER));
    }

    @Override
    public void streamOffers(OfferFilter request, StreamObserver<dev.inferplan.contracts.grpc.pricing.PriceOffer> response) {
        dev.inferplan.pricing.offers.OfferFilter filter;
        try {
            filter = filter(request);
        } catch (IllegalArgumentException e) {
            response.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        offers.forEach(filter, offer -> response.onNext(toProto(offer)));
        response.onCompleted();
    }

    @Override
    public void getOffer(OfferKey request, StreamObserver<dev.inferplan.contracts.grpc.pricing.PriceOffer> response) {
        PurchaseOption option = PurchaseOption.parse(request.getPurchaseOption()).orElse(null);
        if (option == null) {
            response.onError(Status.INVALID_ARGUMENT.withDescription("unknown purchase option '"
                    + request.getPurchaseOption() + "'").asRuntimeException());
            return;
        }
        // OfferKey addresses instances, and configurations by their host where the host has fixed accelerators
        // (a GCP a2 type); attachable accelerators and other configurations are found through StreamOffers.
        Optional<Instant> asOf = request.getAsOfEpochMs() == 0 ? Optional.empty()
                : Optional.of(Instant.ofEpochMilli(request.getAsOfEpochMs()));
        offers.byKey(request.getProvider(), request.getRegion(), request.getZone(), request.getInstanceType(), option,
                asOf).ifPresentOrElse(offer -> {
            response.onNext(toProto(offer));
            response.onCompleted();
        }, () -> response.onError(Status.NOT_FOUND.withDescription("no such offer in the book"
                + asOf.map(a -> " as of " + a).orElse("")).asRuntimeException()));
    }

    @Override
    public void listFxRates(ListFxRatesRequest request, StreamObserver<ListFxRatesResponse> response) {
        ListFxRatesResponse.Builder rates = ListFxRatesResponse.newBuilder();
        fxRates.list().forEach(rate -> rates.addRates(FxRate.newBuilder()
                .setCurrency(rate.currency())
                .setUsdPerUnit(rate.usdPerUnit().stripTrailingZeros().toPlainString())
                .setUpdatedAtEpochMs(rate.updatedAt().toEpochMilli())));
        response.onNext(rates.build());
        response.onCompleted();
    }

    @Override
    public void listPriceBookEvents(dev.inferplan.contracts.grpc.pricing.ListPriceBookEventsRequest request,
                                    StreamObserver<dev.inferplan.contracts.grpc.pricing.ListPriceBookEventsResponse> response) {
        int limit = request.getLimit() == 0 ? 100 : request.getLimit();
        if (request.getAfterPosition() < 0 || limit < 1 || limit > 1000) {
            response.onError(io.grpc.Status.INVALID_ARGUMENT
                    .withDescription("after_position must be ≥ 0 and limit 1..1000").asRuntimeException());
            return;
        }
        dev.inferplan.pricing.events.PriceBookEvents.Page page = events.after(request.getAfterPosition(), limit);
        var answer = dev.inferplan.contracts.grpc.pricing.ListPriceBookEventsResponse.newBuilder()
                .setPosition(page.position());
        page.items().forEach(e -> answer.addEvents(dev.inferplan.contracts.grpc.pricing.PriceBookEvent.newBuilder()
                .setPosition(e.position()).setType(e.type()).setProvider(e.provider())
                .setPriceBookVersion(e.priceBookVersion())
                .setPreviousVersion(e.previousVersion() == null ? 0 : e.previousVersion())
                .setOccurredAtEpochMs(e.occurredAt().toEpochMilli()).setImportedBy(e.importedBy())
                .setAdded(e.summary().added()).setRemoved(e.summary().removed()).setPriceUp(e.summary().priceUp())
                .setPriceDown(e.summary().priceDown()).setUnchanged(e.summary().unchanged())));
        response.onNext(answer.build());
        response.onCompleted();
    }

    @Override
    public void listBookVersions(ListBookVersionsRequest request, StreamObserver<ListBookVersionsResponse> response) {
        Optional<Instant> asOf = request.getAsOfEpochMs() == 0 ? Optional.empty()
                : Optional.of(Instant.ofEpochMilli(request.getAsOfEpochMs()));
        ListBookVersionsResponse.Builder answer = ListBookVersionsResponse.newBuilder();
        bookVersions.inForce(asOf).forEach(v -> answer.addVersions(BookVersion.newBuilder().setProvider(v.provider())
                .setId(v.id()).setCreatedAtEpochMs(v.createdAt().toEpochMilli()).setSourceSha256(v.sourceSha256())));
        response.onNext(answer.build());
        response.onCompleted();
    }

    /** Each value is a bind parameter of every page's query: far below the database's limit of them. */
    static final int MAX_VALUES_PER_FIELD = 1000;

    /** The request as the domain's filter; every list field matches any of its values. */
    static dev.inferplan.pricing.offers.OfferFilter filter(OfferFilter request) {
        for (var field : java.util.List.of(java.util.Map.entry("providers", request.getProvidersCount()),
                java.util.Map.entry("regions", request.getRegionsCount()),
                java.util.Map.entry("accelerators", request.getAcceleratorsCount()),
                java.util.Map.entry("purchase_options", request.getPurchaseOptionsCount()),
                java.util.Map.entry("kinds", request.getKindsCount()),
                java.util.Map.entry("price_book_versions", request.getPriceBookVersionsCount()))) {
            if (field.getValue() > MAX_VALUES_PER_FIELD) {
                throw new IllegalArgumentException(field.getKey() + ": at most " + MAX_VALUES_PER_FIELD + " values");
            }
        }
        Set<PurchaseOption> options = new HashSet<>();
        for (String p : request.getPurchaseOptionsList()) {
            options.add(PurchaseOption.parse(p).orElseThrow(() -> new IllegalArgumentException(
                    "purchase_options: unknown purchase option '" + p + "'")));
        }
        Set<OfferKind> kinds;
        try {
            kinds = OfferKind.parseAll(request.getKindsList());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("kinds: " + e.getMessage());
        }
        if (request.getMinAcceleratorCount() < 0 || request.getMaxAcceleratorCount() < 0) {
            throw new IllegalArgumentException("min_accelerator_count and max_accelerator_count must be ≥ 0");
        }
        Optional<BigDecimal> maxHourly;
        try {
            maxHourly = request.getMaxHourlyUsd().isEmpty() ? Optional.empty()
                    : Optional.of(new BigDecimal(request.getMaxHourlyUsd()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("max_hourly_usd: not a decimal");
        }
        return new dev.inferplan.pricing.offers.OfferFilter(
                Set.copyOf(request.getProvidersList()), Set.copyOf(request.getRegionsList()),
                Set.copyOf(request.getAcceleratorsList()),
                request.getMinAcceleratorCount() > 0 ? Optional.of(BigDecimal.valueOf(request.getMinAcceleratorCount())) : Optional.empty(),
                request.getMaxAcceleratorCount() > 0 ? Optional.of(BigDecimal.valueOf(request.getMaxAcceleratorCount())) : Optional.empty(),
                Optional.empty(), Optional.empty(), options, maxHourly,
                request.getAsOfEpochMs() == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(request.getAsOfEpochMs())),
                kinds, request.getPriceBookVersionsList());
    }

    static dev.inferplan.contracts.grpc.pricing.PriceOffer toProto(PriceOffer o) {
        var offer = dev.inferplan.contracts.grpc.pricing.PriceOffer.newBuilder()
                .setProvider(o.provider())
                .setRegion(o.region())
                .setZone(o.zone())
                .setInstanceType(o.instanceType())
                .setAcceleratorCount(o.acceleratorCount().doubleValue())
                .setPurchaseOption(o.purchaseOption())
                .setPriceBookVersion(o.versionId())
                .setOfferKind(o.offerKind());
        if (o.hourlyUsd() != null) {
            offer.setHourlyUsd(money(o.hourlyUsd()));
        }
        if (o.unit() != null) {
            offer.setUnit(o.unit()).setServedModel(o.servedModel()).setUnitPriceUsd(money(o.unitPriceUsd()));
        }
        if (o.paymentOption() != null) {
            offer.setPaymentOption(o.paymentOption());
        }
        if (o.effectiveFrom() != null) {
            offer.setEffectiveFromEpochMs(o.effectiveFrom().toEpochMilli());
        }
        if (o.effectiveTo() != null) {
            offer.setEffectiveToEpochMs(o.effectiveTo().toEpochMilli());
        }
        if (o.accelerator() != null) {
            offer.setAccelerator(o.accelerator());
        }
        if (o.acceleratorMemoryGib() != null) {
            offer.setAcceleratorMemoryGib(o.acceleratorMemoryGib().doubleValue());
        }
        if (o.vcpus() != null) {
            offer.setVcpus(o.vcpus().intValue());
        }
        if (o.memoryGib() != null) {
            offer.setMemoryGib(o.memoryGib().doubleValue());
        }
        if (o.cpuArchitecture() != null) {
            offer.setCpuArchitecture(o.cpuArchitecture());
        }
        if (o.perAcceleratorHourUsd() != null) {
            offer.setPerAcceleratorHourUsd(money(o.perAcceleratorHourUsd()));
        }
        if (o.perVcpuHourUsd() != null) {
            offer.setPerVcpuHourUsd(money(o.perVcpuHourUsd()));
        }
        if (o.upfrontUsd() != null) {
            offer.setUpfrontUsd(money(o.upfrontUsd()));
        }
        for (PriceOffer.Part part : o.parts()) {
            OfferPart.Builder p = OfferPart.newBuilder().setOfferKind(part.offerKind())
                    .setInstanceType(part.instanceType()).setHourlyUsd(money(part.hourlyUsd()));
            if (part.accelerator() != null) {
                p.setAccelerator(part.accelerator()).setAcceleratorCount(part.acceleratorCount().doubleValue());
            }
            offer.addParts(p);
        }
        return offer.build();
    }

    private static Money money(BigDecimal usd) {
        return Money.newBuilder().setUsd(new dev.inferplan.contracts.money.Money(usd).toString()).build();
    }
}
