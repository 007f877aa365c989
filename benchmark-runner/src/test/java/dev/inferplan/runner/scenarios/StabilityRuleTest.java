package dev.inferplan.runner.scenarios;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class StabilityRuleTest {

    private final StabilityRule rule = new StabilityRule(3, 1.10);

    private static Window w(int i, double throughput, double p99) {
        return new Window(i, 100, throughput, p99);
    }

    @Test
    void lastThreeWindowsWithinTenPercentAreStable() {
        assertTrue(rule.isStable(List.of(w(1, 50, 90), w(2, 100, 20), w(3, 105, 21), w(4, 110, 22))));
    }

    @Test
    void throughputOrP99SpreadOverTenPercentIsNot() {
        assertFalse(rule.isStable(List.of(w(1, 100, 20), w(2, 100, 20), w(3, 111, 20))));
        assertFalse(rule.isStable(List.of(w(1, 100, 20), w(2, 100, 22.2), w(3, 100, 20))));
    }

    @Test
    void fewerThanThreeWindowsOrAnEmptyOneAreNot() {
        assertFalse(rule.isStable(List.of(w(1, 100, 20), w(2, 100, 20))));
        assertFalse(rule.isStable(List.of(w(1, 0, 0), w(2, 0, 0), w(3, 0, 0))));
    }
}
