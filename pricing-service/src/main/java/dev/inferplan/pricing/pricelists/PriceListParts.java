package dev.inferplan.pricing.pricelists;

import java.io.IOException;
import java.io.InputStream;

/**
 * The parts of one price list, in the order they were given: one file for most formats, the pages
 * of one query for the Azure Retail Prices API. Each part is opened when its reader gets to it, so
 * only one is open at a time.
 */
public interface PriceListParts {

    int count();

    /** Opens part {@code index} (from 0); the caller closes the stream. */
    InputStream open(int index) throws IOException;
}
