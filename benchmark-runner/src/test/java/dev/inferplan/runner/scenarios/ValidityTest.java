package dev.inferplan.runner.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import dev.inferplan.contracts.benchmarks.Scenario;

import org.junit.jupiter.api.Test;

class ValidityTest {

    private final RunRules rules = RunRules.of(Scenario.SERVER, 10);

    private static Validity.Facts server(double seconds, long queries, double p99, double lagUs, long errors, long unfinished) {
        return new Validity.Facts(Scenario.SERVER, seconds, queries, queries, errors, "boom", unfinished, p99, 15, lagUs,
                "SCHED_OTHER (SCHED_FIFO 1 refused: Operation not permitted)", false);
    }

    @Test
    void aRunMeetingEveryRuleIsValid() {
        assertEquals(List.of(), Validity.reasons(server(10.2, 700, 14.9, 400, 0, 0), rules));
    }

    @Test
    void everyBrokenRuleIsOneReasonInNumbers() {
        assertEquals(List.of(
                "ran 9.5 s, the minimum is 10.0 s",
                "600 queries, SERVER needs at least 662",
                "p99 15.100 ms exceeds the latency bound 15.000 ms",
                "generator lag p99 1350 µs exceeds 1000 µs: the load generator did not keep its schedule"
                        + " (it ran SCHED_OTHER (SCHED_FIFO 1 refused: Operation not permitted))",
                "3 queries still unfinished 30.0 s after the last arrival",
                "2 queries failed, first: boom"),
                Validity.reasons(server(9.5, 600, 15.1, 1350, 2, 3), rules));
    }

    @Test
    void generatorLagAtTheLimitIsStillValid() {
        assertEquals(List.of(), Validity.reasons(server(10, 662, 1, 1000, 0, 0), rules));
    }
}
