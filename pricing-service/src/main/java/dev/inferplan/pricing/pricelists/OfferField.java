package dev.inferplan.pricing.pricelists;

/**
 * The fields of an {@link OfferRow} that come from the source, so that a check after the reader
 * (the book's column limits) can name the source's own column: {@link PriceListReader#column}.
 * The default names are the suite CSV's columns.
 */
public enum OfferField {
    REGION("region"),
    ZONE("zone"),
    INSTANCE_TYPE("instance_type"),
    ACCELERATOR("accelerator"),
    ACCELERATOR_COUNT("accelerator_count"),
    ACCELERATOR_MEMORY_GIB("accelerator_memory_gib"),
    VCPUS("vcpus"),
    MEMORY_GIB("memory_gib"),
    CPU_ARCHITECTURE("cpu_architecture"),
    CURRENCY("currency"),
    UNIT("unit"),
    UPFRONT("upfront"),
    PRICE("price"),
    SERVED_MODEL("served_model");

    private final String suiteColumn;

    OfferField(String suiteColumn) {
        this.suiteColumn = suiteColumn;
    }

    /** The suite CSV's column for this field. */
    public String suiteColumn() {
        return suiteColumn;
    }
}
