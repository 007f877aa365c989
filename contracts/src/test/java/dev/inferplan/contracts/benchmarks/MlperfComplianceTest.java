package dev.inferplan.contracts.benchmarks;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MlperfComplianceTest {

    @Test
    void aStandardRunIsCompliant() {
        MlperfCompliance c = MlperfCompliance.check(Scenario.SERVER, 662, 662, 5, 1);
        assertTrue(c.compliant());
        assertNull(c.ruleBroken());
        assertTrue(MlperfCompliance.check(Scenario.OFFLINE, 24_576, 24_576, 7.5, 32).compliant(),
                "Offline takes any batch");
    }

    @Test
    void aQuickLookNamesEachRuleItBreaks() {
        MlperfCompliance c = MlperfCompliance.check(Scenario.SERVER, 120, 100, 1, 1);
        assertFalse(c.compliant());
        assertEquals(List.of("minQueries 100 below MLPerf's 662 queries for SERVER",
                "120 queries, MLPerf's SERVER needs at least 662",
                "windows of 1.00 s, shorter than the standard 5 s"), c.rulesBroken());
        assertEquals("8 samples per query, MLPerf's SINGLE_STREAM has 1",
                MlperfCompliance.check(Scenario.SINGLE_STREAM, 64, 64, 5, 8).ruleBroken());
        assertEquals("4 samples per query, MLPerf's MULTI_STREAM has 8",
                MlperfCompliance.check(Scenario.MULTI_STREAM, 662, 662, 5, 4).ruleBroken());
        assertEquals("24575 samples, MLPerf's OFFLINE needs at least 24576",
                MlperfCompliance.check(Scenario.OFFLINE, 24_575, 24_576, 5, 8).ruleBroken());
    }

    @Test
    void onlyValidIsValid() {
        assertEquals(MeasurementStatus.VALID, MeasurementStatus.of(true, true));
        assertEquals(MeasurementStatus.UNSTABLE, MeasurementStatus.of(true, false));
        assertEquals(MeasurementStatus.INVALID, MeasurementStatus.of(false, true));
        assertEquals(MeasurementStatus.INVALID, MeasurementStatus.of(false, false));
        assertFalse(MeasurementStatus.UNSTABLE.valid());
        assertFalse(MeasurementStatus.INVALID.valid());
        assertTrue(MeasurementStatus.VALID.valid());
        assertEquals(Scenario.SINGLE_STREAM, Scenario.parse("SingleStream").orElseThrow());
        assertEquals(Scenario.MULTI_STREAM, Scenario.parse("multi-stream").orElseThrow());
    }
}
