package dev.inferplan.runner.scenarios;

/** One measurement window: what completed in it (perf_analyzer's unit of stability). */
public record Window(int index, long queries, double throughputPerS, double p99Ms) {
}
