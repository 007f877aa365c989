package dev.inferplan.runner.scenarios;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class PoissonScheduleTest {

    @Test
    void countsAddUpToTheTargetRateExactly() {
        PoissonSchedule schedule = new PoissonSchedule(33.3, 1_000_000_000L, 1);
        long total = 0;
        for (int i = 0; i < 30; i++) {
            total += schedule.nextWindow().length;
        }
        assertEquals(Math.round(33.3 * 30), total);
    }

    @Test
    void interArrivalTimesAreExponentialAtTheTargetRate() {
        double qps = 500;
        PoissonSchedule schedule = new PoissonSchedule(qps, 2_000_000_000L, 42);
        long[] arrivals = new long[0];
        for (int i = 0; i < 10; i++) {
            long[] next = schedule.nextWindow();
            long[] joined = Arrays.copyOf(arrivals, arrivals.length + next.length);
            System.arraycopy(next, 0, joined, arrivals.length, next.length);
            arrivals = joined;
        }
        double[] gaps = new double[arrivals.length - 1];
        for (int i = 1; i < arrivals.length; i++) {
            assertTrue(arrivals[i] >= arrivals[i - 1], "arrivals ascend");
            gaps[i - 1] = (arrivals[i] - arrivals[i - 1]) / 1e9;
        }
        Arrays.sort(gaps);
        // Kolmogorov–Smirnov against Exp(qps): D below the 1% critical value 1.628/sqrt(n)
        double d = 0;
        for (int i = 0; i < gaps.length; i++) {
            double cdf = 1 - Math.exp(-qps * gaps[i]);
            d = Math.max(d, Math.max(Math.abs(cdf - (double) i / gaps.length), Math.abs((double) (i + 1) / gaps.length - cdf)));
        }
        double critical = 1.628 / Math.sqrt(gaps.length);
        assertTrue(d < critical, "KS D " + d + " vs critical " + critical);
        double mean = Arrays.stream(gaps).average().orElseThrow();
        assertEquals(1 / qps, mean, 0.02 / qps);
        // exponential: the standard deviation equals the mean
        double sd = Math.sqrt(Arrays.stream(gaps).map(g -> (g - mean) * (g - mean)).sum() / gaps.length);
        assertEquals(mean, sd, mean * 0.05);
    }

    @Test
    void countsPerSubIntervalAreDispersedLikePoisson() {
        // index of dispersion (variance/mean of counts in 10 ms bins) is 1 for a Poisson process
        PoissonSchedule schedule = new PoissonSchedule(1_000, 10_000_000_000L, 5);
        long[] arrivals = schedule.nextWindow();
        int[] bins = new int[1000];
        for (long a : arrivals) {
            bins[(int) (a / 10_000_000L)]++;
        }
        double mean = Arrays.stream(bins).average().orElseThrow();
        double variance = Arrays.stream(bins).mapToDouble(b -> (b - mean) * (b - mean)).sum() / (bins.length - 1);
        assertEquals(10, mean, 1e-9);
        assertEquals(1.0, variance / mean, 0.15);
    }

    @Test
    void theSameSeedGivesTheSameSchedule() {
        assertArrayEquals(new PoissonSchedule(50, 1_000_000_000L, 9).nextWindow(),
                new PoissonSchedule(50, 1_000_000_000L, 9).nextWindow());
    }
}
