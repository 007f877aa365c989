package dev.inferplan.pricing.imports.azure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.inferplan.pricing.pricelists.ImportFormatException;

/**
 * Pages of one Azure Retail Prices import saved as files in one directory, named by their place
 * in the sequence: {@code page-1.json}, {@code page-2.json}, ...
 *
 * <p><b>Link to file.</b> The API pages with an OData {@code $skip} parameter: the first query has
 * none, and each {@code NextPageLink} skips the items already returned ({@code ...?$skip=100},
 * {@code ...&$skip=200}; the {@code $} may come percent-encoded as {@code %24}). So a link without
 * {@code $skip} (or with {@code $skip=0}) is {@code page-1.json}, and {@code $skip=N} is
 * {@code page-(N / pageSize + 1).json}, where {@code pageSize} is the number of items the API put
 * on each page (100 for the unversioned API the saved sample in the test resources comes from;
 * give the size your query got). The rest of the link (host, {@code $filter}, {@code currencyCode})
 * is ignored: a directory holds the pages of one query. A {@code $skip} that is not a multiple of
 * the page size fails the import, and a page the directory lacks is {@link Optional#empty()}
 * (which fails it too).
 */
public final class DirectoryPageSource implements PageSource {

    /** Items per page of the unversioned Retail Prices API (the saved 2021 page holds 100). */
    public static final int DEFAULT_PAGE_SIZE = 100;

    private static final Pattern SKIP = Pattern.compile("[?&](?:\\$|%24)skip=(\\d+)", Pattern.CASE_INSENSITIVE);

    private final Path directory;
    private final int pageSize;

    public DirectoryPageSource(Path directory) {
        this(directory, DEFAULT_PAGE_SIZE);
    }

    public DirectoryPageSource(Path directory, int pageSize) {
        this.directory = Objects.requireNonNull(directory, "directory");
        if (pageSize < 1) {
            throw new IllegalArgumentException("page size must be positive: " + pageSize);
        }
        this.pageSize = pageSize;
    }

    @Override
    public Optional<InputStream> open(String link) throws IOException {
        Path file = directory.resolve(fileName(link, pageSize));
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(Files.newInputStream(file));
    }

    /** The file name a link maps to ({@code page-K.json}); see the class comment. */
    public static String fileName(String link, int pageSize) {
        Objects.requireNonNull(link, "link");
        Matcher skip = SKIP.matcher(link);
        if (!skip.find()) {
            return "page-1.json";
        }
        long skipped;
        try {
            skipped = Long.parseLong(skip.group(1));
        } catch (NumberFormatException e) {
            throw new ImportFormatException(0, null, "the link '" + link + "' skips an impossible number of items");
        }
        if (skipped % pageSize != 0) {
            throw new ImportFormatException(0, null, "the link '" + link + "' skips " + skipped
                    + " items, which is not a whole number of pages of " + pageSize + " items");
        }
        return "page-" + (skipped / pageSize + 1) + ".json";
    }
}
