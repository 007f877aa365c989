package dev.inferplan.recommender.plans;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

import dev.inferplan.contracts.money.Money;
import dev.inferplan.recommender.plans.Recommendation.SensitivityCase;

/**
 * Whether the order of the top plans could flip within their measurement noise and the price band
 * (README, "Rank stability"). A point's stability windows give its throughput spread: the plan's capacity
 * ranges over {@code qps × min_w / mean_w} to {@code qps × max_w / mean_w}; the replicas billed (online) or
 * the instance-hours (batch) at each end give the range of its monthly cost, and so of its ranking key
 * (monthly cost; TCO and net value move by the same monthly difference, TCO × the horizon). Two neighbours
 * whose ranges overlap could swap; the winner is also unstable when the ±20 % price cases change it.
 */
public final class RankStability {

    public static final int TOP = 3;

    private RankStability() {
    }

    public record Stability(int rank, long modelVersionId, String label, boolean rankStable, String reason,
                            Money keyLowUsd, Money keyHighUsd, Double throughputSpreadLowPercent,
                            Double throughputSpreadHighPercent) {
    }

    /** The relative throughput range of a plan's points over their windows (1, 1 when no window is known). */
    record Spread(double low, double high, boolean known) {
    }

    static Spread spread(Plan plan, PointDetails details) {
        double low = 1;
        double high = 1;
        boolean known = false;
        for (Plan.EvidenceRef ref : plan.evidence()) {
            List<PointDetails.Window> windows = details.windows(plan.modelVersionId(), ref.resultId());
            if (windows.isEmpty()) {
                continue;
            }
            double mean = windows.stream().mapToDouble(PointDetails.Window::throughputPerS).average().orElse(0);
            if (mean <= 0) {
                continue;
            }
            known = true;
            for (PointDetails.Window w : windows) {
                low = Math.min(low, w.throughputPerS() / mean);
                high = Math.max(high, w.throughputPerS() / mean);
            }
        }
        return new Spread(low, high, known);
    }

    /** The plan's monthly cost at another capacity: replicas billed (online) or instance-hours (batch) scale. */
    static Money monthlyAt(Plan plan, double qps, RecommendationRequest request) {
        if (request.batchWork()) {
            return plan.monthlyCostUsd().times(BigDecimal.valueOf(plan.qpsAtSlo() / qps));
        }
        RecommendationRequest.Traffic t = request.traffic();
        RecommendationRequest.Constraints c = request.constraints();
        int replicas = Sizing.replicas(t.peakQps(), qps, c.targetUtilization(), c.minReplicas());
        int billed = Sizing.replicasBilled(t.autoscaled(), t.avgQps(), replicas, qps, c.targetUtilization(),
                c.minReplicas());
        return plan.monthlyCostUsd().times(BigDecimal.valueOf(billed))
                .dividedBy(BigDecimal.valueOf(plan.replicasBilled()));
    }

    public static List<Stability> of(List<Plan> ranked, RecommendationRequest request, PointDetails details,
                                     List<SensitivityCase> sensitivity) {
        int n = Math.min(ranked.size(), TOP + 1);
        String mode = request.ranking() == null || request.ranking().mode() == null
                ? RecommendationRequest.Ranking.LOWEST_COST : request.ranking().mode();
        boolean higherBetter = RecommendationRequest.Ranking.NET_VALUE.equals(mode);
        List<Money[]> ranges = new ArrayList<>();
        List<Spread> spreads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Plan plan = ranked.get(i);
            Spread spread = spread(plan, details);
            spreads.add(spread);
            Money key = key(plan, mode);
            // the lowest throughput gives the highest cost
            Money costHigh = monthlyAt(plan, plan.qpsAtSlo() * spread.low(), request);
            Money costLow = monthlyAt(plan, plan.qpsAtSlo() * spread.high(), request);
            Money a = shifted(plan, key, costLow, mode);
            Money b = shifted(plan, key, costHigh, mode);
            ranges.add(a.compareTo(b) <= 0 ? new Money[]{a, b} : new Money[]{b, a});
        }
        String priceCase = sensitivity.stream().filter(s -> s.scenario().startsWith("prices") && s.winnerChanged())
                .map(SensitivityCase::scenario).findFirst().orElse(null);
        List<Stability> answer = new ArrayList<>();
        for (int i = 0; i < Math.min(ranked.size(), TOP); i++) {
            Plan plan = ranked.get(i);
            List<String> reasons = new ArrayList<>();
            for (int j : new int[]{i - 1, i + 1}) {
                if (j < 0 || j >= n) {
                    continue;
                }
                int better = Math.min(i, j);
                int worse = Math.max(i, j);
                boolean overlap = higherBetter
                        ? ranges.get(better)[0].compareTo(ranges.get(worse)[1]) <= 0
                        : ranges.get(better)[1].compareTo(ranges.get(worse)[0]) >= 0;
                if (overlap) {
                    reasons.add("could swap with #" + (j + 1) + " " + ranked.get(j).label() + ": "
                            + keyName(mode) + " " + range(ranges.get(i)) + " and " + range(ranges.get(j))
                            + " overlap within the windows' throughput spread");
                }
            }
            if (i == 0 && priceCase != null) {
                reasons.add("the winner changes at " + priceCase);
            }
            Spread s = spreads.get(i);
            String basis = (s.known() ? "" : "no stability windows for its points (published or not stored): spread"
                    + " taken as 0; ") + (request.ranking() != null && request.ranking().weighted()
                    ? "WEIGHTED ranking judged on monthly cost; " : "");
            String reason = reasons.isEmpty()
                    ? basis + keyName(mode) + " " + range(ranges.get(i)) + " keeps its neighbours' ranges apart"
                    + (i == 0 ? " and the winner holds at prices ±20 %" : "")
                    : basis + String.join("; ", reasons);
            answer.add(new Stability(i + 1, plan.modelVersionId(), plan.label(), reasons.isEmpty(), reason,
                    ranges.get(i)[0], ranges.get(i)[1], s.known() ? percent(s.low()) : null,
                    s.known() ? percent(s.high()) : null));
        }
        return answer;
    }

    private static Money key(Plan plan, String mode) {
        PlanEconomics econ = plan.economics();
        return switch (mode) {
            case RecommendationRequest.Ranking.LOWEST_TCO -> econ.tco().tcoUsd();
            case RecommendationRequest.Ranking.NET_VALUE -> econ.value().netValueUsd();
            default -> plan.monthlyCostUsd();
        };
    }

    /** The key with the plan's monthly cost replaced by {@code cost}. */
    private static Money shifted(Plan plan, Money key, Money cost, String mode) {
        Money delta = cost.minus(plan.monthlyCostUsd());
        return switch (mode) {
            case RecommendationRequest.Ranking.LOWEST_TCO ->
                    key.plus(delta.times(plan.economics().tco().horizonMonths()));
            case RecommendationRequest.Ranking.NET_VALUE -> key.minus(delta);
            default -> key.plus(delta);
        };
    }

    private static String keyName(String mode) {
        return switch (mode) {
            case RecommendationRequest.Ranking.LOWEST_TCO -> "TCO";
            case RecommendationRequest.Ranking.NET_VALUE -> "net value a month";
            default -> "monthly cost";
        };
    }

    private static String range(Money[] range) {
        return Planner.dollars(range[0]) + "–" + Planner.dollars(range[1]);
    }

    private static double percent(double ratio) {
        return new BigDecimal((ratio - 1) * 100, MathContext.DECIMAL64).setScale(1, java.math.RoundingMode.HALF_UP)
                .doubleValue();
    }
}
