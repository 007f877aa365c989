package dev.inferplan.pricing.imports.azure;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Where the pages of one Azure Retail Prices import come from, by link: the link of the first
 * page (the query URL the import was made with) and then each page's {@code NextPageLink}.
 *
 * <p>The reader never goes to the network itself: an import service backs this with whatever it
 * has (a directory of saved pages, see {@link DirectoryPageSource}; an HTTP client where one is
 * allowed). The reader closes every stream it gets from here.
 */
@FunctionalInterface
public interface PageSource {

    /**
     * The page the link names, or empty if this source does not have it. An empty answer fails the
     * import ({@link dev.inferplan.pricing.pricelists.ImportFormatException}): a price book is never
     * built from part of a price list.
     */
    Optional<InputStream> open(String link) throws IOException;
}
