package dev.inferplan.pricing.pricelists;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads one price-list format as a stream (memory bounded: a 1 GiB file must not need 1 GiB of
 * heap), sending every offer and every rejected row to the sink. File-level faults throw
 * {@link ImportFormatException}; row-level faults become {@link RejectedRow}s, and the import
 * decides (strict or lenient) what they mean. Readers do not touch the database.
 */
public interface PriceListReader {

    /** The {@code format} query value that selects this reader ({@code skypilot}, {@code aws-offer}, ...). */
    String format();

    void read(InputStream source, ImportContext context, OfferSink sink) throws IOException;

    /**
     * The source's name for where a field of an offer came from, to name it in a rejection found after
     * the reader (a value longer or larger than the book's column holds). Default: the suite CSV's names.
     */
    default String column(OfferField field, OfferRow row) {
        return field.suiteColumn();
    }

    /**
     * Reads a price list given in parts. A format whose price list is one file refuses more than one
     * part (which file would be the price list?); a paged format overrides this.
     */
    default void read(PriceListParts parts, ImportContext context, OfferSink sink) throws IOException {
        if (parts.count() != 1) {
            throw new ImportFormatException(0, null, "a " + format() + " price list is one file, but "
                    + parts.count() + " parts were given");
        }
        try (InputStream in = parts.open(0)) {
            read(in, context, sink);
        }
    }
}
