package dev.inferplan.pricing.pricelists;

import java.math.BigDecimal;
import java.time.Instant;

import dev.inferplan.contracts.money.Money;
import dev.inferplan.contracts.pricing.PaymentOption;
import dev.inferplan.contracts.pricing.PriceUnit;
import dev.inferplan.contracts.pricing.PurchaseOption;

/**
 * One offer as a reader produces it from a source row, normalized: USD per hour for what the row
 * offers (an instance; or, for an attachable accelerator, {@code acceleratorCount} accelerators
 * together, as the source prices them), upfront fees already amortized into {@code hourlyUsd} and
 * kept apart in {@code upfrontUsd}. The import turns rows into a price-book
 * version; derived per-accelerator-hour and per-vCPU-hour figures are computed there.
 *
 * @param line               1-based line (CSV) or item number (JSON) in the source, for reports
 * @param zone               "" when the source prices a whole region
 * @param instanceType       "" for an attachable accelerator
 * @param accelerator        canonical id from the contracts vocabulary, null for CPU-only
 * @param acceleratorCount   may be fractional (Azure sells fractions of a GPU), 0 for CPU-only
 * @param acceleratorMemoryGib per device, null when unknown
 * @param vcpus              null for an attachable accelerator
 * @param memoryGib          null for an attachable accelerator
 * @param cpuArchitecture    x86_64, arm64, or null when the source does not say
 * @param upfrontUsd         the upfront part of a commitment before amortization, null if none
 * @param sourcePrice        the price exactly as the source states it, in its currency and unit
 * @param sourceCurrency     ISO 4217 code of the source price
 * @param sourceUnit         the source's unit ("Hrs", "1 Hour", "USD/h", "Quantity")
 * @param sourceSku          the source's own name for what is offered where two products map to
 *                           one canonical accelerator (GCP's H100 and H100-MEGA), else null
 * @param perUnit            a {@link OfferKind#PER_UNIT} offer's unit, served model and unit price (its
 *                           {@code hourlyUsd} is null); null for hourly offers
 * @param paymentOption      how a commitment is paid (AWS No/Partial/All Upfront), null where the source
 *                           has no such choice
 * @param effectiveFrom      from when the source says the price applies, null when it does not say
 * @param effectiveTo        until when, null when open or unknown
 */
public record OfferRow(long line,
                       String region,
                       String zone,
                       String instanceType,
                       OfferKind kind,
                       String accelerator,
                       BigDecimal acceleratorCount,
                       Double acceleratorMemoryGib,
                       BigDecimal vcpus,
                       BigDecimal memoryGib,
                       String cpuArchitecture,
                       PurchaseOption purchaseOption,
                       Money hourlyUsd,
                       Money upfrontUsd,
                       BigDecimal sourcePrice,
                       String sourceCurrency,
                       String sourceUnit,
                       String sourceSku,
                       PerUnit perUnit,
                       PaymentOption paymentOption,
                       Instant effectiveFrom,
                       Instant effectiveTo) {

    /** What a per-unit offer sells: {@code unitPriceUsd} for one {@code unit} of work of {@code servedModel}. */
    public record PerUnit(PriceUnit unit, String servedModel, Money unitPriceUsd) {
    }

    /** Without per-unit terms, payment option or dates: what hourly readers produce. */
    public OfferRow(long line, String region, String zone, String instanceType, OfferKind kind, String accelerator,
                    BigDecimal acceleratorCount, Double acceleratorMemoryGib, BigDecimal vcpus, BigDecimal memoryGib,
                    String cpuArchitecture, PurchaseOption purchaseOption, Money hourlyUsd, Money upfrontUsd,
                    BigDecimal sourcePrice, String sourceCurrency, String sourceUnit, String sourceSku) {
        this(line, region, zone, instanceType, kind, accelerator, acceleratorCount, acceleratorMemoryGib, vcpus,
                memoryGib, cpuArchitecture, purchaseOption, hourlyUsd, upfrontUsd, sourcePrice, sourceCurrency,
                sourceUnit, sourceSku, null, null, null, null);
    }

    /** A per-unit offer (kind {@link OfferKind#PER_UNIT}): no accelerator, no hourly price. */
    public static OfferRow perUnit(long line, String region, String zone, String instanceType,
                                   PurchaseOption purchaseOption, PerUnit perUnit, BigDecimal sourcePrice,
                                   String sourceCurrency, String sourceUnit) {
        return new OfferRow(line, region, zone, instanceType, OfferKind.PER_UNIT, null, BigDecimal.ZERO, null, null,
                null, null, purchaseOption, null, null, sourcePrice, sourceCurrency, sourceUnit, null, perUnit, null,
                null, null);
    }

    /** This offer with how its commitment is paid and the dates its price applies between. */
    public OfferRow withTerms(PaymentOption payment, Instant from, Instant to) {
        return new OfferRow(line, region, zone, instanceType, kind, accelerator, acceleratorCount, acceleratorMemoryGib,
                vcpus, memoryGib, cpuArchitecture, purchaseOption, hourlyUsd, upfrontUsd, sourcePrice, sourceCurrency,
                sourceUnit, sourceSku, perUnit, payment, from, to);
    }

    /** Without a source SKU: the common case. */
    public OfferRow(long line, String region, String zone, String instanceType, OfferKind kind, String accelerator,
                    BigDecimal acceleratorCount, Double acceleratorMemoryGib, BigDecimal vcpus, BigDecimal memoryGib,
                    String cpuArchitecture, PurchaseOption purchaseOption, Money hourlyUsd, Money upfrontUsd,
                    BigDecimal sourcePrice, String sourceCurrency, String sourceUnit) {
        this(line, region, zone, instanceType, kind, accelerator, acceleratorCount, acceleratorMemoryGib, vcpus,
                memoryGib, cpuArchitecture, purchaseOption, hourlyUsd, upfrontUsd, sourcePrice, sourceCurrency,
                sourceUnit, null);
    }

    /**
     * What makes an offer unique within one provider's price-book version. Attachable accelerators
     * are sold in counts (1, 2, 4, 8 GPUs; TPU slice sizes), each its own offer, and two SKUs may map
     * to one canonical accelerator.
     */
    public String key() {
        String what = kind == OfferKind.ATTACHABLE_ACCELERATOR
                ? accelerator + 'x' + acceleratorCount.stripTrailingZeros().toPlainString()
                        + (sourceSku == null ? "" : '/' + sourceSku)
                : kind == OfferKind.PER_UNIT ? perUnit.servedModel() + '/' + perUnit.unit().label() : "";
        String how = purchaseOption.name();
        // No Upfront keeps the key it had before payment options were kept, so diffs against older versions match
        if (paymentOption != null && paymentOption != PaymentOption.NO_UPFRONT) {
            how += '/' + paymentOption.name();
        }
        return region + '|' + zone + '|' + instanceType + '|' + kind + '|' + what + '|' + how;
    }

    /** The key of an instance offer, for look-ups by region, zone, instance type and purchase option. */
    public static String instanceKey(String region, String zone, String instanceType, PurchaseOption purchaseOption) {
        return key(region, zone, instanceType, OfferKind.INSTANCE, "", purchaseOption);
    }

    private static String key(String region, String zone, String instanceType, OfferKind kind, String what,
                              PurchaseOption purchaseOption) {
        return region + '|' + zone + '|' + instanceType + '|' + kind + '|' + what + '|' + purchaseOption;
    }
}
