package dev.inferplan.pricing.grpc;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.inferplan.contracts.grpc.common.Money;
import dev.inferplan.contracts.grpc.pricing.FxRate;
import dev.inferplan.contracts.grpc.pricing.ListFxRatesRequest;
import dev.inferplan.contracts.grpc.pricing.ListFxRatesResponse;
import dev.inferplan.contracts.grpc.pricing.OfferFilter;
import dev.inferplan.contracts.grpc.pricing.OfferKey;
import dev.inferplan.contracts.grpc.pricing.PricingServiceGrpc;
import dev.inferplan.contracts.pricing.PurchaseOption;
import dev.inferplan.platform.grpc.GrpcAuthentication;
import dev.inferplan.platform.security.Roles;
import dev.inferplan.pricing.fx.FxRates;
import dev.inferplan.pricing.imports.OfferRow;
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

    @Inject
    public PricingGrpcService(OfferBook offers, FxRates fxRates, GrpcAuthentication authentication) {
        this.offers = offers;
        this.fxRates = fxRates;
        this.authentication = authentication;
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
        // OfferKey addresses instance offers; attachable accelerators are found through StreamOffers.
        String key = OfferRow.instanceKey(request.getRegion(), request.getZone(), request.getInstanceType(), option);
        Optional<Instant> asOf = request.getAsOfEpochMs() == 0 ? Optional.empty()
                : Optional.of(Instant.ofEpochMilli(request.getAsOfEpochMs()));
        offers.byKey(request.getProvider(), key, asOf).ifPresentOrElse(offer -> {
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

    static dev.inferplan.pricing.offers.OfferFilter filter(OfferFilter request) {
        return new dev.inferplan.pricing.offers.OfferFilter(
                single("providers", request.getProvidersList()), single("regions", request.getRegionsList()),
                single("accelerators", request.getAcceleratorsList()),
                request.getMinAcceleratorCount() > 0 ? Optional.of(BigDecimal.valueOf(request.getMinAcceleratorCount())) : Optional.empty(),
                request.getMaxAcceleratorCount() > 0 ? Optional.of(BigDecimal.valueOf(request.getMaxAcceleratorCount())) : Optional.empty(),
                Optional.empty(), Optional.empty(),
                single("purchase_options", request.getPurchaseOptionsList()).map(p -> PurchaseOption.parse(p)
                        .orElseThrow(() -> new IllegalArgumentException("unknown purchase option '" + p + "'"))),
                request.getMaxHourlyUsd().isEmpty() ? Optional.empty() : Optional.of(new BigDecimal(request.getMaxHourlyUsd())),
                request.getAsOfEpochMs() == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(request.getAsOfEpochMs())));
    }

    /** The domain filter takes one value per field; several are not supported yet. */
    private static Optional<String> single(String field, List<String> values) {
        if (values.size() > 1) {
            throw new IllegalArgumentException(field + ": at most one value is supported");
        }
        return values.stream().findFirst();
    }

    static dev.inferplan.contracts.grpc.pricing.PriceOffer toProto(PriceOffer o) {
        var offer = dev.inferplan.contracts.grpc.pricing.PriceOffer.newBuilder()
                .setProvider(o.provider())
                .setRegion(o.region())
                .setZone(o.zone())
                .setInstanceType(o.instanceType())
                .setAcceleratorCount(o.acceleratorCount().doubleValue())
                .setPurchaseOption(o.purchaseOption())
                .setHourlyUsd(money(o.hourlyUsd()))
                .setPriceBookVersion(o.versionId())
                .setOfferKind(o.offerKind());
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
        return offer.build();
    }

    private static Money money(BigDecimal usd) {
        return Money.newBuilder().setUsd(new dev.inferplan.contracts.money.Money(usd).toString()).build();
    }
}
