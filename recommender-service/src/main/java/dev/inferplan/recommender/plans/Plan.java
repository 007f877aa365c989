package dev.inferplan.recommender.plans;

import java.math.BigDecimal;
import java.util.List;

import dev.inferplan.contracts.money.Money;

import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.json.bind.annotation.JsonbTransient;

/**
 * One deployment plan: a model version on an offer's hardware, run one way, sized and priced.
 * {@code provenance} is MEASURED or PUBLISHED (the evidence's, labelled); {@code mix} is set for an
 * on-demand floor with spot ({@code purchaseOption} MIXED); {@code score} only in WEIGHTED ranking;
 * {@code economics} only when the request asks for commitments, spot risk, TCO or value.
 * {@code hosted} is set for a hosted model API ({@code accelerator} "hosted", no replicas): what its monthly
 * cost is made of ({@link HostedPlans}).
 */
public record Plan(int rank, long modelVersionId, String family, String label, BigDecimal quality,
                   String accelerator, double acceleratorCount, String pool, String provider, String region,
                   String zone, String instanceType, String purchaseOption, SpotMix mix, RunConfig config,
                   int replicas, int replicasBilled, double qpsAtSlo, double latencyMs, Money hourlyUsd,
                   Money monthlyCostUsd, Money costPer1kUsd, long priceBookVersion, String provenance,
                   boolean interpolated, List<EvidenceRef> evidence, Double score, String why,
                   HostedPlans.HostedCost hosted, PlanEconomics economics) {

    @JsonbCreator
    public Plan {
    }

    public Plan(int rank, long modelVersionId, String family, String label, BigDecimal quality,
                String accelerator, double acceleratorCount, String pool, String provider, String region,
                String zone, String instanceType, String purchaseOption, SpotMix mix, RunConfig config,
                int replicas, int replicasBilled, double qpsAtSlo, double latencyMs, Money hourlyUsd,
                Money monthlyCostUsd, Money costPer1kUsd, long priceBookVersion, String provenance,
                boolean interpolated, List<EvidenceRef> evidence, Double score, String why,
                HostedPlans.HostedCost hosted) {
        this(rank, modelVersionId, family, label, quality, accelerator, acceleratorCount, pool, provider, region, zone,
                instanceType, purchaseOption, mix, config, replicas, replicasBilled, qpsAtSlo, latencyMs, hourlyUsd,
                monthlyCostUsd, costPer1kUsd, priceBookVersion, provenance, interpolated, evidence, score, why, hosted,
                null);
    }

    public Plan ranked(int rank, Double score, String why) {
        return new Plan(rank, modelVersionId, family, label, quality, accelerator, acceleratorCount, pool, provider,
                region, zone, instanceType, purchaseOption, mix, config, replicas, replicasBilled, qpsAtSlo, latencyMs,
                hourlyUsd, monthlyCostUsd, costPer1kUsd, priceBookVersion, provenance, interpolated, evidence, score,
                why, hosted, economics);
    }

    public Plan withEconomics(PlanEconomics economics) {
        return new Plan(rank, modelVersionId, family, label, quality, accelerator, acceleratorCount, pool, provider,
                region, zone, instanceType, purchaseOption, mix, config, replicas, replicasBilled, qpsAtSlo, latencyMs,
                hourlyUsd, monthlyCostUsd, costPer1kUsd, priceBookVersion, provenance, interpolated, evidence, score,
                why, hosted, economics);
    }

    /** Quality on an axis where higher is better (a lower-is-better metric negated); 0 without a quality metric. */
    @JsonbTransient
    public double qualityAxis(boolean higherIsBetter) {
        return qualityAxis(quality, higherIsBetter);
    }

    /** {@link #qualityAxis(boolean)} of a quality a plan is not yet built for. */
    static double qualityAxis(BigDecimal quality, boolean higherIsBetter) {
        if (quality == null) {
            return 0;
        }
        return higherIsBetter ? quality.doubleValue() : -quality.doubleValue();
    }

    /** What identifies the plan, for equality of two answers (replay) and stable ordering. */
    @JsonbTransient
    public String key() {
        return modelVersionId + "|" + pool + "|" + provider + "|" + region + "|" + zone + "|" + instanceType + "|"
                + purchaseOption;
    }

    public record RunConfig(int batchSize, int concurrency, Integer threads, String executionProvider,
                            String scenario) {
    }

    /** A benchmark result a plan's capacity rests on. */
    public record EvidenceRef(long resultId, String provenance, String source, boolean valid, boolean interpolated) {
    }
}
