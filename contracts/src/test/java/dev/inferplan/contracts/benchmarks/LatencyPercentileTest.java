package dev.inferplan.contracts.benchmarks;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LatencyPercentileTest {

    @Test
    void parsesTheWaysSlosAreWritten() {
        assertEquals(Optional.of(LatencyPercentile.P99), LatencyPercentile.parse("p99"));
        assertEquals(Optional.of(LatencyPercentile.P99), LatencyPercentile.parse("99"));
        assertEquals(Optional.of(LatencyPercentile.P999), LatencyPercentile.parse("p99.9"));
        assertEquals(Optional.of(LatencyPercentile.P50), LatencyPercentile.parse("P50"));
        assertEquals(Optional.empty(), LatencyPercentile.parse("p42"));
    }

    @Test
    void fieldNamesMatchTheResultJson() {
        assertEquals("p90", LatencyPercentile.P90.fieldName());
        assertEquals(99.9, LatencyPercentile.P999.percentile());
    }
}
