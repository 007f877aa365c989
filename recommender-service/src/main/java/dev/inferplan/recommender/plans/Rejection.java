package dev.inferplan.recommender.plans;

import java.math.BigDecimal;

import dev.inferplan.contracts.money.Money;

import jakarta.json.bind.annotation.JsonbTransient;

/**
 * The first constraint a candidate failed, with what it had ({@code actual}) against what was asked
 * ({@code limit}) and a sentence; identical reasons are grouped, {@code count} candidates each, the one
 * closest to feasible kept as the example {@code candidate}.
 */
public record Rejection(Candidate candidate, String constraint, String actual, String limit, String reason,
                        int count, double gap) {

    /** How far a numeric miss is from its limit, relative to the limit; NaN for an allow-list or evidence miss. */
    @JsonbTransient
    public double gap() {
        return gap;
    }

    Rejection times(int more, Rejection closer) {
        Rejection kept = closer == null ? this : closer;
        return new Rejection(kept.candidate, kept.constraint, kept.actual, kept.limit, kept.reason, count + more,
                kept.gap);
    }

    @JsonbTransient
    public boolean numeric() {
        return !Double.isNaN(gap);
    }

    /**
     * What was rejected, as far as it had got: a version, a version on a pool, or a priced offer; one that was
     * sized and priced and refused on the budget alone also has its plan's quality, monthly cost and latency
     * (what the dashboard plots it by).
     */
    public record Candidate(long modelVersionId, String label, String pool, String accelerator,
                            Integer acceleratorCount, String provider, String region, String instanceType,
                            String purchaseOption, BigDecimal quality, Money monthlyCostUsd, Double latencyMs) {

        Candidate(long modelVersionId, String label, String pool, String accelerator, Integer acceleratorCount,
                  String provider, String region, String instanceType, String purchaseOption) {
            this(modelVersionId, label, pool, accelerator, acceleratorCount, provider, region, instanceType,
                    purchaseOption, null, null, null);
        }

        static Candidate version(long id, String label) {
            return new Candidate(id, label, null, null, null, null, null, null, null);
        }

        /** This candidate with what its plan came to. */
        Candidate priced(Plan plan) {
            return new Candidate(modelVersionId, label, pool, accelerator, acceleratorCount, provider, region,
                    instanceType, purchaseOption, plan.quality(), plan.monthlyCostUsd(), plan.latencyMs());
        }
    }
}
