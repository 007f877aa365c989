package dev.inferplan.runner.sweeps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CapacitySearchTest {

    @Test
    void findsTheHighestRateUnderTheBoundToOnePercent() {
        double capacity = 137.4;
        CapacitySearch.Answer<String> answer = new CapacitySearch<String>(0.01, 20)
                .search(200, qps -> new CapacitySearch.Outcome<>(qps <= capacity, "run at " + qps));
        assertTrue(answer.bestQps() <= capacity, "never above the real capacity: " + answer.bestQps());
        assertTrue(answer.bestQps() >= capacity * 0.99, "within 1%: " + answer.bestQps());
        assertEquals("run at " + answer.bestQps(), answer.best());
        // from [0, 200] to 1% precision: the top probe plus about log2(100) halvings
        assertTrue(answer.steps().size() <= 9, "probes " + answer.steps().size());
    }

    @Test
    void anUpperEndThatMeetsTheBoundIsTheAnswer() {
        CapacitySearch.Answer<String> answer = new CapacitySearch<String>(0.01, 20)
                .search(50, qps -> new CapacitySearch.Outcome<>(true, "ok"));
        assertEquals(50, answer.bestQps());
        assertEquals(1, answer.steps().size());
    }

    @Test
    void nothingMeetingTheBoundAnswersNone() {
        CapacitySearch.Answer<String> answer = new CapacitySearch<String>(0.01, 6)
                .search(50, qps -> new CapacitySearch.Outcome<>(false, "no"));
        assertEquals(0, answer.bestQps());
        assertNull(answer.best());
        assertEquals(6, answer.steps().size());
    }

    @Test
    void aSearchThatFindsNothingSaysWhyItsHighestAndLowestProbesMissed() {
        CapacitySearch.Answer<String> answer = new CapacitySearch<String>(0.01, 4)
                .search(80, qps -> new CapacitySearch.Outcome<>(false, "no", 9,
                        qps > 50 ? "p99 exceeds the bound" : "generator lag p99 exceeds 1000 µs"));
        assertNull(answer.best());
        assertEquals("p99 exceeds the bound", answer.firstMiss());
        assertEquals("generator lag p99 exceeds 1000 µs", answer.lastMiss());
        assertNull(new CapacitySearch<String>(0.01, 4).search(80, qps -> new CapacitySearch.Outcome<>(true, "ok"))
                .firstMiss());
    }
}
