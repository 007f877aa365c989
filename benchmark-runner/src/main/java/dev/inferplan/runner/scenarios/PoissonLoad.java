package dev.inferplan.runner.scenarios;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The Server scenario's open loop: a generator thread issues queries at the times a
 * {@link PoissonSchedule} fixed in advance, whatever the system's state; {@code concurrency}
 * workers take them in order. Each query carries its scheduled time and its latency is measured
 * from it (MLPerf; no coordinated omission): a stall delays the queries behind it and that delay
 * is in their latency. The hand-off is a ring of scheduled times and a semaphore, so issuing
 * allocates nothing. The generator is a platform thread (a virtual thread's wake-up waits for a
 * carrier), real-time when the machine allows it ({@link GeneratorScheduling}), kept on time by an
 * {@link ArrivalPacer}; how late it issued each query is recorded.
 */
final class PoissonLoad implements Load {

    private static final int RING_BITS = 18;
    private static final int RING_SIZE = 1 << RING_BITS;
    private static final long NOT_STARTED = Long.MIN_VALUE;

    private final Inference inference;
    private final int concurrency;
    private final LoadStats stats;
    private final PoissonSchedule schedule;
    private final ArrivalPacer pacer;
    private final long[] ring = new long[RING_SIZE];
    private final Semaphore ready = new Semaphore(0);
    private final AtomicLong tickets = new AtomicLong();
    private final LongAdder finished = new LongAdder();
    private final List<Thread> workers = new ArrayList<>();
    private final int realtimePriority;
    private long[] firstWindow;
    private volatile Thread generator;
    private volatile GeneratorScheduling scheduling;
    private volatile long startNanos = NOT_STARTED;
    private volatile boolean stopIssuing;
    private volatile long issued;
    private volatile long lastTicket = Long.MAX_VALUE;
    private volatile String abortReason;
    private final BooleanSupplier stopped = () -> stopIssuing;

    PoissonLoad(Inference inference, int concurrency, double qps, long windowNanos, long seed,
                RunRules.Generator settings, LoadStats stats) {
        this.inference = inference;
        this.concurrency = concurrency;
        this.stats = stats;
        this.schedule = new PoissonSchedule(qps, windowNanos, seed);
        this.pacer = new ArrivalPacer(settings.spinUs() * 1_000, ArrivalPacer.Clock.SYSTEM);
        this.realtimePriority = settings.realtimePriority();
    }

    /** Starts the workers and the generator, which takes its scheduling policy and then waits for {@link #start}. */
    @Override
    public void prepare() throws InterruptedException {
        firstWindow = schedule.nextWindow();
        for (int i = 0; i < concurrency; i++) {
            workers.add(Thread.ofPlatform().name("server-worker-" + i).daemon().start(this::work));
        }
        CountDownLatch prepared = new CountDownLatch(1);
        generator = Thread.ofPlatform().name("server-generator").daemon().start(() -> {
            scheduling = GeneratorScheduling.raiseCurrentThread(realtimePriority);
            prepared.countDown();
            long start;
            while ((start = startNanos) == NOT_STARTED && !stopIssuing) {
                LockSupport.park(this);
            }
            if (!stopIssuing) {
                generate(start);
            }
        });
        if (!prepared.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the Server generator did not get ready within 10 s");
        }
    }

    @Override
    public void start(long startNanos) {
        if (generator == null) {
            throw new IllegalStateException("prepare() first");
        }
        this.startNanos = startNanos;
        LockSupport.unpark(generator);
    }

    GeneratorScheduling scheduling() {
        return scheduling;
    }

    private void generate(long startNanos) {
        long count = 0;
        long[] window = firstWindow;
        while (!stopIssuing) {
            long[] next = null;
            for (long offset : window) {
                long scheduled = startNanos + offset;
                pacer.awaitArrival(scheduled, stopped);
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
                // read after the hand-off, so the lag includes waking a worker: it errs late, never early
                stats.generatorLag.recordValue(Math.max(0, System.nanoTime() - scheduled));
                issued = ++count;
                if (next == null) {
                    // drawn after a window's first arrival rather than at its edge, where arrivals may follow at once
                    next = schedule.nextWindow();
                }
            }
            window = next == null ? schedule.nextWindow() : next;
        }
    }

    private void work() {
        try (Inference.Worker worker = inference.worker()) {
            serve(worker);
        } catch (RuntimeException e) {
            // no worker (its buffers could not be made): the point fails with the reason
            stats.failed(e);
            abortReason = "a worker could not start: " + e.getMessage();
        }
    }

    private void serve(Inference.Worker worker) {
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
                worker.run();
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
        if (generator == null) {
            return;
        }
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
