package dev.inferplan.recommender.plans;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import dev.inferplan.contracts.money.Money;
import dev.inferplan.recommender.plans.RecommendationRequest.CalibrationPair;
import dev.inferplan.recommender.plans.RecommendationRequest.Traffic;
import dev.inferplan.recommender.snapshots.Snapshot;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static dev.inferplan.recommender.plans.Fixtures.cpu;
import static dev.inferplan.recommender.plans.Fixtures.offer;
import static dev.inferplan.recommender.plans.Fixtures.snapshot;
import static dev.inferplan.recommender.plans.Fixtures.version;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two-model cascades: blended cost and quality, escalation from calibration, composed latency against the SLO. */
class CascadesTest {

    /** cheap v1 (mteb 50, 100 qps, p95 20 ms), strong v2 (mteb 60, 50 qps, p95 40 ms), both on c7i.large at 0.10. */
    private static Snapshot book() {
        return snapshot(List.of(version(1, "v1", "50"), version(2, "v2", "60")),
                List.of(cpu(11, 1, "pool-a", 100, 20, List.of("aws/c7i.large")),
                        cpu(12, 2, "pool-b", 50, 40, List.of("aws/c7i.large"))),
                List.of(offer("aws", "us-east-1", "c7i.large", "", 0, "ON_DEMAND", "0.10")));
    }

    private static RecommendationRequest request(double maxMs, double minQuality, RecommendationRequest.Cascade cascade) {
        return new RecommendationRequest(Fixtures.TASK, new RecommendationRequest.Quality("mteb_avg", null, minQuality),
                new RecommendationRequest.Latency("p95", maxMs), null, new Traffic(60.0, 60.0, "steady"), null, null,
                null, null, null, null, null)
                .withEconomics(null, null, cascade, null, null, null).withDefaults();
    }

    /** Every request of v1's point at 20 ms, of v2's at 40 ms. */
    private static final PointDetails HISTOGRAMS = new PointDetails() {
        @Override
        public Optional<byte[]> latencyHistogram(long resultId) {
            return Optional.of(encoded(resultId == 11 ? 20 : 40));
        }

        @Override
        public List<Window> windows(long modelVersionId, long resultId) {
            return List.of();
        }
    };

    private static byte[] encoded(long ms) {
        Histogram h = new Histogram(3);
        h.recordValueWithCount(ms * 1_000_000, 1000);
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buffer);
        return Arrays.copyOf(buffer.array(), length);
    }

    private static Cascades.Answer cascade(RecommendationRequest request, PointDetails details) {
        return Recommender.recommend(request, book(), new Recommender.Freshness(false, 0, 0), details).cascade();
    }

    @Test
    void blendedCostIsTheCheapModelsPlusTheEscalatedShareOfTheStrongOnes() {
        Cascades.Answer answer = cascade(request(100, 51, new RecommendationRequest.Cascade(1L, 2L, 0.2, null, null)),
                HISTOGRAMS);
        // v1 at 60 qps: 1 replica, $73.00 a month over 60 × 3600 × 730 = 157,680,000 requests → 0.0004629630 per 1k
        assertEquals(Money.of("0.000462963"), answer.cheap().costPer1kUsd());
        // v2 at 0.2 × 60 = 12 qps: 1 replica, $73.00 over 31,536,000 escalated requests → 0.0023148148 per 1k
        assertEquals(Money.of("0.0023148148"), answer.strong().costPer1kUsd());
        // c1 + e × c2 = 0.0004629630 + 0.2 × 0.0023148148
        assertEquals(Money.of("0.000925926"), answer.blendedCostPer1kUsd());
        assertEquals(Money.of("146"), answer.blendedMonthlyUsd());
        // 0.8 × 50 + 0.2 × 60 = 52, an estimate with its inputs
        assertEquals("ESTIMATE", answer.blendedQuality().label());
        assertEquals(0, new java.math.BigDecimal("52").compareTo(answer.blendedQuality().value()));
        assertTrue(answer.blendedQuality().inputs().contains("e = 0.2"));
        assertFalse(answer.rejected(), answer.reason());
        assertTrue(answer.latency().method().startsWith("convolution"));
        // 80 % at 20 ms, 20 % at 60 ms: p50 20, p95 60
        assertEquals(20, answer.latency().p50Ms(), 0.05);
        assertEquals(60, answer.latency().p95Ms(), 0.1);
    }

    @Test
    void aCascadeThatBreaksTheSloIsRejectedWithTheComposedLatency() {
        // each model alone meets p95 ≤ 50 ms (20 and 40); the escalated path pays 60
        Cascades.Answer answer = cascade(request(50, 51, new RecommendationRequest.Cascade(1L, 2L, 0.2, null, null)),
                HISTOGRAMS);
        assertTrue(answer.rejected());
        assertEquals("composed p95 60 ms > 50 ms (escalated requests pay both models' latency)", answer.reason());
    }

    @Test
    void aBlendedQualityBelowTheFloorIsRejected() {
        Cascades.Answer answer = cascade(request(100, 55, new RecommendationRequest.Cascade(1L, 2L, 0.2, null, null)),
                HISTOGRAMS);
        assertTrue(answer.rejected());
        assertEquals("estimated mteb_avg 52.0000 < 55.0", answer.reason());
    }

    @Test
    void theEscalationFractionComesFromTheCalibrationSet() {
        List<CalibrationPair> pairs = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            // 15 of 60 below 0.6 → e = 0.25; of the 45 kept, 40 right
            pairs.add(new CalibrationPair(i < 15 ? 0.3 : 0.9, i < 15 || i < 55));
        }
        Cascades.Answer answer = cascade(request(100, 51, new RecommendationRequest.Cascade(1L, 2L, null, 0.6, pairs)),
                HISTOGRAMS);
        assertEquals(0.25, answer.escalationFraction());
        assertEquals("calibration: 60 pairs, confidence < 0.6 escalated; the cheap model was right on 40 of 45 it kept",
                answer.escalationSource());
    }

    @Test
    void withoutHistogramsTheCompositionSaysItIsAnApproximation() {
        Cascades.Answer answer = cascade(request(100, 51, new RecommendationRequest.Cascade(null, null, 0.2, null, null)),
                PointDetails.NONE);
        // paired by the recommender: the cheapest plan's version, then the best quality
        assertEquals(1, answer.cheap().modelVersionId());
        assertEquals(2, answer.strong().modelVersionId());
        assertTrue(answer.latency().method().startsWith("APPROXIMATION: neither point has"));
        assertEquals("percentiles", answer.cheap().latencySource());
    }

    @Test
    void aRequestWithoutACascadeAnswersWithout() {
        assertNull(Recommender.recommend(request(100, 51, null), book(), new Recommender.Freshness(false, 0, 0)).cascade());
    }
}
