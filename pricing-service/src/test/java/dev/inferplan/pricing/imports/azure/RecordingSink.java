package dev.inferplan.pricing.imports.azure;

import java.util.ArrayList;
import java.util.List;

import dev.inferplan.pricing.imports.OfferRow;
import dev.inferplan.pricing.imports.OfferSink;
import dev.inferplan.pricing.imports.RejectedRow;

/** Keeps what a reader sends, in order. */
final class RecordingSink implements OfferSink {

    final List<OfferRow> offers = new ArrayList<>();
    final List<RejectedRow> rejected = new ArrayList<>();

    @Override
    public void offer(OfferRow row) {
        offers.add(row);
    }

    @Override
    public void rejected(RejectedRow row) {
        rejected.add(row);
    }
}
