package dev.inferplan.catalog.costs;

import java.time.Instant;

import dev.inferplan.contracts.money.Money;

/** A cost estimate as the API shows it; money as exact decimal strings. */
public record CostEstimateView(long id, long modelVersionId, String pool, String instanceType, String purchaseOption,
                               Money costPer1kUsd, Money monthlyUsd, String assumptions, String source,
                               Instant createdAt, String createdBy) {

    public static CostEstimateView of(CostEstimate estimate) {
        return new CostEstimateView(estimate.id(), estimate.modelVersionId(), estimate.pool(), estimate.instanceType(),
                estimate.purchaseOption(), new Money(estimate.costPer1kUsd()),
                estimate.monthlyUsd() == null ? null : new Money(estimate.monthlyUsd()), estimate.assumptions(),
                estimate.source(), estimate.createdAt(), estimate.createdBy());
    }
}
