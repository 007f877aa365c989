package dev.inferplan.recommender.snapshots;

import java.util.List;

import dev.inferplan.contracts.money.Money;

import jakarta.json.bind.annotation.JsonbCreator;

/**
 * One offer of the price book: an instance type (or a GCP CONFIGURATION of a host and attached
 * accelerators, listed in {@code parts}) in a region, bought one way, at an hourly price in USD.
 * {@code upfrontUsd}: a commitment's upfront fee, already amortized into {@code hourlyUsd} (null: none).
 */
public record PriceOffer(String provider, String region, String zone, String instanceType, String accelerator,
                         double acceleratorCount, String purchaseOption, Money hourlyUsd, long priceBookVersion,
                         String kind, List<OfferPart> parts, Money upfrontUsd) {

    public PriceOffer(String provider, String region, String zone, String instanceType, String accelerator,
                      double acceleratorCount, String purchaseOption, Money hourlyUsd, long priceBookVersion,
                      String kind, List<OfferPart> parts) {
        this(provider, region, zone, instanceType, accelerator, acceleratorCount, purchaseOption, hourlyUsd,
                priceBookVersion, kind, parts, null);
    }

    public static final String INSTANCE = "INSTANCE";
    public static final String CONFIGURATION = "CONFIGURATION";
    public static final String ATTACHABLE_ACCELERATOR = "ATTACHABLE_ACCELERATOR";
    public static final String HOST = "HOST";

    @JsonbCreator
    public PriceOffer {
        parts = parts == null ? List.of() : List.copyOf(parts);
        kind = kind == null || kind.isEmpty() ? INSTANCE : kind;
    }

    /** "aws/c7i.large": how a pool names the instance types it stands for. */
    public String qualifiedInstanceType() {
        return provider + "/" + instanceType;
    }

    /** A raw part (an attachable accelerator or a bare host) is never a deployable offer on its own. */
    public boolean deployable() {
        return INSTANCE.equals(kind) || CONFIGURATION.equals(kind);
    }

    /** A part of a CONFIGURATION offer with its own price. */
    public record OfferPart(String kind, String instanceType, String accelerator, double acceleratorCount,
                            Money hourlyUsd) {
    }
}
