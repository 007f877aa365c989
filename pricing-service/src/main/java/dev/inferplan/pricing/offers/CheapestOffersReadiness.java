package dev.inferplan.pricing.offers;

import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until the accelerator offers of the versions in force are in memory: the first
 * cheapest-offers answer reads them all, which under load would otherwise queue every request
 * behind it. A failed warm-up is retried at the next check.
 */
@Readiness
@ApplicationScoped
public class CheapestOffersReadiness implements HealthCheck {

    private final OfferBook book;

    @Inject
    public CheapestOffersReadiness(OfferBook book) {
        this.book = book;
    }

    @Override
    public HealthCheckResponse call() {
        CompletableFuture<Void> warm = book.latestWarm();
        if (warm.isCompletedExceptionally()) {
            book.warm();
            return HealthCheckResponse.named("cheapest-offers").down()
                    .withData("state", "the last warm-up failed; warming again").build();
        }
        return HealthCheckResponse.named("cheapest-offers").status(warm.isDone())
                .withData("state", warm.isDone() ? "accelerator offers in memory" : "reading accelerator offers")
                .build();
    }
}
