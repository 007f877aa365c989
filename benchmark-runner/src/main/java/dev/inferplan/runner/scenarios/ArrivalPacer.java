package dev.inferplan.runner.scenarios;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Holds the Server generator to its schedule. {@code parkNanos} wakes late: by the kernel's timer
 * slack (50 µs by default on Linux), and by however long the woken thread then waits for a core,
 * so the pacer parks only until {@code spinNanos} before an arrival and spins the rest of the way
 * on the core it already holds. It never lets an arrival go before its scheduled time; when the
 * wake-up came after it, the arrival goes at once and the caller records how late (MLPerf: the
 * generator's lag is reported, a late run is invalid, nothing is dropped or re-timed).
 */
final class ArrivalPacer {

    /** The clock and the two ways of waiting on it: the JVM's in production, a fake in tests. */
    interface Clock {

        long nanoTime();

        /** Sleeps about this long; may return early (spuriously) or late. */
        void park(long nanos);

        /** One turn of a busy wait. */
        void spin();

        Clock SYSTEM = new Clock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void park(long nanos) {
                LockSupport.parkNanos(nanos);
            }

            @Override
            public void spin() {
                Thread.onSpinWait();
            }
        };
    }

    private final long spinNanos;
    private final Clock clock;

    ArrivalPacer(long spinNanos, Clock clock) {
        if (spinNanos < 0) {
            throw new IllegalArgumentException("the spin margin cannot be negative: " + spinNanos + " ns");
        }
        this.spinNanos = spinNanos;
        this.clock = clock;
    }

    long spinNanos() {
        return spinNanos;
    }

    /**
     * Waits for the scheduled instant and returns the clock's reading when the wait ended: the
     * issue time, never before {@code scheduledNanos} unless {@code stop} said to give up first
     * (then the arrival must not be issued).
     */
    long awaitArrival(long scheduledNanos, BooleanSupplier stop) {
        long now = clock.nanoTime();
        while (scheduledNanos - now > spinNanos && !stop.getAsBoolean()) {
            clock.park(scheduledNanos - now - spinNanos);
            now = clock.nanoTime();
        }
        while (now - scheduledNanos < 0 && !stop.getAsBoolean()) {
            clock.spin();
            now = clock.nanoTime();
        }
        return now;
    }
}
