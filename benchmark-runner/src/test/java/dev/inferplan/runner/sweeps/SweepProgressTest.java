package dev.inferplan.runner.sweeps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SweepProgressTest {

    @Test
    void etaExtrapolatesFromThePointsDone() {
        // 2.5 of 10 points in 50 s: 7.5 points to go at 20 s each
        SweepProgress p = SweepProgress.of(3, 10, 0.5, 50_000_000_000L);
        assertEquals(25.0, p.percent());
        assertEquals(150, p.etaSeconds());
        assertEquals("point 3 of 10, 25.0 %, ETA 2m30s", p.describe());
    }

    @Test
    void nothingDoneYetHasNoEta() {
        assertEquals("point 1 of 4, 0.0 %, ETA unknown", SweepProgress.of(1, 4, 0, 1_000).describe());
    }
}
