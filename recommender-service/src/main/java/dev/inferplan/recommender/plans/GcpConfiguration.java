package dev.inferplan.recommender.plans;

import java.util.List;

import dev.inferplan.recommender.snapshots.PriceOffer;
import dev.inferplan.recommender.snapshots.PriceOffer.OfferPart;

/**
 * A GCP attachable accelerator is priced with a host that can carry it, never alone: host + N ×
 * accelerator, both in the same region and bought the same way. Pricing serves these as CONFIGURATION
 * offers; this is the rule they must satisfy, and how the recommender states one from its parts.
 */
public final class GcpConfiguration {

    private GcpConfiguration() {
    }

    /** The deployable offer of {@code host} with {@code count} of {@code accelerator} (priced per device) attached. */
    public static PriceOffer of(PriceOffer host, PriceOffer accelerator, int count) {
        if (!PriceOffer.ATTACHABLE_ACCELERATOR.equals(accelerator.kind())) {
            throw new IllegalArgumentException("not an attachable accelerator: " + accelerator.instanceType());
        }
        if (!host.region().equals(accelerator.region()) || !host.purchaseOption().equals(accelerator.purchaseOption())
                || !host.provider().equals(accelerator.provider())) {
            throw new IllegalArgumentException("host and accelerator must share provider, region and purchase option");
        }
        var acceleratorsHourly = accelerator.hourlyUsd().times(count);
        return new PriceOffer(host.provider(), host.region(), host.zone(),
                host.instanceType() + "+" + count + "x" + accelerator.accelerator(),
                accelerator.accelerator(), count, host.purchaseOption(),
                host.hourlyUsd().plus(acceleratorsHourly), Math.max(host.priceBookVersion(), accelerator.priceBookVersion()),
                PriceOffer.CONFIGURATION,
                List.of(new OfferPart(PriceOffer.HOST, host.instanceType(), "", 0, host.hourlyUsd()),
                        new OfferPart(PriceOffer.ATTACHABLE_ACCELERATOR, "", accelerator.accelerator(), count,
                                acceleratorsHourly)));
    }
}
