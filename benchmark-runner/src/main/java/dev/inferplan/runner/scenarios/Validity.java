package dev.inferplan.runner.scenarios;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.inferplan.contracts.benchmarks.Scenario;

/**
 * The rules a point must meet to be {@code VALID} (docs/measurement.md): minimum duration, minimum
 * query count for the percentile claim, the latency bound (Server), a generator that kept its
 * schedule, no failed or unfinished query. Each broken rule is one reason, in numbers.
 */
final class Validity {

    private Validity() {
    }

    record Facts(Scenario scenario, double durationSeconds, long queries, long samples, long errors,
                 String firstError, long unfinished, double p99Ms, double latencyBoundMs,
                 double generatorLagP99Us, String generatorScheduling, boolean cancelled) {
    }

    static List<String> reasons(Facts f, RunRules rules) {
        List<String> reasons = new ArrayList<>();
        if (f.cancelled()) {
            reasons.add("cancelled before the run completed");
        }
        if (f.durationSeconds() < rules.minDurationSeconds()) {
            reasons.add(String.format(Locale.ROOT, "ran %.1f s, the minimum is %.1f s",
                    f.durationSeconds(), rules.minDurationSeconds()));
        }
        long counted = f.scenario().countsSamples() ? f.samples() : f.queries();
        if (counted < rules.minQueries()) {
            reasons.add(String.format(Locale.ROOT, "%d %s, %s needs at least %d", counted,
                    f.scenario().countsSamples() ? "samples" : "queries", f.scenario(), rules.minQueries()));
        }
        if (f.scenario() == Scenario.SERVER && f.latencyBoundMs() > 0 && f.p99Ms() > f.latencyBoundMs()) {
            reasons.add(String.format(Locale.ROOT, "p99 %.3f ms exceeds the latency bound %.3f ms",
                    f.p99Ms(), f.latencyBoundMs()));
        }
        if (f.scenario() == Scenario.SERVER && f.generatorLagP99Us() > rules.maxGeneratorLagP99Us()) {
            reasons.add(String.format(Locale.ROOT,
                    "generator lag p99 %.0f µs exceeds %d µs: the load generator did not keep its schedule (it ran %s)",
                    f.generatorLagP99Us(), rules.maxGeneratorLagP99Us(), f.generatorScheduling()));
        }
        if (f.unfinished() > 0) {
            reasons.add(f.unfinished() + " queries still unfinished " + rules.drainTimeoutSeconds()
                    + " s after the last arrival");
        }
        if (f.errors() > 0) {
            reasons.add(f.errors() + " queries failed, first: " + f.firstError());
        }
        return reasons;
    }
}
