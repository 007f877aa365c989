package dev.inferplan.recommender.plans;

import java.math.BigDecimal;
import java.util.List;

import dev.inferplan.contracts.money.Money;

import jakarta.json.bind.annotation.JsonbCreator;

/**
 * The answer to a request; the JSON field names are the contract. {@code stale} with
 * {@code snapshotAgeSeconds} says the snapshot could not be confirmed current (an upstream is down);
 * {@code priceBookVersions} and {@code catalogSnapshot} (the catalog's audit position) name the snapshot;
 * {@code rankStability} and {@code cascade} only when the request asks for them.
 */
public record Recommendation(List<Plan> plans, List<FrontierPoint> frontier, List<Rejection> rejected,
                             int rejectedCandidates, List<NearestMiss> nearestMisses,
                             List<SensitivityCase> sensitivity, boolean stale, long snapshotAgeSeconds, String asOf,
                             List<Long> priceBookVersions, long catalogSnapshot, int candidates, Timings timings,
                             List<RankStability.Stability> rankStability, Cascades.Answer cascade) {

    @JsonbCreator
    public Recommendation {
    }

    public Recommendation(List<Plan> plans, List<FrontierPoint> frontier, List<Rejection> rejected,
                          int rejectedCandidates, List<NearestMiss> nearestMisses, List<SensitivityCase> sensitivity,
                          boolean stale, long snapshotAgeSeconds, String asOf, List<Long> priceBookVersions,
                          long catalogSnapshot, int candidates, Timings timings) {
        this(plans, frontier, rejected, rejectedCandidates, nearestMisses, sensitivity, stale, snapshotAgeSeconds, asOf,
                priceBookVersions, catalogSnapshot, candidates, timings, null, null);
    }

    /** A frontier point, ready to plot. */
    public record FrontierPoint(long modelVersionId, String label, String provider, String region,
                                String instanceType, String purchaseOption, Money monthlyCostUsd, BigDecimal quality,
                                double latencyMs, boolean costQualityFront) {
    }

    /** A rejected candidate close to feasible and what to relax, by how much, to admit it. */
    public record NearestMiss(Rejection.Candidate candidate, String constraint, String actual, String limit,
                              String relax) {
    }

    /** The winner and top 3 when traffic or prices move; {@code winnerChanged} against the answer's winner. */
    public record SensitivityCase(String scenario, PlanSummary winner, List<PlanSummary> top3, boolean winnerChanged) {
    }

    public record PlanSummary(long modelVersionId, String label, String provider, String region, String instanceType,
                              String purchaseOption, int replicasBilled, Money monthlyCostUsd) {

        static PlanSummary of(Plan plan) {
            return new PlanSummary(plan.modelVersionId(), plan.label(), plan.provider(), plan.region(),
                    plan.instanceType(), plan.purchaseOption(), plan.replicasBilled(), plan.monthlyCostUsd());
        }
    }

    /** Milliseconds spent in each step. */
    public record Timings(double snapshot, double candidates, double ranking, double frontier, double sensitivity) {
    }
}
