package dev.inferplan.catalog.costs;

import java.time.Instant;
import java.util.List;

import dev.inferplan.contracts.money.Money;

/**
 * A cost estimate as the API shows it; money as exact decimal strings. {@code basis} says what it
 * rests on: REPORT (a saved recommender report: {@code reportId}, {@code planRank}, the plan's
 * provider and region, the price-book versions it was priced from) or MANUAL (hand-typed; the cost
 * gate accepts it only with a reviewer's {@code acceptance}).
 */
public record CostEstimateView(long id, long modelVersionId, String pool, String instanceType, String purchaseOption,
                               Money costPer1kUsd, Money monthlyUsd, String assumptions, String source,
                               Instant createdAt, String createdBy, CostBasis basis, Long reportId, Integer planRank,
                               String provider, String region, List<Long> priceBookVersions, AcceptanceView acceptance) {

    /** A reviewer's stated reason to accept a hand-typed estimate. */
    public record AcceptanceView(String reason, String acceptedBy, Instant acceptedAt) {
    }

    public static CostEstimateView of(CostEstimate estimate, CostEstimateAcceptance acceptance) {
        return new CostEstimateView(estimate.id(), estimate.modelVersionId(), estimate.pool(), estimate.instanceType(),
                estimate.purchaseOption(), new Money(estimate.costPer1kUsd()),
                estimate.monthlyUsd() == null ? null : new Money(estimate.monthlyUsd()), estimate.assumptions(),
                estimate.source(), estimate.createdAt(), estimate.createdBy(), estimate.basis(), estimate.reportId(),
                estimate.planRank(), estimate.provider(), estimate.region(), estimate.priceBookVersions(),
                acceptance == null ? null
                        : new AcceptanceView(acceptance.reason(), acceptance.acceptedBy(), acceptance.acceptedAt()));
    }
}
