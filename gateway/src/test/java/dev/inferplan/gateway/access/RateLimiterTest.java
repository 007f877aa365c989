package dev.inferplan.gateway.access;

import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(42 * SECOND);
    private final RateLimiter limiter = new RateLimiter(
            Map.of("viewer", new RateLimit(0.5, 2), "admin", new RateLimit(100, 200)), new RateLimit(1, 1), now::get);

    @Test
    void aCallerGetsItsBurstThenWaitsForTheNextTokenAndRecovers() {
        assertEquals(OptionalLong.empty(), limiter.admit("ann", Set.of("viewer")));
        assertEquals(OptionalLong.empty(), limiter.admit("ann", Set.of("viewer")));
        // 0.5 per second: the next token is 2 s away
        assertEquals(OptionalLong.of(2), limiter.admit("ann", Set.of("viewer")));
        now.addAndGet(SECOND);
        assertEquals(OptionalLong.of(1), limiter.admit("ann", Set.of("viewer")));
        now.addAndGet(SECOND);
        assertEquals(OptionalLong.empty(), limiter.admit("ann", Set.of("viewer")));
        assertEquals(OptionalLong.of(2), limiter.admit("ann", Set.of("viewer")));
    }

    @Test
    void eachIdentityHasItsOwnBucket() {
        limiter.admit("ann", Set.of("viewer"));
        limiter.admit("ann", Set.of("viewer"));
        assertEquals(OptionalLong.of(2), limiter.admit("ann", Set.of("viewer")));
        assertEquals(OptionalLong.empty(), limiter.admit("bob", Set.of("viewer")));
    }

    @Test
    void aCallerWithSeveralRolesGetsTheMostGenerousAndAnUnknownRoleTheDefault() {
        assertEquals(new RateLimit(100, 200), limiter.limitFor(Set.of("viewer", "admin")));
        assertEquals(new RateLimit(1, 1), limiter.limitFor(Set.of("guest")));
        assertEquals(OptionalLong.empty(), limiter.admit("guest", Set.of("guest")));
        assertEquals(OptionalLong.of(1), limiter.admit("guest", Set.of("guest")));
    }

    @Test
    void aBucketNeverHoldsMoreThanItsBurst() {
        now.addAndGet(3600 * SECOND);
        for (int i = 0; i < 2; i++) {
            assertEquals(OptionalLong.empty(), limiter.admit("ann", Set.of("viewer")));
        }
        assertEquals(OptionalLong.of(2), limiter.admit("ann", Set.of("viewer")));
    }
}
