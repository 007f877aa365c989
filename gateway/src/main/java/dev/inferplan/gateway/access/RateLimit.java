package dev.inferplan.gateway.access;

/** A role's allowance per caller: {@code burst} requests at once, {@code perSecond} sustained. */
public record RateLimit(double perSecond, int burst) {

    public RateLimit {
        if (!(perSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("a rate limit needs perSecond > 0 and burst >= 1: " + perSecond + ", " + burst);
        }
    }

    /** The more generous of two: a caller with several roles gets its best role's allowance. */
    RateLimit orBetter(RateLimit other) {
        return other == null || perSecond >= other.perSecond ? this : other;
    }
}
