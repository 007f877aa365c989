package dev.inferplan.catalog.benchmarks;

/**
 * A benchmark result was stored: fired synchronously in the transaction that stores it, so that what
 * reacts to new evidence (latency drift re-review) does so in the same transaction, without
 * {@code benchmarks} importing the packages that react.
 */
public record ResultRecorded(ResultView result) {
}
