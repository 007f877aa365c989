package dev.inferplan.runner.scenarios;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The Server scenario's open loop: a generator thread issues queries at the times a
 * {@link PoissonSchedule} fixed in advance, whatever the system's state; {@code concurrency}
 * workers take them in order. Each query carries its scheduled time and its latency is measured
 * from it (MLPerf; no coordinated omission): a stall delays the queries behind it and that delay
 * is in their latency. The hand-off is a ring of scheduled times and a semaphore, so issuing
 * allocates nothing.
 */
final class PoissonLoad implements Load {

    private static final int RING_BITS = 18;
    private static final int RING_SIZE = 1 << RING_BITS;
    /** parkNanos overshoots by tens of µs; the last stretch before an arrival is spun instead. */
    private static final long SPIN_NANOS = 120_000;

    private final Inference inference;
    private final int concurrency;
    private final LoadStats stats;
    private final PoissonSchedule schedule;
    private final long[] ring = new long[RING_SIZE];
    private final Semaphore ready = new Semaphore(0);
    private final AtomicLong tickets = new AtomicLong();
    private final LongAdder finished = new LongAdder();
    private final List<Thread> workers = new ArrayList<>();
    private Thread generator;
    private volatile boolean stopIssuing;
    private volatile long issued;
    private volatile long lastTicket = Long.MAX_VALUE;
    private volatile String abortReason;

    PoissonLoad(Inference inference, int concurrency, double qps, long windowNanos, long seed, LoadStats stats) {
        this.inference = inference;
        this.concurrency = concurrency;
        this.stats = stats;
        this.schedule = new PoissonSchedule(qps, windowNanos, seed);
    }

    @Override
    public void start(long startNanos) {
        for (int i = 0; i < concurrency; i++) {
            workers.add(Thread.ofPlatform().name("server-worker-" + i).daemon().start(this::work));
        }
        generator = Thread.ofPlatform().name("server-generator").daemon().start(() -> generate(startNanos));
    }

    private void generate(long startNanos) {
        long count = 0;
        while (!stopIssuing) {
            for (long offset : schedule.nextWindow()) {
                long scheduled = startNanos + offset;
                waitUntil(scheduled);
                if (stopIssuing) {
                    return;
                }
                if (count - finished.sum() >= RING_SIZE) {
                    abortReason = "more than " + RING_SIZE + " queries waiting: the system cannot sustain the rate";
                    stopIssuing = true;
                    return;
                }
                ring[(int) (count & (RING_SIZE - 1))] = scheduled;
                ready.release();
                stats.generatorLag.recordValue(Math.max(0, System.nanoTime() - scheduled));
                issued = ++count;
            }
        }
    }

    private void waitUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > SPIN_NANOS && !stopIssuing) {
            LockSupport.parkNanos(left - SPIN_NANOS);
        }
        while (System.nanoTime() < deadline && !stopIssuing) {
            Thread.onSpinWait();
        }
    }

    private void work() {
        while (true) {
            try {
                ready.acquire();
            } catch (InterruptedException e) {
                return;
            }
            long ticket = tickets.getAndIncrement();
            if (ticket >= lastTicket) {
                return;
            }
            long scheduled = ring[(int) (ticket & (RING_SIZE - 1))];
            long taken = System.nanoTime();
            try {
                inference.run();
                long done = System.nanoTime();
                stats.completed(done - scheduled, done);
                stats.service.recordValue(done - taken);
            } catch (Exception e) {
                stats.failed(e);
            } finally {
                finished.increment();
            }
        }
    }

    @Override
    public void stopIssuing() {
        stopIssuing = true;
        LockSupport.unpark(generator);
        try {
            generator.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean awaitIdle(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (finished.sum() < issued) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }

    @Override
    public long unfinished() {
        return issued - finished.sum();
    }

    @Override
    public void close() throws InterruptedException {
        stopIssuing = true;
        lastTicket = issued;
        ready.release(concurrency);
        for (Thread worker : workers) {
            if (!worker.join(Duration.ofSeconds(1))) {
                worker.interrupt();
                worker.join(Duration.ofSeconds(5));
            }
        }
    }

    @Override
    public String abortReason() {
        return abortReason;
    }
}
