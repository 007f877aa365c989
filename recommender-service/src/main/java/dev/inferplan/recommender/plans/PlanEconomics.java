package dev.inferplan.recommender.plans;

import java.util.ArrayList;
import java.util.List;

import dev.inferplan.recommender.snapshots.Snapshot;

/**
 * What a plan costs beyond its monthly price, each part present when the request asks for it:
 * {@code breakEven} (commitments), {@code spotRisk} (a spot or mixed plan's interruption allowance),
 * {@code tco}, {@code value}. Computed from the plan and the snapshot alone, so a report replays it.
 */
public record PlanEconomics(Commitments.BreakEven breakEven, SpotAllowance spotRisk, Tco.Breakdown tco,
                            BusinessValue value) {

    static final String SPOT = "SPOT";

    /** The plans with their economics; the same plans when the request asks for none. */
    static List<Plan> of(List<Plan> plans, RecommendationRequest request, Snapshot snapshot, boolean higherIsBetter) {
        if (request.commitments() == null && request.spotRisk() == null && request.tco() == null
                && request.value() == null) {
            return plans;
        }
        List<Plan> out = new ArrayList<>(plans.size());
        for (Plan plan : plans) {
            out.add(plan.withEconomics(of(plan, request, snapshot, higherIsBetter)));
        }
        return out;
    }

    static PlanEconomics of(Plan plan, RecommendationRequest request, Snapshot snapshot, boolean higherIsBetter) {
        Commitments.BreakEven breakEven = request.commitments() == null || plan.replicas() == 0 ? null
                : Commitments.of(plan, request, snapshot);
        boolean onSpot = SPOT.equals(plan.purchaseOption()) || Planner.MIXED.equals(plan.purchaseOption());
        SpotAllowance spot = onSpot ? SpotAllowance.of(request.spotRisk(), plan.provider()) : null;
        Tco.Breakdown tco = request.tco() == null ? null : Tco.of(plan, request.tco());
        BusinessValue value = request.value() == null ? null
                : BusinessValue.of(plan, request.value(), higherIsBetter, tco);
        return new PlanEconomics(breakEven, spot, tco, value);
    }
}
