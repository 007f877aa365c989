package dev.inferplan.runner.status;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness says whether jobs are being leased and why not. It stays UP without a catalog: the
 * runner still serves its API and the CLI, and the suite must start in any order.
 */
@Readiness
@ApplicationScoped
public class LeasingReadiness implements HealthCheck {

    private final RunnerStatus status;

    @Inject
    public LeasingReadiness(RunnerStatus status) {
        this.status = status;
    }

    @Override
    public HealthCheckResponse call() {
        RunnerStatus.Snapshot s = status.snapshot();
        return HealthCheckResponse.named("job-leasing")
                .up()
                .withData("leasing", s.leasing())
                .withData("detail", s.leasingDetail())
                .withData("pool", s.pool())
                .build();
    }
}
