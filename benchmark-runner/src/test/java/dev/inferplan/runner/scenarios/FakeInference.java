package dev.inferplan.runner.scenarios;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongUnaryOperator;

/** A stand-in for a model: service time per call chosen by the test, optionally one long stall. */
public final class FakeInference implements Inference {

    private final AtomicLong calls = new AtomicLong();
    private final LongUnaryOperator serviceNanosOfCall;

    public FakeInference(LongUnaryOperator serviceNanosOfCall) {
        this.serviceNanosOfCall = serviceNanosOfCall;
    }

    public static FakeInference constant(double ms) {
        return new FakeInference(call -> (long) (ms * 1e6));
    }

    /** {@code ms} per call, and one stall of {@code stallMs} on call number {@code stallAt}. */
    public static FakeInference withStall(double ms, long stallAt, double stallMs) {
        return new FakeInference(call -> (long) ((call == stallAt ? stallMs : ms) * 1e6));
    }

    @Override
    public void run() {
        long nanos = serviceNanosOfCall.applyAsLong(calls.getAndIncrement());
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            LockSupport.parkNanos(end - System.nanoTime());
        }
    }

    long calls() {
        return calls.get();
    }
}
