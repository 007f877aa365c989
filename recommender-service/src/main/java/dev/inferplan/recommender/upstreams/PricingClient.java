package dev.inferplan.recommender.upstreams;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.inferplan.contracts.grpc.pricing.FxRate;
import dev.inferplan.contracts.grpc.pricing.ListFxRatesRequest;
import dev.inferplan.contracts.grpc.pricing.PricingServiceGrpc;
import dev.inferplan.platform.grpc.ServiceChannel;
import dev.inferplan.platform.security.CallerToken;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

/** The recommender's one client of pricing-service (gRPC), with the caller's token and a deadline. */
@ApplicationScoped
public class PricingClient {

    private final PricingServiceGrpc.PricingServiceBlockingStub stub;
    private final long timeoutMs;
    private final URI uri;
    private final ServiceChannel channel;

    @Inject
    public PricingClient(@ConfigProperty(name = "pricing.grpc.uri") URI uri,
                         @ConfigProperty(name = "pricing.client.timeout-ms") long timeoutMs,
                         CallerToken callerToken) {
        this.uri = uri;
        this.timeoutMs = timeoutMs;
        this.channel = ServiceChannel.open(uri, callerToken::raw);
        this.stub = PricingServiceGrpc.newBlockingStub(channel.channel());
    }

    @PreDestroy
    void close() {
        channel.close();
    }

    public URI uri() {
        return uri;
    }

    /** Currency → USD per unit (decimal strings). */
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5000)
    public Map<String, String> fxRates() {
        return stub.withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS)
                .listFxRates(ListFxRatesRequest.getDefaultInstance())
                .getRatesList().stream()
                .collect(Collectors.toMap(FxRate::getCurrency, FxRate::getUsdPerUnit));
    }
}
