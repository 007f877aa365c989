package dev.inferplan.pricing.imports.azure;

import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser.Event;

import dev.inferplan.contracts.pricing.PurchaseOption;
import dev.inferplan.pricing.pricelists.ImportContext;
import dev.inferplan.pricing.pricelists.ImportFormatException;
import dev.inferplan.pricing.pricelists.JsonCursor;
import dev.inferplan.pricing.pricelists.OfferField;
import dev.inferplan.pricing.pricelists.OfferRow;
import dev.inferplan.pricing.pricelists.OfferSink;
import dev.inferplan.pricing.pricelists.PriceListParts;
import dev.inferplan.pricing.pricelists.PriceListReader;
import dev.inferplan.pricing.pricelists.RejectedRow;
import dev.inferplan.pricing.pricelists.RowRejected;
import dev.inferplan.pricing.pricelists.SourceText;
import dev.inferplan.pricing.pricelists.StrictUtf8;

/**
 * Reads Azure Retail Prices API responses ({@code https://prices.azure.com/api/retail/prices}):
 * pages of the form {@code {"BillingCurrency", "CustomerEntityId", "CustomerEntityType",
 * "Items": [...], "NextPageLink": url-or-null, "Count": n}}. Streams with JSON-P: one item at a
 * time is in memory, never a page.
 *
 * <p><b>One page or many.</b> {@link #read} (the {@link PriceListReader} contract) and
 * {@link #readPage} read one page and report its {@code NextPageLink} without following it;
 * {@link #readPages} reads a whole sequence from a {@link PageSource}, following
 * {@code NextPageLink} until it is null. A link seen before (a loop) and more than
 * {@code maxPages} pages fail the import, as does a page the source does not have.
 *
 * <p><b>Which items become offers.</b> Only {@code serviceName} "Virtual Machines". Items the
 * price book deliberately does not hold are skipped and counted by {@link AzureSkipReason}
 * (Dev/Test rates, non-primary meter regions, Windows, Low Priority, Dedicated Hosts, expired
 * promotions); they are not rejected rows. What remains must be priceable, or it is a
 * {@link RejectedRow} saying why:
 * <ul>
 *   <li>{@code type} "Consumption" is {@link PurchaseOption#ON_DEMAND}, or {@link PurchaseOption#SPOT}
 *       when {@code meterName} or {@code skuName} says "Spot"; "Reservation" with
 *       {@code reservationTerm} "1 Year" / "3 Years" is {@link PurchaseOption#RESERVED_1Y} /
 *       {@link PurchaseOption#RESERVED_3Y}. Any other type or term (e.g. "5 Years") is rejected.</li>
 *   <li>Price: {@code retailPrice} (the docs: "prices without discount"), a positive number.</li>
 *   <li>Unit: a Consumption price is per {@code unitOfMeasure} "1 Hour", or "N Hours" (divided
 *       by N); any other unit is rejected, naming it.</li>
 *   <li><b>Reservations:</b> the API states a reservation's {@code unitOfMeasure} as "1 Hour" but
 *       its {@code retailPrice} is the price of the <em>whole term</em> (the docs' own sample:
 *       E64 v4, southcentralus, 1 Year, 25007.0, next to 4.838 an hour on demand). So
 *       {@code upfrontUsd} = retailPrice and {@code hourlyUsd} = retailPrice / {@link PurchaseOption#termHours()} (8,760 × years).
 *       A reservation in any other unit is rejected.</li>
 *   <li>Currency: {@code currencyCode} USD as is; another currency is converted with
 *       {@link ImportContext#usdPerUnit()}, and rejected, naming the currency, without a rate.</li>
 *   <li>{@code region} = {@code armRegionName}, {@code instanceType} = {@code armSkuName},
 *       {@code zone} "" (the API prices regions). vCPUs, memory and CPU architecture are not in
 *       the API and stay null.</li>
 *   <li>Accelerators come from {@link AzureGpuSkus} by {@code armSkuName}; an N-series size it does
 *       not know is rejected as an unknown GPU SKU family, and an accelerator name the vocabulary
 *       does not know is rejected naming it.</li>
 *   <li>{@code tierMinimumUnits} other than 0 (a tiered price) is rejected.</li>
 * </ul>
 *
 * <p><b>Where.</b> {@code line} is the item's ordinal in the import, 1-based across pages; the
 * column is the item's JSON path ({@code Items[17].retailPrice}, 0-based within its page), prefixed
 * with the page in a multi-page read ({@code page 2: Items[17].retailPrice}). A page that cannot be
 * read (empty, not UTF-8, not JSON, truncated, no {@code Items} array, {@code Count} not matching
 * the items) throws {@link ImportFormatException} with the parser's line.
 */
public final class AzureRetailPricesReader implements PriceListReader {

    public static final String FORMAT = "azure-retail";
    /** Enough for the whole unfiltered price list at 100 items a page, several times over. */
    public static final int DEFAULT_MAX_PAGES = 100_000;

    private final int maxPages;

    public AzureRetailPricesReader() {
        this(DEFAULT_MAX_PAGES);
    }

    public AzureRetailPricesReader(int maxPages) {
        if (maxPages < 1) {
            throw new IllegalArgumentException("maxPages must be positive: " + maxPages);
        }
        this.maxPages = maxPages;
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public String column(OfferField field, OfferRow row) {
        return switch (field) {
            case REGION, ZONE -> "armRegionName";
            case INSTANCE_TYPE, ACCELERATOR, ACCELERATOR_COUNT, ACCELERATOR_MEMORY_GIB, VCPUS, MEMORY_GIB,
                 CPU_ARCHITECTURE, SERVED_MODEL -> "armSkuName";
            case CURRENCY -> "currencyCode";
            case UNIT -> "unitOfMeasure";
            case UPFRONT, PRICE -> "retailPrice";
        };
    }

    /** Reads one page (see {@link #readPage}); the caller keeps and closes the stream. */
    @Override
    public void read(InputStream source, ImportContext context, OfferSink sink) throws IOException {
        readPage(source, context, sink);
    }

    /**
     * Reads the pages of one query given as parts in page order: part 1 is the first page, and each
     * page's {@code NextPageLink} leads to the next part. A page that links on when no part is left,
     * and a part that no page links to, fail the import: the parts are not the whole price list.
     */
    @Override
    public void read(PriceListParts parts, ImportContext context, OfferSink sink) throws IOException {
        int[] next = {0};
        AzureImportSummary summary = readPages(link -> next[0] < parts.count()
                ? Optional.of(parts.open(next[0]++)) : Optional.empty(), "part 1 of the upload", context, sink);
        if (summary.pages() < parts.count()) {
            throw new ImportFormatException(0, "page " + summary.pages() + ": NextPageLink", "page "
                    + summary.pages() + " has no NextPageLink, so the " + (parts.count() - summary.pages())
                    + " part(s) after it are not pages of this price list");
        }
    }

    /**
     * Reads one page. Its {@code NextPageLink} is not followed but reported in the summary. The
     * caller keeps and closes the stream.
     */
    public AzureImportSummary readPage(InputStream source, ImportContext context, OfferSink sink) throws IOException {
        Objects.requireNonNull(source, "source");
        Run run = new Run(context, sink, false);
        String next = run.page(source, 1);
        return run.summary(next);
    }

    /**
     * Reads the pages of one import: the page {@code firstPageLink} names, then each page's
     * {@code NextPageLink} until one is null (or blank).
     *
     * @throws ImportFormatException for a page that cannot be read, a page the source does not
     *                               have, a link that comes round again, or more than
     *                               {@code maxPages} pages
     */
    public AzureImportSummary readPages(PageSource pages, String firstPageLink, ImportContext context, OfferSink sink)
            throws IOException {
        Objects.requireNonNull(pages, "pages");
        Objects.requireNonNull(firstPageLink, "firstPageLink");
        Run run = new Run(context, sink, true);
        Set<String> seen = new HashSet<>();
        String link = firstPageLink;
        int page = 0;
        while (link != null) {
            String from = page == 0 ? null : "page " + page + ": NextPageLink";
            if (!seen.add(link)) {
                throw new ImportFormatException(0, from, "page " + page + " links to '" + link
                        + "', which was read already: the NextPageLinks go round in a loop");
            }
            if (page == maxPages) {
                throw new ImportFormatException(0, from, "more than " + maxPages
                        + " pages: page " + page + " still links to '" + link + "'");
            }
            page++;
            Optional<InputStream> stream = pages.open(link);
            if (stream.isEmpty()) {
                throw new ImportFormatException(0, from, "page " + page + " ('" + link + "') is not available"
                        + (page == 1 ? "" : ", although page " + (page - 1) + " links to it")
                        + ": the price list is incomplete");
            }
            try (InputStream in = stream.get()) {
                link = run.page(in, page);
            }
        }
        return run.summary(null);
    }

    /** The state of one read: counters and where the read is. */
    private static final class Run {

        private final OfferSink sink;
        private final boolean multiPage;
        private final EnumMap<AzureSkipReason, Long> skipped = new EnumMap<>(AzureSkipReason.class);
        private int pages;
        private long items;
        private long offers;
        private long rejected;
        private final AzureItemPrices itemPrices;
        /** The page being read, for the location of a fault the parser cannot place. */
        private JsonCursor json;

        Run(ImportContext context, OfferSink sink, boolean multiPage) {
            this.sink = Objects.requireNonNull(sink, "sink");
            this.multiPage = multiPage;
            this.itemPrices = new AzureItemPrices(context);
        }

        AzureImportSummary summary(String nextPageLink) {
            return new AzureImportSummary(pages, items, offers, rejected, skipped, nextPageLink);
        }

        /** Reads one page and returns its NextPageLink (null when there is none). */
        String page(InputStream source, int page) throws IOException {
            pages = page;
            CountingReader text = new CountingReader(StrictUtf8.reader(source,
                    problem -> formatError(null, page, null, "it " + problem)));
            json = null;
            return JsonCursor.read(text, new JsonCursor.Faults() {
                @Override
                public ImportFormatException invalid(JsonLocation at, String message, boolean atEnd) {
                    // at the end of the input Parsson's location is unreliable: the end is located by what was read
                    if (atEnd && text.atEnd()) {
                        return Run.this.truncated(text, page);
                    }
                    return formatError(at, page, null, "not valid JSON: " + message);
                }

                @Override
                public ImportFormatException truncated() {
                    return Run.this.truncated(text, page);
                }

                @Override
                public ImportFormatException notUtf8() {
                    return new ImportFormatException(text.line(), multiPage ? "page " + page : null,
                            (multiPage ? "page " + page + ": " : "") + "the Azure Retail Prices page cannot be"
                                    + " read: not UTF-8: bytes that are not UTF-8 follow line " + text.line()
                                    + ", column " + text.column() + " (character " + text.chars() + ")");
                }

                @Override
                public ImportFormatException unreadable(String message) {
                    return formatError(json == null ? null : json.location(), page, null,
                            "cannot be read as JSON: " + message);
                }
            }, cursor -> {
                json = cursor;
                return parse(cursor, page);
            });
        }

        private ImportFormatException truncated(CountingReader text, int page) {
            return new ImportFormatException(text.line(), multiPage ? "page " + page : null,
                    (multiPage ? "page " + page + ": " : "") + "the Azure Retail Prices page cannot be read: it ends"
                            + " at line " + text.line() + ", column " + text.column() + " (character " + text.chars()
                            + ") in the middle of the response (truncated)");
        }

        private String parse(JsonCursor cursor, int page) {
            if (cursor.next() != Event.START_OBJECT) {
                throw formatError(cursor.location(), page, null,
                        "not an Azure Retail Prices response: the top level is not a JSON object");
            }
            boolean itemsSeen = false;
            long itemsOnPage = 0;
            String nextPageLink = null;
            BigDecimal count = null;
            Event event;
            while ((event = cursor.next()) != Event.END_OBJECT) {
                if (event != Event.KEY_NAME) {
                    throw formatError(cursor.location(), page, null, "unexpected " + event + " in the top-level object");
                }
                String key = cursor.string();
                Event value = cursor.next();
                switch (key) {
                    case "Items" -> {
                        if (itemsSeen) {
                            throw formatError(cursor.location(), page, "Items", "Items appears twice");
                        }
                        itemsSeen = true;
                        if (value != Event.START_ARRAY) {
                            throw formatError(cursor.location(), page, "Items", "Items is not an array but " + value);
                        }
                        itemsOnPage = items(cursor, page);
                    }
                    case "NextPageLink" -> {
                        if (value == Event.VALUE_STRING) {
                            nextPageLink = cursor.string();
                        } else if (value == Event.VALUE_NULL) {
                            nextPageLink = null;
                        } else {
                            throw formatError(cursor.location(), page, "NextPageLink",
                                    "NextPageLink is neither a link nor null but " + value);
                        }
                    }
                    case "Count" -> {
                        if (value == Event.VALUE_NUMBER) {
                            count = cursor.bigDecimal();
                        } else {
                            cursor.skipStructure(value);
                        }
                    }
                    default -> cursor.skipStructure(value);
                }
            }
            JsonLocation end = cursor.location();
            if (cursor.hasNext()) {
                throw formatError(cursor.location(), page, null, "more content after the response object");
            }
            if (!itemsSeen) {
                throw formatError(end, page, "Items", "no Items array: not an Azure Retail Prices response");
            }
            if (count != null && count.compareTo(BigDecimal.valueOf(itemsOnPage)) != 0) {
                throw formatError(end, page, "Count", "Count says " + SourceText.quote(count)
                        + " items but Items holds " + itemsOnPage + ": the page is incomplete");
            }
            return nextPageLink == null || nextPageLink.isBlank() ? null : nextPageLink;
        }

        private long items(JsonCursor cursor, int page) {
            int index = 0;
            Event event;
            while ((event = cursor.next()) != Event.END_ARRAY) {
                if (event != Event.START_OBJECT) {
                    throw formatError(cursor.location(), page, "Items[" + index + "]",
                            "Items[" + index + "] is not an object but " + event);
                }
                Map<String, Object> item = item(cursor, page);
                long line = ++items;
                try {
                    AzureSkipReason skip = AzureItemPrices.skipReason(item);
                    if (skip != null) {
                        skipped.merge(skip, 1L, Long::sum);
                    } else {
                        sink.offer(itemPrices.offer(item, line));
                        offers++;
                    }
                } catch (RowRejected rejection) {
                    rejected++;
                    sink.rejected(rejection.at(line, path(page, index)));
                }
                index++;
            }
            return index;
        }

        private Map<String, Object> item(JsonCursor cursor, int page) {
            Map<String, Object> fields = new HashMap<>();
            while (cursor.next() != Event.END_OBJECT) {
                String key = cursor.string();
                Event event = cursor.next();
                Object value = switch (event) {
                    case VALUE_STRING -> cursor.string();
                    case VALUE_NUMBER -> cursor.bigDecimal();
                    case VALUE_TRUE -> Boolean.TRUE;
                    case VALUE_FALSE -> Boolean.FALSE;
                    case VALUE_NULL -> AzureItemPrices.JSON_NULL;
                    case START_OBJECT, START_ARRAY -> {
                        cursor.skipStructure(event);
                        yield AzureItemPrices.NESTED;
                    }
                    default -> throw formatError(cursor.location(), page, null, "unexpected " + event + " in an item");
                };
                fields.put(key, value);
            }
            return fields;
        }

        private String path(int page, int index) {
            return (multiPage ? "page " + page + ": " : "") + "Items[" + index + "].";
        }

        private ImportFormatException formatError(JsonLocation at, int page, String jsonPath, String problem) {
            String where = multiPage ? "page " + page + ": " : "";
            long line = at == null ? 0 : at.getLineNumber();
            String position = at == null ? "" : " (line " + at.getLineNumber() + ", column " + at.getColumnNumber()
                    + ", offset " + at.getStreamOffset() + ")";
            String column = jsonPath != null ? where + jsonPath : multiPage ? "page " + page : null;
            return new ImportFormatException(Math.max(line, 0), column,
                    where + "the Azure Retail Prices page cannot be read" + position + ": " + problem);
        }

    }

    /** Counts what the parser has been given, to say where the input ended or went wrong. */
    private static final class CountingReader extends FilterReader {

        private long chars;
        private long line = 1;
        private long column;
        private boolean end;

        CountingReader(Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c < 0) {
                end = true;
            } else {
                count((char) c);
            }
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n < 0) {
                end = true;
            }
            for (int i = 0; i < n; i++) {
                count(buffer[offset + i]);
            }
            return n;
        }

        private void count(char c) {
            chars++;
            if (c == '\n') {
                line++;
                column = 0;
            } else {
                column++;
            }
        }

        boolean atEnd() {
            return end;
        }

        /** The line the next character would be on (1-based). */
        long line() {
            return line;
        }

        /** The characters read so far on that line (the column of the last one, 0 if none). */
        long column() {
            return column;
        }

        long chars() {
            return chars;
        }
    }
}
