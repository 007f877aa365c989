package dev.inferplan.pricing.pricelists;

/** Where a reader sends what it reads, row by row, so no file is ever held in memory whole. */
public interface OfferSink {

    void offer(OfferRow row);

    void rejected(RejectedRow row);

    /** Something imported as well as the source allows that an admin should know about (line, column, why). */
    default void warning(RejectedRow row) {
    }
}
