package dev.inferplan.pricing.imports;

import java.util.ArrayList;
import java.util.List;
import dev.inferplan.pricing.pricelists.OfferRow;
import dev.inferplan.pricing.pricelists.OfferSink;
import dev.inferplan.pricing.pricelists.RejectedRow;

/** Keeps what a reader sends, in order. */
public final class RecordingSink implements OfferSink {

    public final List<OfferRow> offers = new ArrayList<>();
    public final List<RejectedRow> rejected = new ArrayList<>();

    @Override
    public void offer(OfferRow row) {
        offers.add(row);
    }

    @Override
    public void rejected(RejectedRow row) {
        rejected.add(row);
    }
}
