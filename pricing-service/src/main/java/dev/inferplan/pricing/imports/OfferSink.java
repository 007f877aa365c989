package dev.inferplan.pricing.imports;

/** Where a reader sends what it reads, row by row, so no file is ever held in memory whole. */
public interface OfferSink {

    void offer(OfferRow row);

    void rejected(RejectedRow row);
}
