package dev.inferplan.recommender.upstreams;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import dev.inferplan.contracts.grpc.pricing.BookVersion;
import dev.inferplan.contracts.grpc.pricing.FxRate;
import dev.inferplan.contracts.grpc.pricing.ListBookVersionsRequest;
import dev.inferplan.contracts.grpc.pricing.ListFxRatesRequest;
import dev.inferplan.contracts.grpc.pricing.OfferFilter;
import dev.inferplan.contracts.grpc.pricing.PricingServiceGrpc;
import dev.inferplan.contracts.money.Money;
import dev.inferplan.platform.grpc.BearerTokenCallCredentials;
import dev.inferplan.platform.grpc.ServiceChannel;
import dev.inferplan.recommender.snapshots.PriceOffer;
import dev.inferplan.recommender.snapshots.PriceSnapshot;
import dev.inferplan.recommender.snapshots.UnitOffer;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * The recommender's one client of pricing-service (gRPC), with the token it is given and a deadline;
 * Fault Tolerance as in {@link CatalogClient}: a fallback answers "unavailable" (empty).
 */
@ApplicationScoped
public class PricingClient {

    private static final Logger LOGGER = Logger.getLogger(PricingClient.class.getName());

    /** pricing's offer kind of per-unit offers (hosted model APIs). */
    static final String PER_UNIT = "PER_UNIT";

    private final PricingServiceGrpc.PricingServiceBlockingStub stub;
    private final long timeoutMs;
    private final long loadTimeoutMs;
    private final URI uri;
    private final ServiceChannel channel;

    @Inject
    public PricingClient(@ConfigProperty(name = "pricing.grpc.uri") URI uri,
                         @ConfigProperty(name = "pricing.client.timeout-ms") long timeoutMs,
                         @ConfigProperty(name = "pricing.client.load-timeout-ms") long loadTimeoutMs) {
        this.uri = uri;
        this.timeoutMs = timeoutMs;
        this.loadTimeoutMs = loadTimeoutMs;
        this.channel = ServiceChannel.open(uri, () -> null);
        this.stub = PricingServiceGrpc.newBlockingStub(channel.channel());
    }

    @PreDestroy
    void close() {
        channel.close();
    }

    public URI uri() {
        return uri;
    }

    private PricingServiceGrpc.PricingServiceBlockingStub as(String token, long deadlineMs) {
        return stub.withInterceptors(new BearerTokenCallCredentials(() -> token))
                .withDeadlineAfter(deadlineMs, TimeUnit.MILLISECONDS);
    }

    /** Currency → USD per unit (decimal strings), for the upstream check. */
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5000)
    public Map<String, String> fxRates(String token) {
        return as(token, timeoutMs)
                .listFxRates(ListFxRatesRequest.getDefaultInstance())
                .getRatesList().stream()
                .collect(Collectors.toMap(FxRate::getCurrency, FxRate::getUsdPerUnit));
    }

    /**
     * The price-book version ids in force (now, or as of an instant); an empty list when this pricing
     * cannot tell (it does not serve ListBookVersions); empty Optional when unreachable.
     */
    @Timeout(3000)
    @Retry(maxRetries = 1, delay = 100)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5000)
    @Fallback(fallbackMethod = "versionsUnavailable")
    public Optional<List<Long>> bookVersions(String token, long asOfEpochMs) {
        try {
            return Optional.of(as(token, timeoutMs)
                    .listBookVersions(ListBookVersionsRequest.newBuilder().setAsOfEpochMs(asOfEpochMs).build())
                    .getVersionsList().stream().map(BookVersion::getId).sorted().toList());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
                return Optional.of(List.of());
            }
            throw e;
        }
    }

    Optional<List<Long>> versionsUnavailable(String token, long asOfEpochMs) {
        LOGGER.log(Level.WARNING, "price-book versions unavailable (after timeout, retry or open circuit)");
        return Optional.empty();
    }

    /** Every deployable offer (now, or as of an instant); empty when unreachable. */
    @Timeout(120000)
    @Retry(maxRetries = 1, delay = 200)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5000)
    @Fallback(fallbackMethod = "offersUnavailable")
    public Optional<PriceSnapshot> offers(String token, long asOfEpochMs) {
        List<PriceOffer> offers = new ArrayList<>();
        as(token, loadTimeoutMs).streamOffers(OfferFilter.newBuilder().setAsOfEpochMs(asOfEpochMs).build())
                .forEachRemaining(o -> offers.add(toOffer(o)));
        // the versions the offers came from: the snapshot's identity even where ListBookVersions is not served
        // per-unit offers (hosted model APIs) are never among the deployable ones: asked for on their own
        List<UnitOffer> unitOffers = new ArrayList<>();
        as(token, loadTimeoutMs).streamOffers(OfferFilter.newBuilder().setAsOfEpochMs(asOfEpochMs)
                        .addKinds(PER_UNIT).build())
                .forEachRemaining(o -> unitOffers.add(new UnitOffer(o.getProvider(), o.getRegion(), o.getInstanceType(),
                        o.getPurchaseOption(), o.getUnit(), o.getServedModel(), Money.of(o.getUnitPriceUsd().getUsd()),
                        o.getPriceBookVersion())));
        TreeSet<Long> versions = new TreeSet<>();
        offers.forEach(o -> versions.add(o.priceBookVersion()));
        unitOffers.forEach(o -> versions.add(o.priceBookVersion()));
        return Optional.of(new PriceSnapshot(List.copyOf(versions), offers, Instant.now(), unitOffers));
    }

    Optional<PriceSnapshot> offersUnavailable(String token, long asOfEpochMs) {
        LOGGER.log(Level.WARNING, "price book unavailable (after timeout, retry or open circuit)");
        return Optional.empty();
    }

    private static PriceOffer toOffer(dev.inferplan.contracts.grpc.pricing.PriceOffer o) {
        List<PriceOffer.OfferPart> parts = o.getPartsList().stream()
                .map(p -> new PriceOffer.OfferPart(p.getOfferKind(), p.getInstanceType(), p.getAccelerator(),
                        p.getAcceleratorCount(), Money.of(p.getHourlyUsd().getUsd())))
                .toList();
        return new PriceOffer(o.getProvider(), o.getRegion(), o.getZone(), o.getInstanceType(), o.getAccelerator(),
                o.getAcceleratorCount(), o.getPurchaseOption(), Money.of(o.getHourlyUsd().getUsd()),
                o.getPriceBookVersion(), o.getOfferKind(), parts,
                o.hasUpfrontUsd() ? Money.of(o.getUpfrontUsd().getUsd()) : null);
    }
}
