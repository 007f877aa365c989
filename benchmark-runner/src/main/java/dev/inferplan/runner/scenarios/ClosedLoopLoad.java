package dev.inferplan.runner.scenarios;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * SingleStream, MultiStream and Offline: each of {@code concurrency} threads issues its next query
 * the moment the previous one completes (one thread for the stream scenarios; for Offline, as many
 * threads as the point's concurrency keep the session saturated with batches).
 */
final class ClosedLoopLoad implements Load {

    /** A point whose every query fails stops early instead of spinning through errors. */
    private static final long MAX_ERRORS = 100;

    private final Inference inference;
    private final int concurrency;
    private final LoadStats stats;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopped;

    ClosedLoopLoad(Inference inference, int concurrency, LoadStats stats) {
        this.inference = inference;
        this.concurrency = concurrency;
        this.stats = stats;
    }

    @Override
    public void start(long startNanos) {
        for (int i = 0; i < concurrency; i++) {
            Thread thread = Thread.ofPlatform().name("load-" + i).daemon().start(this::loop);
            threads.add(thread);
        }
    }

    private void loop() {
        try (Inference.Worker worker = inference.worker()) {
            while (!stopped) {
                long issued = System.nanoTime();
                try {
                    worker.run();
                    long done = System.nanoTime();
                    stats.completed(done - issued, done);
                } catch (Exception e) {
                    stats.failed(e);
                    if (stats.errors.sum() >= MAX_ERRORS) {
                        stopped = true;
                    }
                }
            }
        } catch (RuntimeException e) {
            // no worker (its buffers could not be made): the point fails with the reason
            stats.failed(e);
            stopped = true;
        }
    }

    @Override
    public void stopIssuing() {
        stopped = true;
    }

    @Override
    public boolean awaitIdle(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        for (Thread thread : threads) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !thread.join(java.time.Duration.ofNanos(left))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public long unfinished() {
        return threads.stream().filter(Thread::isAlive).count();
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        for (Thread thread : threads) {
            if (!thread.join(java.time.Duration.ofSeconds(1))) {
                thread.interrupt();
                thread.join(TimeUnit.SECONDS.toMillis(5));
            }
        }
    }

    @Override
    public String abortReason() {
        return stats.errors.sum() >= MAX_ERRORS ? "stopped after " + MAX_ERRORS + " failed queries" : null;
    }
}
