package dev.inferplan.runner.scenarios;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Recorder;

/**
 * What the load threads record while the controller reads it window by window. HdrHistogram's
 * {@link Recorder} takes values from many threads without locks and hands out interval
 * histograms, so recording costs two clock reads and an array increment per query.
 */
final class LoadStats {

    private static final int SIGNIFICANT_DIGITS = 3;

    /** Nanoseconds per query: from the scheduled arrival (Server) or from issue (closed loop). */
    final Recorder latency = new Recorder(SIGNIFICANT_DIGITS);
    /** Nanoseconds from the moment a worker took the query (Server). */
    final Recorder service = new Recorder(SIGNIFICANT_DIGITS);
    /** Nanoseconds the generator issued each query after its scheduled time (Server). */
    final Recorder generatorLag = new Recorder(SIGNIFICANT_DIGITS);
    final LongAdder errors = new LongAdder();
    final LongAccumulator lastCompletionNanos = new LongAccumulator(Math::max, Long.MIN_VALUE);
    private final AtomicReference<String> firstError = new AtomicReference<>();

    void completed(long latencyNanos, long doneNanos) {
        latency.recordValue(latencyNanos);
        lastCompletionNanos.accumulate(doneNanos);
    }

    void failed(Throwable error) {
        errors.increment();
        firstError.compareAndSet(null, String.valueOf(error.getMessage() == null ? error : error.getMessage()));
    }

    String firstError() {
        return firstError.get();
    }
}
