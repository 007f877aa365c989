package dev.inferplan.recommender.plans;

import java.util.List;

/**
 * Every candidate of a request, judged: the feasible plans (unranked), the grouped rejections, and the
 * candidates that passed every constraint but the budget (for the sensitivity cases).
 */
public record Evaluation(List<Plan> feasible, List<Rejection> rejected, int rejectedCandidates, int candidates,
                         List<Planner.Priced> priced) {
}
