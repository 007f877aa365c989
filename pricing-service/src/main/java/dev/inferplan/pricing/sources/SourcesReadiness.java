package dev.inferplan.pricing.sources;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The configured price-list sources in {@code /health/ready}: their last outcome, last success and
 * next run. Always UP: a failed refresh leaves the book as it was, still served, so the service is
 * ready; the details (and the metrics) say that the book is older than it should be.
 */
@Readiness
@ApplicationScoped
public class SourcesReadiness implements HealthCheck {

    private final PriceListSources sources;

    @Inject
    public SourcesReadiness(PriceListSources sources) {
        this.sources = sources;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("price-list-sources").up();
        for (PriceListSources.State s : sources.states()) {
            String p = s.provider() + ".";
            response.withData(p + "lastStatus", s.lastStatus() == null ? "NOT_RUN_YET" : s.lastStatus().name()
                    + (s.lastReason() == null ? "" : " (" + s.lastReason() + ")"));
            response.withData(p + "lastSuccess", s.lastSuccessAt() == null ? "never" : s.lastSuccessAt().toString());
            if (s.lastStatus() == dev.inferplan.pricing.imports.ImportRun.Status.FAILED && s.lastDetail() != null) {
                response.withData(p + "lastFailure", s.lastAttemptAt() + ": " + s.lastDetail());
            }
            if (s.nextRunAt() != null) {
                response.withData(p + "nextRun", s.nextRunAt().toString());
            }
        }
        return response.build();
    }
}
