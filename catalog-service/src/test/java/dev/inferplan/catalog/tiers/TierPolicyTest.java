package dev.inferplan.catalog.tiers;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.inferplan.catalog.versions.MetricView;
import dev.inferplan.catalog.versions.Tier;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TierPolicyTest {

    private final TierPolicy policy = new TierPolicy(Map.of(
            "default", Map.of("tier1-max-cost-per-1k-usd", "0.01", "tier3-min-cost-per-1k-usd", "0.10"),
            "image-classification", Map.of("primary-metric", "top1", "tier3-min-quality", "85"),
            "speech", Map.of("primary-metric", "wer", "tier3-min-quality", "5", "tier1-max-cost-per-1k-usd", "0.02")));

    @Test
    void highAccuracyIsTier3WhateverItCosts() {
        assertEquals(Tier.TIER_3, tier("image-classification", List.of(top1("85.0")), "0.001"));
        assertEquals(Tier.TIER_3, tier("image-classification", List.of(top1("90.1")), null));
    }

    @Test
    void cheapAndBelowTheAccuracyBarIsTier1() {
        TierPolicy.Proposal proposal = policy.propose("image-classification", List.of(top1("80.0")),
                Optional.of(new BigDecimal("0.0100")));
        assertEquals(Tier.TIER_1, proposal.tier(), "the bound is inclusive");
        assertTrue(proposal.reasons().getFirst().contains("80.0 on imagenet-1k is below the high-accuracy threshold 85"),
                proposal.reasons()::toString);
    }

    @Test
    void expensiveIsTier3AndInBetweenIsTier2() {
        assertEquals(Tier.TIER_3, tier("image-classification", List.of(top1("70")), "0.10"));
        assertEquals(Tier.TIER_2, tier("image-classification", List.of(top1("70")), "0.0101"));
        assertEquals(Tier.TIER_2, tier("image-classification", List.of(top1("70")), null), "quality without a cost");
    }

    @Test
    void theBestValueOverAllDatasetsCounts() {
        assertEquals(Tier.TIER_3, tier("image-classification", List.of(top1("84.9"), top1("85.2")), null));
    }

    @Test
    void lowerIsBetterMetricsCompareTheOtherWay() {
        MetricView wer = new MetricView(1, 1, "wer", new BigDecimal("4.8"), "librispeech", "test-clean", false,
                new MetricView.Provenance("PUBLISHED", "paper"), null, "t");
        assertEquals(Tier.TIER_3, tier("speech", List.of(wer), null));
        assertEquals(Tier.TIER_1, tier("speech", List.of(wer.withValue("7.5")), "0.015"), "per-task cost bound 0.02");
    }

    @Test
    void noEvidenceNoProposalAndUnknownTasksUseTheDefaults() {
        assertNull(tier("image-classification", List.of(), null));
        assertEquals(Tier.TIER_1, tier("unregistered-task", List.of(), "0.005"));
        assertNull(policy.forTask("unregistered-task").primaryMetric());
    }

    private Tier tier(String task, List<MetricView> metrics, String cost) {
        return policy.propose(task, metrics, Optional.ofNullable(cost).map(BigDecimal::new)).tier();
    }

    private static MetricView top1(String value) {
        return new MetricView(1, 1, "top1", new BigDecimal(value), "imagenet-1k", "validation", true,
                new MetricView.Provenance("PUBLISHED", "paper"), null, "t");
    }
}
