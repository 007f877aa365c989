package dev.inferplan.catalog.drift;

import java.net.URI;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.inferplan.contracts.grpc.pricing.ListPriceBookEventsRequest;
import dev.inferplan.contracts.grpc.pricing.ListPriceBookEventsResponse;
import dev.inferplan.contracts.grpc.pricing.OfferFilter;
import dev.inferplan.contracts.grpc.pricing.OfferKey;
import dev.inferplan.contracts.grpc.pricing.PriceOffer;
import dev.inferplan.contracts.grpc.pricing.PricingServiceGrpc;
import dev.inferplan.platform.grpc.ServiceChannel;
import dev.inferplan.platform.security.ServiceToken;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * The catalog's one client of pricing-service (gRPC), for the drift watch: the price-book event
 * log, a plan's offer in the price-book versions its report was priced from, and the offer now.
 * No user makes these calls: they carry the catalog's own token ({@link ServiceToken}). A deadline
 * per call ({@code pricing.client.timeout-ms}); Fault Tolerance retries and bounds each.
 */
@ApplicationScoped
public class PricingClient {

    private final ServiceChannel channel;
    private final PricingServiceGrpc.PricingServiceBlockingStub stub;
    private final long timeoutMs;

    @Inject
    public PricingClient(@ConfigProperty(name = "pricing.grpc.uri") Optional<URI> uri,
                         @ConfigProperty(name = "pricing.client.timeout-ms", defaultValue = "3000") long timeoutMs,
                         @ConfigProperty(name = "catalog.service-token") Optional<String> token,
                         @ConfigProperty(name = "catalog.service-token.key-dir", defaultValue = "var/jwt") Path keyDirectory,
                         @ConfigProperty(name = "mp.jwt.verify.issuer", defaultValue = "inferplan-local") String issuer) {
        this.timeoutMs = timeoutMs;
        this.channel = uri.map(u -> ServiceChannel.open(u, new ServiceToken(token, keyDirectory, issuer, "catalog-service"))).orElse(null);
        this.stub = channel == null ? null : PricingServiceGrpc.newBlockingStub(channel.channel());
    }

    @PreDestroy
    void close() {
        if (channel != null) {
            channel.close();
        }
    }

    public boolean configured() {
        return stub != null;
    }

    @Retry(maxRetries = 2, delay = 200)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public ListPriceBookEventsResponse eventsAfter(long position, int limit) {
        return call(() -> stub().withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS).listPriceBookEvents(
                ListPriceBookEventsRequest.newBuilder().setAfterPosition(position).setLimit(limit).build()));
    }

    /** The instance offer in exactly these price-book versions (a saved report's); empty when none matches. */
    @Retry(maxRetries = 2, delay = 200)
    @Timeout(value = 20, unit = ChronoUnit.SECONDS)
    public Optional<PriceOffer> offerIn(List<Long> priceBookVersions, String provider, String region,
                                        String instanceType, String purchaseOption) {
        return call(() -> {
            Iterator<PriceOffer> offers = stub().withDeadlineAfter(timeoutMs * 4, TimeUnit.MILLISECONDS).streamOffers(
                    OfferFilter.newBuilder().addProviders(provider).addRegions(region).addPurchaseOptions(purchaseOption)
                            .addAllPriceBookVersions(priceBookVersions).build());
            Optional<PriceOffer> found = Optional.empty();
            while (offers.hasNext()) {
                PriceOffer offer = offers.next();
                if (found.isEmpty() && offer.getInstanceType().equals(instanceType)) {
                    found = Optional.of(offer);
                }
            }
            return found;
        });
    }

    /** The current offer for the key; empty when the book no longer has it. */
    @Retry(maxRetries = 2, delay = 200)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public Optional<PriceOffer> currentOffer(String provider, String region, String instanceType, String purchaseOption) {
        return call(() -> {
            try {
                return Optional.of(stub().withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS).getOffer(OfferKey.newBuilder()
                        .setProvider(provider).setRegion(region).setInstanceType(instanceType)
                        .setPurchaseOption(purchaseOption).build()));
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    private PricingServiceGrpc.PricingServiceBlockingStub stub() {
        if (stub == null) {
            throw new IllegalStateException("pricing.grpc.uri is not configured");
        }
        return stub;
    }

    private <T> T call(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (StatusRuntimeException e) {
            channel.resetConnectBackoff();
            throw e;
        }
    }
}
