package dev.inferplan.catalog.costs;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.inferplan.contracts.grpc.recommender.RecommendationReport;
import dev.inferplan.contracts.grpc.recommender.ReportPlan;

/**
 * The plan of a saved recommender report that a cost estimate of one version stands on: the
 * report's best-ranked plan for that version, or the plan of the rank the caller names, which must
 * be for that version. Plain Java over the contract's message, so it is tested without a server.
 */
public record ReportBackedPlan(long reportId, int rank, String pool, String provider, String region, String instanceType,
                         String purchaseOption, String monthlyUsd, String costPer1kUsd, List<Long> priceBookVersions) {

    /** Why a report cannot back an estimate of this version: the field at fault and the reason. */
    public record Mismatch(String field, String reason) {
    }

    public static Result choose(RecommendationReport report, long versionId, Optional<Integer> rank) {
        List<ReportPlan> forVersion = report.getPlansList().stream()
                .filter(p -> p.getModelVersionId() == versionId)
                .sorted(Comparator.comparingInt(ReportPlan::getRank))
                .toList();
        if (rank.isPresent()) {
            Optional<ReportPlan> ranked = report.getPlansList().stream()
                    .filter(p -> p.getRank() == rank.get()).findFirst();
            if (ranked.isEmpty()) {
                return new Result(null, new Mismatch("planRank", "report " + report.getReportId() + " has no plan of rank "
                        + rank.get()));
            }
            if (ranked.get().getModelVersionId() != versionId) {
                return new Result(null, new Mismatch("planRank", "plan " + rank.get() + " of report " + report.getReportId()
                        + " is for version " + ranked.get().getModelVersionId() + ", not " + versionId));
            }
            return new Result(of(report, ranked.get()), null);
        }
        if (forVersion.isEmpty()) {
            return new Result(null, new Mismatch("reportId", "report " + report.getReportId() + " has no plan for version "
                    + versionId + " (its plans are for versions " + report.getPlansList().stream()
                    .map(ReportPlan::getModelVersionId).distinct().toList() + ")"));
        }
        return new Result(of(report, forVersion.getFirst()), null);
    }

    /** Either the plan or why there is none. */
    public record Result(ReportBackedPlan plan, Mismatch mismatch) {
    }

    private static ReportBackedPlan of(RecommendationReport report, ReportPlan plan) {
        return new ReportBackedPlan(report.getReportId(), plan.getRank(), blankToNull(plan.getPool()),
                blankToNull(plan.getProvider()), blankToNull(plan.getRegion()), blankToNull(plan.getInstanceType()),
                plan.getPurchaseOption(), plan.getMonthlyCost().getUsd(), plan.getCostPer1K().getUsd(),
                List.copyOf(report.getPriceBookVersionsList()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
