package dev.inferplan.pricing.imports.azure;

/**
 * Why the Azure reader passed over an item without pricing it. Skipped items are not rejected
 * rows: they are prices the price book deliberately does not hold. Each item counts once, under
 * the first reason that applies, in the order of this enum.
 */
public enum AzureSkipReason {
    /** {@code serviceName} is not "Virtual Machines" (storage, licences, Cloud Services, ...). */
    OTHER_SERVICE,
    /** {@code type} "DevTestConsumption": Dev/Test subscription rates, not what anyone else pays. */
    DEV_TEST,
    /**
     * {@code isPrimaryMeterRegion} false: the docs say primary meters are the ones used for
     * charges and billing, so a non-primary meter is not the price of that region.
     */
    NON_PRIMARY_METER,
    /** "Windows" in {@code productName} or {@code skuName}: licence-included rates; the price book is Linux-only. */
    WINDOWS,
    /**
     * "Low Priority" in {@code meterName} or {@code skuName}: the low-priority VMs that Azure
     * deprecated in favour of Spot (they live on only in Batch); not a purchase option here.
     */
    LOW_PRIORITY,
    /** "Dedicated Host" in {@code productName}: a whole physical host, not a VM size. */
    DEDICATED_HOST,
    /** "Expired" in {@code meterName} or {@code skuName}: an ended promotion (e.g. "DS14 v2 - Expired"). */
    EXPIRED
}
