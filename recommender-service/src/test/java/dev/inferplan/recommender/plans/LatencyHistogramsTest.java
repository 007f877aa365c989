package dev.inferplan.recommender.plans;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cascade path's latency: the mixture (1 − e)·D1 + e·(D1 * D2), checked by hand and against simulation. */
class LatencyHistogramsTest {

    private static final long MS = 1_000_000;

    @Test
    void twoPointDistributionsComposeByHand() {
        Histogram d1 = new Histogram(3);
        d1.recordValueWithCount(10 * MS, 100);
        Histogram d2 = new Histogram(3);
        d2.recordValueWithCount(20 * MS, 7);
        // 75 % of requests pay 10 ms, 25 % pay 10 + 20 = 30 ms
        LatencyHistograms.Percentiles p = LatencyHistograms.percentiles(LatencyHistograms.cascade(d1, d2, 0.25));
        assertEquals(10, p.p50(), 10 * 0.001);
        assertEquals(30, p.p90(), 30 * 0.001);
        assertEquals(30, p.p99(), 30 * 0.001);
        // adding the percentiles would say p50 = 30 ms: a composition is not a sum of percentiles
        LatencyHistograms.Percentiles none = LatencyHistograms.percentiles(LatencyHistograms.cascade(d1, d2, 0.0));
        assertEquals(10, none.p99(), 10 * 0.001);
    }

    @Test
    void convolutionMatchesABruteForceSimulationWithinOnePercentAtP99() {
        SplittableRandom random = new SplittableRandom(42);
        // two measured-like distributions: log-normal bodies (median 8 ms and 25 ms) with a slow tail
        long[] cheap = samples(random, 50_000, 8, 0.35);
        long[] strong = samples(random, 50_000, 25, 0.5);
        Histogram d1 = roundTrip(cheap);
        Histogram d2 = roundTrip(strong);
        double e = 0.2;
        LatencyHistograms.Percentiles composed = LatencyHistograms.percentiles(LatencyHistograms.cascade(d1, d2, e));
        // brute force: draw requests, escalate a fraction e, sum the two sampled latencies
        int n = 2_000_000;
        long[] path = new long[n];
        for (int i = 0; i < n; i++) {
            long l1 = cheap[random.nextInt(cheap.length)];
            path[i] = random.nextDouble() < e ? l1 + strong[random.nextInt(strong.length)] : l1;
        }
        Arrays.sort(path);
        double p99 = path[(int) Math.ceil(0.99 * n) - 1] / 1e6;
        double p50 = path[(int) Math.ceil(0.50 * n) - 1] / 1e6;
        assertEquals(p99, composed.p99(), p99 * 0.01, "p99 within 1 %");
        assertEquals(p50, composed.p50(), p50 * 0.01, "p50 within 1 %");
        assertTrue(composed.p99() > 25, "the escalated tail dominates p99: " + composed.p99());
    }

    @Test
    void aDistributionKnownOnlyByPercentilesIsRebuiltThroughThem() {
        Histogram h = LatencyHistograms.fromPercentiles(10, 18, 20, 30);
        assertEquals(10, h.getValueAtPercentile(50) / 1e6, 0.1);
        assertEquals(20, h.getValueAtPercentile(95) / 1e6, 0.1);
        assertEquals(30, h.getValueAtPercentile(99.9) / 1e6, 0.1);   // flat above p99: the tail is unknown
    }

    /** Log-normal latencies in ns around a median in ms. */
    private static long[] samples(SplittableRandom random, int n, double medianMs, double sigma) {
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            double gaussian = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
            values[i] = Math.round(medianMs * Math.exp(sigma * gaussian) * MS);
        }
        return values;
    }

    /** Recorded as the runner records them, through the compressed encoding the catalog stores. */
    private static Histogram roundTrip(long[] values) {
        Histogram h = new Histogram(3);
        for (long v : values) {
            h.recordValue(v);
        }
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buffer);
        return LatencyHistograms.decode(Arrays.copyOf(buffer.array(), length));
    }
}
