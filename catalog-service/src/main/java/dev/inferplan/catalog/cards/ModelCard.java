package dev.inferplan.catalog.cards;

import java.time.Instant;
import java.util.List;

import dev.inferplan.catalog.costs.CostEstimateView;
import dev.inferplan.catalog.drift.ReviewFlags;
import dev.inferplan.catalog.reviews.Reviews;
import dev.inferplan.catalog.versions.MetricView;
import dev.inferplan.catalog.versions.VersionView;

/**
 * Everything a reader needs to judge one model version, in one document: what it is, where it
 * comes from, how good it is (with provenance), how fast on which hardware, what it costs, and
 * what the committee decided.
 */
public record ModelCard(long versionId, String family, long familyId, String task, String owner, String license,
                        String description, String label, String status, String tier, String proposedTier,
                        VersionView.TierOverride tierOverride, VersionView.Artifact artifact, Lineage lineage,
                        List<MetricView> metrics, List<PoolSummary> benchmarks, List<CostEstimateView> costEstimates,
                        ReviewHistory reviews, long revision, Instant generatedAt) {

    /** Ancestors nearest first (parent, grandparent, ...), and the versions derived from this one. */
    public record Lineage(List<Relative> ancestors, List<Relative> derived) {
    }

    public record Relative(long versionId, String family, String label, String kind) {
    }

    /** The results on one pool: how many, and the best valid throughput with the latency at that point. */
    public record PoolSummary(String pool, String accelerator, int acceleratorCount, List<String> instanceTypes,
                              int results, int valid, int measured, int published, Best best, Double lowestP99Ms) {
    }

    public record Best(long resultId, String scenario, int batchSize, int concurrency, double throughputPerS,
                       Double p99Ms, String executionProvider, String provenance, String source) {
    }

    /** The committee's decisions and discussion, and the REVIEW_SUGGESTED flags drift raised (newest last). */
    public record ReviewHistory(List<Reviews.DecisionView> decisions, List<Reviews.CommentView> comments,
                                List<ReviewFlags.FlagView> reviewFlags) {
    }
}
