package dev.inferplan.recommender.upstreams;

import java.net.URI;
import java.util.List;
import java.util.function.Supplier;

import dev.inferplan.platform.security.CallerToken;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * Whether the recommender can read what it ranks from: one real call to each upstream, on the
 * caller's behalf, so a missing role or an unreachable service shows up here with its reason.
 */
@ApplicationScoped
public class UpstreamCheck {

    private final CatalogClient catalog;
    private final PricingClient pricing;
    private final CallerToken callerToken;

    @Inject
    public UpstreamCheck(CatalogClient catalog, PricingClient pricing, CallerToken callerToken) {
        this.catalog = catalog;
        this.pricing = pricing;
        this.callerToken = callerToken;
    }

    public List<Upstream> check() {
        String token = callerToken.raw();
        return List.of(
                probe("catalog-service", catalog.uri(), () -> catalog.taskNames(token).size() + " tasks"),
                probe("pricing-service", pricing.uri(), () -> pricing.fxRates(token).size() + " FX rates"));
    }

    private static Upstream probe(String name, URI uri, Supplier<String> call) {
        long start = System.nanoTime();
        try {
            String detail = call.get();
            return new Upstream(name, uri.toString(), true, detail, elapsedMs(start));
        } catch (StatusRuntimeException e) {
            Status status = e.getStatus();
            String reason = status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription());
            return new Upstream(name, uri.toString(), false, reason, elapsedMs(start));
        } catch (CircuitBreakerOpenException e) {
            return new Upstream(name, uri.toString(), false, "circuit open after repeated failures", elapsedMs(start));
        }
    }

    private static double elapsedMs(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 10_000.0) / 100.0;
    }

    /** One upstream as seen from the recommender. */
    public record Upstream(String name, String uri, boolean reachable, String detail, double latencyMs) {
    }
}
