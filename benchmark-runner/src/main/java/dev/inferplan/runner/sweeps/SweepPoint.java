package dev.inferplan.runner.sweeps;

/** One combination of a sweep: batch size, concurrency (threads sharing the session), intra-op threads. */
public record SweepPoint(int batchSize, int concurrency, int intraOpThreads) {
}
