package dev.inferplan.catalog.reviews;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The committee's governance gates, on by default: no approval without benchmark evidence and a
 * cost estimate; a Tier 3 approval needs that many distinct reviewers.
 */
@ApplicationScoped
public class GovernanceGates {

    private final boolean requireBenchmarkResult;
    private final boolean requireCostEstimate;
    private final int tier3Approvals;

    @Inject
    public GovernanceGates(@ConfigProperty(name = "catalog.gates.require-benchmark-result", defaultValue = "true")
                           boolean requireBenchmarkResult,
                           @ConfigProperty(name = "catalog.gates.require-cost-estimate", defaultValue = "true")
                           boolean requireCostEstimate,
                           @ConfigProperty(name = "catalog.gates.tier3-approvals", defaultValue = "2")
                           int tier3Approvals) {
        this.requireBenchmarkResult = requireBenchmarkResult;
        this.requireCostEstimate = requireCostEstimate;
        this.tier3Approvals = Math.max(1, tier3Approvals);
    }

    public boolean requireBenchmarkResult() {
        return requireBenchmarkResult;
    }

    public boolean requireCostEstimate() {
        return requireCostEstimate;
    }

    /** Distinct approvals an approval needs in this tier. */
    public int approvalsRequired(String tier) {
        return "TIER_3".equals(tier) ? tier3Approvals : 1;
    }
}
