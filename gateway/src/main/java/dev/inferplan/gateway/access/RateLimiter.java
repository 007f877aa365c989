package dev.inferplan.gateway.access;

import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per-identity token buckets (issue 16): each verified user has its own bucket, sized by the most
 * generous of its roles' limits ({@code gateway.rate-limit.<role>.per-second} and {@code .burst}).
 * Buckets of callers who went quiet are forgotten once there are many, so the map stays bounded by the
 * callers active within a refill.
 */
public final class RateLimiter {

    private static final int FORGET_ABOVE = 10_000;

    private final Map<String, RateLimit> perRole;
    private final RateLimit fallback;
    private final LongSupplier nanoClock;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(Map<String, RateLimit> perRole, RateLimit fallback, LongSupplier nanoClock) {
        this.perRole = Map.copyOf(perRole);
        this.fallback = fallback;
        this.nanoClock = nanoClock;
    }

    /** Empty when the request may pass, else the seconds to wait ({@code Retry-After}). */
    public OptionalLong admit(String user, Set<String> roles) {
        if (buckets.size() > FORGET_ABOVE) {
            buckets.values().removeIf(TokenBucket::isFull);
        }
        TokenBucket bucket = buckets.computeIfAbsent(user, u -> new TokenBucket(limitFor(roles), nanoClock));
        long wait = bucket.tryTake();
        return wait == 0 ? OptionalLong.empty() : OptionalLong.of(wait);
    }

    RateLimit limitFor(Set<String> roles) {
        RateLimit best = null;
        for (String role : roles) {
            RateLimit limit = perRole.get(role);
            if (limit != null) {
                best = limit.orBetter(best);
            }
        }
        return best == null ? fallback : best;
    }
}
