package dev.inferplan.gateway.access;

import java.util.function.LongSupplier;

/**
 * One caller's allowance: {@code burst} requests at once, refilled at {@code perSecond}. Time comes
 * from a nanosecond clock so tests can drive it. {@link #tryTake()} answers 0 when a request may pass,
 * else the whole seconds until one token is back (the {@code Retry-After}).
 */
final class TokenBucket {

    private final double burst;
    private final double perNano;
    private final LongSupplier nanoClock;
    private double tokens;
    private long updatedAt;

    TokenBucket(RateLimit limit, LongSupplier nanoClock) {
        this.burst = limit.burst();
        this.perNano = limit.perSecond() / 1e9;
        this.nanoClock = nanoClock;
        this.tokens = burst;
        this.updatedAt = nanoClock.getAsLong();
    }

    synchronized long tryTake() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e9));
    }

    /** Full again: nothing to remember about this caller. */
    synchronized boolean isFull() {
        refill();
        return tokens >= burst;
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(burst, tokens + (now - updatedAt) * perNano);
        updatedAt = now;
    }
}
