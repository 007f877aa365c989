package dev.inferplan.pricing.imports.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser.Event;

import dev.inferplan.contracts.money.Money;
import dev.inferplan.contracts.pricing.PaymentOption;
import dev.inferplan.contracts.pricing.PurchaseOption;
import dev.inferplan.pricing.pricelists.ImportContext;
import dev.inferplan.pricing.pricelists.ImportFormatException;
import dev.inferplan.pricing.pricelists.JsonCursor;
import dev.inferplan.pricing.pricelists.OfferField;
import dev.inferplan.pricing.pricelists.OfferKind;
import dev.inferplan.pricing.pricelists.OfferRow;
import dev.inferplan.pricing.pricelists.OfferSink;
import dev.inferplan.pricing.pricelists.PriceListReader;
import dev.inferplan.pricing.pricelists.RejectedRow;
import dev.inferplan.pricing.pricelists.RowRejected;
import dev.inferplan.pricing.pricelists.SourceText;
import dev.inferplan.pricing.pricelists.StrictUtf8;
import dev.inferplan.pricing.imports.aws.AwsTermPrices.Candidate;
import dev.inferplan.pricing.imports.aws.AwsTermPrices.Dimension;
import dev.inferplan.pricing.imports.aws.AwsTermPrices.Price;
import dev.inferplan.pricing.imports.aws.AwsTermPrices.Term;

import static dev.inferplan.pricing.imports.aws.AwsTermPrices.HOURS_UNIT;
import static dev.inferplan.pricing.imports.aws.AwsTermPrices.LEASE;
import static dev.inferplan.pricing.imports.aws.AwsTermPrices.OFFERING_CLASS;
import static dev.inferplan.pricing.imports.aws.AwsTermPrices.PURCHASE_OPTION;
import static dev.inferplan.pricing.imports.aws.AwsTermPrices.UPFRONT_FEE_REASON;
import static dev.inferplan.pricing.imports.aws.AwsTermPrices.dimensionPath;
import static dev.inferplan.pricing.imports.aws.AwsTermPrices.isUpfrontFee;
import static dev.inferplan.pricing.imports.aws.AwsTermPrices.tiered;
import static dev.inferplan.pricing.imports.aws.AwsTermPrices.tieredReason;

/**
 * Reads an AWS Price List bulk offer file for Amazon EC2 (JSON, format v1.0) as a stream, with
 * Jakarta JSON-P ({@link JsonCursor}): the file is never held in memory, only one small product or
 * term at a time plus a compact description of each SKU that passes the filter.
 *
 * <h2>Layout</h2>
 * {@code {formatVersion, offerCode, version, publicationDate, products{sku → {sku, productFamily,
 * attributes}}, terms{OnDemand|Reserved{sku → {sku.offerTermCode → {offerTermCode, sku,
 * effectiveDate, priceDimensions{rateCode → {rateCode, description, beginRange, endRange, unit,
 * pricePerUnit{currency → amount}, appliesTo}}, termAttributes}}}}}. AWS always writes
 * {@code products} before {@code terms}; a file with {@code terms} first (or without
 * {@code products}) is refused with an {@link ImportFormatException}, because pricing a term needs
 * its product and buffering every term of a multi-gigabyte file is what this reader avoids.
 * Other term types ({@code attributesList} and anything AWS adds) are skipped.
 *
 * <h2>Which SKUs become offers</h2>
 * A product qualifies when <em>all</em> of these hold; the others are skipped silently (they are
 * most of the file: storage, data transfer, Windows, RHEL, dedicated tenancy, ...):
 * <ul>
 *   <li>{@code productFamily} is "Compute Instance" or "Compute Instance (bare metal)";</li>
 *   <li>{@code operatingSystem} is "Linux" (plain Linux: not RHEL, SUSE, Ubuntu Pro, Windows);</li>
 *   <li>{@code tenancy} is "Shared" (not Dedicated, Host, Reserved);</li>
 *   <li>{@code preInstalledSw} is "NA" (no SQL Server and the like);</li>
 *   <li>{@code capacitystatus} is "Used" (not the capacity-reservation SKUs), or absent (files
 *       before 2018 lack it);</li>
 *   <li>{@code licenseModel} is "No License required", {@code marketoption} "OnDemand" (not
 *       Capacity Blocks) and {@code locationType} "AWS Region" (not Local or Wavelength Zones),
 *       each or absent.</li>
 * </ul>
 * Of a qualifying product only what an {@link OfferRow} needs is kept (instance type, region,
 * vCPUs, memory, CPU architecture, accelerator model, count and memory). Two qualifying SKUs for
 * one instance type in one region are a rejected row for the second, since the filter could not
 * tell them apart. A product that qualifies but cannot be described (unknown location, unknown
 * accelerator family, unreadable vCPU count, ...) is one rejected row, and its terms are skipped.
 *
 * <h2>Prices</h2>
 * <ul>
 *   <li>On-demand: the term's single price dimension with unit {@code Hrs}, as USD per hour.</li>
 *   <li>A dimension with unit {@code Quantity} and description "Upfront Fee" is an upfront fee,
 *       never an hourly rate, wherever it sits. Under {@code OnDemand} with reservation
 *       {@code termAttributes} ({@code LeaseContractLength}, {@code OfferingClass},
 *       {@code PurchaseOption}) the term is read as the reservation it describes; without them it
 *       is a rejected row.</li>
 *   <li>Reserved: {@code LeaseContractLength} 1yr/3yr and {@code OfferingClass}
 *       standard/convertible give {@code RESERVED_1Y/3Y} or {@code CONVERTIBLE_1Y/3Y};
 *       {@code PurchaseOption} is No, Partial or All Upfront. The hourly price is amortized:
 *       {@code (hourly × H + upfront) / H}, H = {@link PurchaseOption#termHours()} (8,760 hours a
 *       year, AWS's own year, × the term's years), rounded once, half-even, to {@link Money#MAX_SCALE}
 *       digits. {@code upfrontUsd} is the fee itself, null when there is none.</li>
 *   <li>No, Partial and All Upfront of one class and term are one {@link PurchaseOption} paid three
 *       ways: each is its own offer with its {@link PaymentOption} (its key ends in
 *       {@code /PARTIAL_UPFRONT} or {@code /ALL_UPFRONT}; No Upfront keeps the plain key).</li>
 *   <li>A term's {@code effectiveDate} is the offer's {@code effectiveFrom}; the files state no end.</li>
 *   <li>Currency: USD when {@code pricePerUnit} has it; otherwise the first currency with a rate
 *       in {@link ImportContext#usdPerUnit()} ({@code usd = amount × usdPerUnit}); otherwise a
 *       rejected row naming the currency and the JSON path.</li>
 *   <li>Tiered dimensions (a {@code beginRange} other than 0 or an {@code endRange} other than
 *       Inf, or two hourly dimensions), zero or negative prices, and reservation terms whose
 *       dimensions contradict their purchase option are rejected rows.</li>
 * </ul>
 *
 * <h2>Rejected rows</h2>
 * {@code line} is an item number: for a product, its position among the products (1-based); for
 * a term or one of its price dimensions, the term's position among all terms of the file
 * ({@code OnDemand} and {@code Reserved} counted together, in file order, skipped SKUs included).
 * {@code column} is the JSON path, such as
 * {@code terms.Reserved.<sku>.<offerTermCode>.priceDimensions.<rateCode>} or
 * {@code products.<sku>.attributes.gpu}. Offers carry the number of the term they come from.
 *
 * <h2>File faults</h2>
 * Not JSON, truncated JSON, not UTF-8 (a UTF-8 byte-order mark is accepted), not an object, an
 * {@code offerCode} other than AmazonEC2, a {@code formatVersion} other than v1.x, terms before
 * products, or a missing {@code products} or {@code terms} section: {@link ImportFormatException}.
 * For a syntax error its {@code line} is the parser's line and its {@code column} the parser's
 * column as a decimal string.
 */
public final class AwsOfferFileReader implements PriceListReader {

    public static final String FORMAT = "aws-offer";

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public String column(OfferField field, OfferRow row) {
        return switch (field) {
            case REGION, ZONE -> "attributes.regionCode";
            case INSTANCE_TYPE -> "attributes.instanceType";
            case ACCELERATOR, ACCELERATOR_COUNT -> "attributes.gpu";
            case ACCELERATOR_MEMORY_GIB -> "attributes.gpuMemory";
            case VCPUS -> "attributes.vcpu";
            case MEMORY_GIB -> "attributes.memory";
            case CPU_ARCHITECTURE -> "attributes.processorArchitecture";
            case CURRENCY, UPFRONT, PRICE -> "pricePerUnit";
            case UNIT -> "unit";
            case SERVED_MODEL -> "served_model";
        };
    }

    @Override
    public void read(InputStream source, ImportContext context, OfferSink sink) throws IOException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(sink, "sink");
        new Run(context, sink).read(source);
    }

    // ------------------------------------------------------------------------------------------

    /** The state of one read. */
    private static final class Run {
        private final OfferSink sink;
        private JsonCursor json;

        private final Map<String, AwsProduct> products = new HashMap<>();
        /** SKUs read from products that give no offers (filtered out or rejected). */
        private final Set<String> skipped = new HashSet<>();
        /** region|instanceType → the SKU that describes it, to catch SKUs the filter cannot tell apart. */
        private final Map<String, String> skuByInstance = new HashMap<>();
        /** Reservation terms found under OnDemand, priced when terms end (after terms.Reserved). */
        private final Map<String, List<Candidate>> reservationsUnderOnDemand = new LinkedHashMap<>();
        private final AwsProducts described;
        private final AwsTermPrices prices;

        private long productNumber;
        private long termNumber;
        private boolean productsSeen;
        private boolean termsSeen;

        Run(ImportContext context, OfferSink sink) {
            this.sink = sink;
            this.described = new AwsProducts(context.accelerators());
            this.prices = new AwsTermPrices(context.usdPerUnit());
        }

        void read(InputStream source) throws IOException {
            Reader text = StrictUtf8.reader(source, problem -> new ImportFormatException(1, null, "the file " + problem));
            JsonCursor.read(text, new JsonCursor.Faults() {
                @Override
                public ImportFormatException invalid(JsonLocation at, String message, boolean atEnd) {
                    long line = at == null ? -1 : at.getLineNumber();
                    long column = at == null ? -1 : at.getColumnNumber();
                    return new ImportFormatException(line, String.valueOf(column), (atEnd
                            ? "the JSON ends early (truncated file?) at line " + line + ", column " + column
                            : "not valid JSON at line " + line + ", column " + column) + ": " + message);
                }

                @Override
                public ImportFormatException truncated() {
                    return fileFault(null, "the file ends in the middle of the JSON (truncated?)");
                }

                @Override
                public ImportFormatException notUtf8() {
                    long line = json.line();
                    return new ImportFormatException(line, null, "the file is not UTF-8: undecodable bytes near line "
                            + line);
                }

                @Override
                public ImportFormatException unreadable(String message) {
                    return new ImportFormatException(json.line(), null, "cannot read the JSON: " + message);
                }
            }, cursor -> {
                json = cursor;
                readDocument();
                return null;
            });
        }

        // ------------------------------------------------------------------ document, products

        private void readDocument() {
            if (!json.hasNext()) {
                throw new ImportFormatException(1, null, "the file is empty");
            }
            Event event = json.next();
            if (event != Event.START_OBJECT) {
                throw fileFault(null, "an AWS offer file is a JSON object; this one starts with " + event);
            }
            while ((event = json.next()) != Event.END_OBJECT) {
                String key = json.string();
                Event value = json.next();
                switch (key) {
                    case "offerCode" -> {
                        String offerCode = json.scalar(value);
                        if (!"AmazonEC2".equals(offerCode)) {
                            throw fileFault("offerCode", "this is the offer file of '" + offerCode
                                    + "', not of AmazonEC2: only EC2 offer files hold instance prices");
                        }
                    }
                    case "formatVersion" -> {
                        String version = json.scalar(value);
                        if (version == null || !version.startsWith("v1")) {
                            throw fileFault("formatVersion", "unsupported offer file format version '" + version
                                    + "' (this reader knows v1.0)");
                        }
                    }
                    case "products" -> {
                        if (productsSeen) {
                            throw fileFault("products", "the file has two products sections");
                        }
                        readProducts(value);
                    }
                    case "terms" -> {
                        if (!productsSeen) {
                            throw fileFault("terms", "terms come before products (or there are no products): "
                                    + "this layout is unsupported, because a term can only be priced once its "
                                    + "product is known; AWS writes products first");
                        }
                        if (termsSeen) {
                            throw fileFault("terms", "the file has two terms sections");
                        }
                        readTerms(value);
                    }
                    default -> json.skipValue(value);
                }
            }
            if (json.hasNext()) {
                throw fileFault(null, "content after the end of the offer file's top-level object");
            }
            if (!productsSeen) {
                throw fileFault("products", "the file has no products section: not an AWS offer file");
            }
            if (!termsSeen) {
                throw fileFault("terms", "the file has no terms section: not an AWS offer file, or cut short");
            }
        }

        private void readProducts(Event value) {
            if (value != Event.START_OBJECT) {
                throw fileFault("products", "products must be a JSON object of SKUs, found " + value);
            }
            productsSeen = true;
            while (json.next() != Event.END_OBJECT) {
                String sku = json.string();
                productNumber++;
                Event product = json.next();
                if (product != Event.START_OBJECT) {
                    json.skipValue(product);
                    skipped.add(sku);
                    reject(productNumber, "products." + sku, "a product must be a JSON object, found " + product);
                    continue;
                }
                readProduct(sku);
            }
        }

        private void readProduct(String sku) {
            String innerSku = null;
            String family = null;
            Map<String, String> attributes = new HashMap<>();
            while (json.next() != Event.END_OBJECT) {
                String key = json.string();
                Event value = json.next();
                switch (key) {
                    case "sku" -> innerSku = json.scalar(value);
                    case "productFamily" -> family = json.scalar(value);
                    case "attributes" -> {
                        if (value == Event.START_OBJECT) {
                            readAttributes(attributes);
                        } else {
                            json.skipValue(value);
                        }
                    }
                    default -> json.skipValue(value);
                }
            }
            String path = "products." + sku;
            if (innerSku != null && !innerSku.equals(sku)) {
                skipped.add(sku);
                reject(productNumber, path + ".sku", "the product's sku '" + innerSku + "' differs from its key '"
                        + sku + "'");
                return;
            }
            if (!AwsProducts.qualifies(family, attributes)) {
                skipped.add(sku);
                return;
            }
            try {
                AwsProduct product = described.describe(path + ".attributes", attributes);
                String instanceKey = product.region + '|' + product.instanceType;
                String other = skuByInstance.putIfAbsent(instanceKey, sku);
                if (other != null) {
                    throw new RowRejected(path + ".attributes.instanceType", "SKU " + SourceText.quote(other) + " already describes "
                            + SourceText.quote(product.instanceType) + " in " + SourceText.quote(product.region) + " with the same filter attributes "
                            + "(Linux, Shared, no pre-installed software, capacity Used): the two cannot be told apart");
                }
                products.put(sku, product);
            } catch (RowRejected problem) {
                skipped.add(sku);
                reject(productNumber, problem.column(), problem.getMessage());
            }
        }

        private void readAttributes(Map<String, String> attributes) {
            while (json.next() != Event.END_OBJECT) {
                String key = json.string();
                Event value = json.next();
                if (AwsProducts.wanted(key)) {
                    attributes.put(key, json.scalar(value));
                } else {
                    json.skipValue(value);
                }
            }
        }

        // ------------------------------------------------------------------ terms

        private void readTerms(Event value) {
            if (value != Event.START_OBJECT) {
                throw fileFault("terms", "terms must be a JSON object, found " + value);
            }
            termsSeen = true;
            while (json.next() != Event.END_OBJECT) {
                String type = json.string();
                Event terms = json.next();
                if ("OnDemand".equals(type) || "Reserved".equals(type)) {
                    if (terms != Event.START_OBJECT) {
                        throw fileFault("terms." + type, "terms." + type + " must be a JSON object, found " + terms);
                    }
                    readTermType(type);
                } else {
                    json.skipValue(terms);
                }
            }
            for (Map.Entry<String, List<Candidate>> entry : reservationsUnderOnDemand.entrySet()) {
                emitReservations(products.get(entry.getKey()), entry.getValue(), true);
            }
            reservationsUnderOnDemand.clear();
        }

        private void readTermType(String type) {
            boolean reservedSection = "Reserved".equals(type);
            while (json.next() != Event.END_OBJECT) {
                String sku = json.string();
                String skuPath = "terms." + type + "." + sku;
                Event terms = json.next();
                if (terms != Event.START_OBJECT) {
                    json.skipValue(terms);
                    reject(termNumber + 1, skuPath, "the terms of a SKU must be a JSON object, found " + terms);
                    continue;
                }
                AwsProduct product = products.get(sku);
                if (product == null) {
                    long first = termNumber + 1;
                    skipTermsOfSku();
                    if (!skipped.contains(sku)) {
                        reject(first, skuPath, "terms for SKU " + SourceText.quote(sku) + ", which the products section does not list");
                    }
                    continue;
                }
                List<Candidate> reservations = new ArrayList<>(8);
                while (json.next() != Event.END_OBJECT) {
                    String termKey = json.string();
                    termNumber++;
                    Event term = json.next();
                    if (term != Event.START_OBJECT) {
                        json.skipValue(term);
                        reject(termNumber, skuPath + "." + termKey, "a term must be a JSON object, found " + term);
                        continue;
                    }
                    handleTerm(type, sku, product, readTerm(sku, termKey), reservations);
                }
                if (reservedSection) {
                    emitReservations(product, reservations, false);
                }
            }
        }

        private void skipTermsOfSku() {
            while (json.next() != Event.END_OBJECT) {
                termNumber++;
                json.skipValue(json.next());
            }
        }

        private Term readTerm(String sku, String termKey) {
            long line = termNumber;
            String offerTermCode = null;
            String innerSku = null;
            Map<String, String> attributes = Map.of();
            List<Dimension> dimensions = List.of();
            Instant effectiveDate = null;
            while (json.next() != Event.END_OBJECT) {
                String key = json.string();
                Event value = json.next();
                switch (key) {
                    case "offerTermCode" -> offerTermCode = json.scalar(value);
                    case "sku" -> innerSku = json.scalar(value);
                    case "termAttributes" -> attributes = readStringMap(value);
                    case "effectiveDate" -> effectiveDate = instant(json.scalar(value));
                    case "priceDimensions" -> dimensions = readDimensions(value);
                    default -> json.skipValue(value);
                }
            }
            if (offerTermCode == null || offerTermCode.isBlank()) {
                offerTermCode = termKey.startsWith(sku + ".") ? termKey.substring(sku.length() + 1) : termKey;
            }
            return new Term(line, offerTermCode, innerSku, attributes, dimensions, effectiveDate);
        }

        /** An effectiveDate as AWS writes it ("2025-06-01T00:00:00Z"); null when absent or unreadable (a date is optional). */
        private static Instant instant(String text) {
            if (text == null || text.isBlank()) {
                return null;
            }
            try {
                return java.time.OffsetDateTime.parse(text.strip()).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                return null;
            }
        }

        private List<Dimension> readDimensions(Event value) {
            if (value != Event.START_OBJECT) {
                json.skipValue(value);
                return List.of();
            }
            List<Dimension> dimensions = new ArrayList<>(2);
            while (json.next() != Event.END_OBJECT) {
                String rateCode = json.string();
                Event dimension = json.next();
                if (dimension != Event.START_OBJECT) {
                    json.skipValue(dimension);
                    dimensions.add(new Dimension(rateCode, null, null, null, null, Map.of(),
                            "a price dimension must be a JSON object, found " + dimension));
                    continue;
                }
                String unit = null;
                String description = null;
                String begin = null;
                String end = null;
                Map<String, String> prices = Map.of();
                while (json.next() != Event.END_OBJECT) {
                    String key = json.string();
                    Event field = json.next();
                    switch (key) {
                        case "unit" -> unit = json.scalar(field);
                        case "description" -> description = json.scalar(field);
                        // the documentation says startingRange/endingRange, the files say beginRange/endRange
                        case "beginRange", "startingRange" -> begin = json.scalar(field);
                        case "endRange", "endingRange" -> end = json.scalar(field);
                        case "pricePerUnit" -> prices = readStringMap(field);
                        default -> json.skipValue(field);
                    }
                }
                dimensions.add(new Dimension(rateCode, unit, description, begin, end, prices, null));
            }
            return dimensions;
        }

        private Map<String, String> readStringMap(Event value) {
            if (value != Event.START_OBJECT) {
                json.skipValue(value);
                return Map.of();
            }
            Map<String, String> map = new LinkedHashMap<>(4);
            while (json.next() != Event.END_OBJECT) {
                String key = json.string();
                String text = json.scalar(json.next());
                if (text != null) {
                    map.put(key, text);
                }
            }
            return map;
        }

        private void handleTerm(String type, String sku, AwsProduct product, Term term, List<Candidate> reservations) {
            String path = "terms." + type + "." + sku + "." + term.offerTermCode();
            if (term.sku() != null && !term.sku().equals(sku)) {
                reject(term.line(), path + ".sku", "the term's sku '" + term.sku() + "' differs from the SKU it is "
                        + "listed under");
                return;
            }
            boolean malformed = false;
            for (Dimension dimension : term.dimensions()) {
                if (dimension.shapeProblem() != null) {
                    reject(term.line(), dimensionPath(path, dimension), dimension.shapeProblem());
                    malformed = true;
                }
            }
            if (malformed) {
                return;
            }
            Map<String, String> attributes = term.attributes();
            boolean reservation = attributes.containsKey(LEASE) || attributes.containsKey(OFFERING_CLASS)
                    || attributes.containsKey(PURCHASE_OPTION);
            if ("Reserved".equals(type) || reservation) {
                try {
                    Candidate candidate = prices.reservation(term, path);
                    if ("Reserved".equals(type)) {
                        reservations.add(candidate);
                    } else {
                        reservationsUnderOnDemand.computeIfAbsent(sku, s -> new ArrayList<>(2)).add(candidate);
                    }
                } catch (RowRejected problem) {
                    reject(term.line(), problem.column(), problem.getMessage());
                }
            } else {
                onDemand(product, term, path);
            }
        }

        private void onDemand(AwsProduct product, Term term, String path) {
            Dimension hourly = null;
            List<RejectedRow> problems = new ArrayList<>(1);
            for (Dimension dimension : term.dimensions()) {
                String dimensionPath = dimensionPath(path, dimension);
                if (HOURS_UNIT.equals(dimension.unit())) {
                    if (hourly != null) {
                        problems.add(new RejectedRow(term.line(), dimensionPath, "a second hourly (Hrs) dimension "
                                + "in one on-demand term: tiered prices are not supported"));
                    } else if (tiered(dimension)) {
                        problems.add(new RejectedRow(term.line(), dimensionPath, tieredReason(dimension)));
                    }
                    hourly = dimension;
                } else if (isUpfrontFee(dimension)) {
                    problems.add(new RejectedRow(term.line(), dimensionPath, UPFRONT_FEE_REASON));
                } else {
                    problems.add(new RejectedRow(term.line(), dimensionPath, "unit '" + dimension.unit()
                            + "' (" + dimension.description() + ") is not an hourly rate"));
                }
            }
            if (!problems.isEmpty()) {
                problems.forEach(sink::rejected);
                return;
            }
            if (hourly == null) {
                reject(term.line(), path + ".priceDimensions", "the on-demand term has no hourly (Hrs) price");
                return;
            }
            try {
                Price price = prices.price(hourly, dimensionPath(path, hourly));
                if (price.usd().signum() == 0) {
                    throw new RowRejected(dimensionPath(path, hourly) + ".pricePerUnit",
                            "an on-demand price of 0 is not an offer");
                }
                if (product.emitted(PurchaseOption.ON_DEMAND, 0)) {
                    throw new RowRejected(path, "a second on-demand term for this SKU");
                }
                emit(product, PurchaseOption.ON_DEMAND, null, term.line(), new Money(price.usd()), null, price.source(),
                        price.currency(), HOURS_UNIT, term.effectiveDate());
            } catch (RowRejected problem) {
                reject(term.line(), problem.column(), problem.getMessage());
            }
        }

        /** Keeps one term per class, term and payment option (No, Partial, All Upfront), and sends the offers. */
        private void emitReservations(AwsProduct product, List<Candidate> candidates, boolean underOnDemand) {
            Map<String, Candidate> best = new LinkedHashMap<>();
            for (Candidate candidate : candidates) {
                String choice = candidate.option() + "/" + candidate.payment();
                Candidate kept = best.get(choice);
                if (kept == null) {
                    best.put(choice, candidate);
                } else if (!candidate.samePrices(kept)) {
                    reject(candidate.line(), candidate.path(), "a second " + candidate.purchaseName() + " "
                            + candidate.option() + " term with other prices; the term at item " + kept.line()
                            + " is kept");
                }
            }
            for (Candidate candidate : best.values()) {
                if (product.emitted(candidate.option(), candidate.purchaseRank())) {
                    reject(candidate.line(), candidate.path(), underOnDemand
                            ? "a reservation listed under OnDemand for " + candidate.option()
                            + ", which terms.Reserved already prices for this SKU"
                            : "a second set of " + candidate.option() + " terms for this SKU");
                    continue;
                }
                emit(product, candidate.option(), candidate.payment(), candidate.line(), candidate.hourly(),
                        candidate.upfront(), candidate.sourcePrice(), candidate.sourceCurrency(), candidate.sourceUnit(),
                        candidate.effectiveFrom());
            }
        }

        private void emit(AwsProduct product, PurchaseOption option, PaymentOption payment, long line, Money hourly,
                          Money upfront, BigDecimal sourcePrice, String sourceCurrency, String sourceUnit,
                          Instant effectiveFrom) {
            product.markEmitted(option, payment == null ? 0 : payment.ordinal());
            sink.offer(new OfferRow(line, product.region, "", product.instanceType, OfferKind.INSTANCE,
                    product.accelerator, product.acceleratorCount, product.acceleratorMemoryGib, product.vcpus,
                    product.memoryGib, product.cpuArchitecture, option, hourly, upfront, sourcePrice,
                    sourceCurrency, sourceUnit).withTerms(payment, effectiveFrom, null));
        }

        // ------------------------------------------------------------------ faults

        private ImportFormatException fileFault(String path, String message) {
            long line = json == null ? -1 : json.line();
            return new ImportFormatException(line, path, message + " (line " + line + ")");
        }

        private void reject(long line, String path, String reason) {
            sink.rejected(new RejectedRow(line, path, reason));
        }
    }

}
