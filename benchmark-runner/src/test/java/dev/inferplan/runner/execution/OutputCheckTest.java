package dev.inferplan.runner.execution;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class OutputCheckTest {

    @Test
    void outputsWithinOnePercentOfTheReferencePass() {
        assertTrue(OutputCheck.compare(new float[] {1f, -2f}, List.of(new float[] {1.01f, -2f}), "CPU provider").passed());
    }

    @Test
    void wrongOrNonFiniteOutputsFail() {
        assertFalse(OutputCheck.compare(new float[] {1f, -2f}, List.of(new float[] {1.5f, -2f}), "CPU provider").passed());
        assertFalse(OutputCheck.compare(new float[] {1f}, List.of(new float[] {Float.NaN}), "first run").passed());
        assertFalse(OutputCheck.compare(new float[] {1f}, List.of(new float[] {1f, 2f}), "first run").passed());
    }
}
