package dev.inferplan.pricing.imports.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser.Event;

import dev.inferplan.contracts.accelerators.Accelerator;
import dev.inferplan.contracts.money.Money;
import dev.inferplan.contracts.pricing.PaymentOption;
import dev.inferplan.contracts.pricing.PurchaseOption;
import dev.inferplan.pricing.imports.ImportContext;
import dev.inferplan.pricing.imports.ImportFormatException;
import dev.inferplan.pricing.imports.JsonCursor;
import dev.inferplan.pricing.imports.OfferField;
import dev.inferplan.pricing.imports.OfferKind;
import dev.inferplan.pricing.imports.OfferRow;
import dev.inferplan.pricing.imports.OfferSink;
import dev.inferplan.pricing.imports.PriceListReader;
import dev.inferplan.pricing.imports.RejectedRow;
import dev.inferplan.pricing.imports.RowRejected;
import dev.inferplan.pricing.imports.SourceNumbers;
import dev.inferplan.pricing.imports.SourceText;
import dev.inferplan.pricing.imports.StrictUtf8;

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

    private static final Set<String> COMPUTE_FAMILIES = Set.of("Compute Instance", "Compute Instance (bare metal)");

    /** The product attributes the reader looks at; every other attribute is skipped unread. */
    private static final Set<String> WANTED_ATTRIBUTES = Set.of(
            "instanceType", "regionCode", "location", "locationType", "vcpu", "memory", "gpu", "gpuMemory",
            "physicalProcessor", "operatingSystem", "tenancy", "preInstalledSw", "licenseModel",
            "capacitystatus", "marketoption");

    private static final String LEASE = "LeaseContractLength";
    private static final String OFFERING_CLASS = "OfferingClass";
    private static final String PURCHASE_OPTION = "PurchaseOption";
    private static final String HOURS_UNIT = "Hrs";
    private static final String QUANTITY_UNIT = "Quantity";
    private static final String UPFRONT_FEE_REASON = "upfront fee (unit Quantity) under OnDemand: not an hourly rate";

    private static final Pattern INSTANCE_TYPE = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*\\.[a-z0-9-]+");
    private static final Pattern MEMORY = Pattern.compile("\\s*([0-9][0-9,]*(?:\\.[0-9]+)?)\\s*(GiB|GB)\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern GPU_MEMORY = Pattern.compile("\\s*([0-9][0-9,]*(?:\\.[0-9]+)?)\\s*(GiB|GB|G)\\b.*",
            Pattern.CASE_INSENSITIVE);

    /** What one qualifying SKU contributes to its offers; nothing of the JSON is kept. */
    private static final class Product {
        final String instanceType;
        final String region;
        final String accelerator;
        final BigDecimal acceleratorCount;
        final Double acceleratorMemoryGib;
        final BigDecimal vcpus;
        final BigDecimal memoryGib;
        final String cpuArchitecture;
        /** Bit per {@link PurchaseOption#ordinal()} × 3 + payment rank already sent to the sink for this SKU. */
        int emitted;

        Product(String instanceType, String region, String accelerator, BigDecimal acceleratorCount,
                Double acceleratorMemoryGib, BigDecimal vcpus, BigDecimal memoryGib, String cpuArchitecture) {
            this.instanceType = instanceType;
            this.region = region;
            this.accelerator = accelerator;
            this.acceleratorCount = acceleratorCount;
            this.acceleratorMemoryGib = acceleratorMemoryGib;
            this.vcpus = vcpus;
            this.memoryGib = memoryGib;
            this.cpuArchitecture = cpuArchitecture;
        }

        boolean emitted(PurchaseOption option, int paymentRank) {
            return (emitted & (1 << (option.ordinal() * 3 + paymentRank))) != 0;
        }

        void markEmitted(PurchaseOption option, int paymentRank) {
            emitted |= 1 << (option.ordinal() * 3 + paymentRank);
        }
    }

    /** One price dimension as read; {@code shapeProblem} is set when it was not an object. */
    private record Dimension(String rateCode, String unit, String description, String beginRange,
                             String endRange, Map<String, String> prices, String shapeProblem) {
    }

    private record Term(long line, String offerTermCode, String sku, Map<String, String> attributes,
                        List<Dimension> dimensions, Instant effectiveDate) {
    }

    /** A price in USD and as the source states it. */
    private record Price(BigDecimal usd, BigDecimal source, String currency) {
    }

    /** One reservation term turned into an offer, waiting for the choice among purchase options. */
    private record Candidate(PurchaseOption option, int purchaseRank, String purchaseName, Money hourly,
                             Money upfront, BigDecimal sourcePrice, String sourceCurrency, String sourceUnit,
                             long line, String path, Instant effectiveFrom) {

        PaymentOption payment() {
            return PaymentOption.values()[purchaseRank];
        }

        boolean samePrices(Candidate other) {
            return hourly.equals(other.hourly) && Objects.equals(upfront, other.upfront);
        }
    }

    /** The state of one read. */
    private static final class Run {
        private final ImportContext context;
        private final OfferSink sink;
        private JsonCursor json;

        private final Map<String, Product> products = new HashMap<>();
        /** SKUs read from products that give no offers (filtered out or rejected), as 64-bit hashes. */
        private final SkuSet skipped = new SkuSet();
        /** region|instanceType → the SKU that describes it, to catch SKUs the filter cannot tell apart. */
        private final Map<String, String> skuByInstance = new HashMap<>();
        /** Reservation terms found under OnDemand, priced when terms end (after terms.Reserved). */
        private final Map<String, List<Candidate>> reservationsUnderOnDemand = new LinkedHashMap<>();
        private final Map<String, String> regions = new HashMap<>();

        private long productNumber;
        private long termNumber;
        private boolean productsSeen;
        private boolean termsSeen;

        Run(ImportContext context, OfferSink sink) {
            this.context = context;
            this.sink = sink;
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
            if (!qualifies(family, attributes)) {
                skipped.add(sku);
                return;
            }
            try {
                Product product = describe(path + ".attributes", attributes);
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
                if (WANTED_ATTRIBUTES.contains(key)) {
                    attributes.put(key, json.scalar(value));
                } else {
                    json.skipValue(value);
                }
            }
        }

        /** The filter of the class comment: plain Linux, shared tenancy, no extras, used capacity, a region. */
        private static boolean qualifies(String family, Map<String, String> attributes) {
            return COMPUTE_FAMILIES.contains(family)
                    && "Linux".equals(attributes.get("operatingSystem"))
                    && "Shared".equals(attributes.get("tenancy"))
                    && "NA".equals(attributes.get("preInstalledSw"))
                    && isOrAbsent(attributes, "capacitystatus", "Used")
                    && isOrAbsent(attributes, "licenseModel", "No License required")
                    && isOrAbsent(attributes, "marketoption", "OnDemand")
                    && isOrAbsent(attributes, "locationType", "AWS Region");
        }

        private static boolean isOrAbsent(Map<String, String> attributes, String name, String expected) {
            String value = attributes.get(name);
            return value == null || expected.equals(value);
        }

        private Product describe(String path, Map<String, String> attributes) {
            String instanceType = attributes.get("instanceType");
            if (instanceType == null || !INSTANCE_TYPE.matcher(instanceType).matches()) {
                throw new RowRejected(path + ".instanceType", "not an EC2 instance type: '" + instanceType + "'");
            }
            String region = region(path, attributes);
            BigDecimal vcpus = positive(attributes.get("vcpu"), path + ".vcpu", "vCPU count");
            BigDecimal memoryGib = memoryGib(attributes.get("memory"), path + ".memory");
            String architecture = architecture(attributes.get("physicalProcessor"));

            String family = AwsInstanceFamilies.familyOf(instanceType);
            BigDecimal gpuCount = gpuCount(attributes.get("gpu"), path + ".gpu");
            Optional<AwsInstanceFamilies.Family> known = AwsInstanceFamilies.of(family);
            if (known.isEmpty()) {
                Optional<String> unsupported = AwsInstanceFamilies.unsupported(family);
                if (unsupported.isPresent()) {
                    throw new RowRejected(path + ".instanceType", "instance family '" + family + "' carries "
                            + unsupported.get() + ", which the accelerator vocabulary has no entry for");
                }
                if (gpuCount != null && gpuCount.signum() > 0) {
                    throw new RowRejected(path + ".gpu", "instance family '" + family + "' (" + SourceText.quote(instanceType)
                            + ") has gpu=" + gpuCount.toPlainString() + " but no known accelerator model: "
                            + "add the family to the AWS family table");
                }
                return new Product(instanceType, region, null, BigDecimal.ZERO, null, vcpus, memoryGib,
                        architecture);
            }
            String acceleratorName = known.get().acceleratorName();
            BigDecimal count;
            if (gpuCount != null && gpuCount.signum() > 0) {
                count = gpuCount;
            } else if (gpuCount != null) {
                throw new RowRejected(path + ".gpu", "instance family '" + family + "' carries " + acceleratorName
                        + " but the SKU says gpu=0");
            } else {
                OptionalInt devices = AwsInstanceFamilies.asicDevices(instanceType);
                if (devices.isEmpty()) {
                    throw new RowRejected(path + ".gpu", "no gpu count for " + SourceText.quote(instanceType) + " (" + acceleratorName
                            + "), and no documented device count for this size");
                }
                count = BigDecimal.valueOf(devices.getAsInt());
            }
            Accelerator accelerator = context.accelerators().resolve(acceleratorName)
                    .orElseThrow(() -> new RowRejected(path + ".instanceType", "instance family '" + family
                            + "' maps to '" + acceleratorName + "', which the accelerator vocabulary does not know"));
            Double memoryPerDevice = acceleratorMemory(attributes.get("gpuMemory"), path + ".gpuMemory",
                    acceleratorName, accelerator, count);
            return new Product(instanceType, region, accelerator.id().id(), count, memoryPerDevice, vcpus,
                    memoryGib, architecture);
        }

        private String region(String path, Map<String, String> attributes) {
            String code = attributes.get("regionCode");
            String region;
            if (code != null && !code.isBlank()) {
                if (!AwsRegions.isRegionCode(code.strip())) {
                    throw new RowRejected(path + ".regionCode", "not an AWS region code: '" + code + "'");
                }
                region = code.strip();
            } else {
                String location = attributes.get("location");
                if (location == null || location.isBlank()) {
                    throw new RowRejected(path + ".location", "neither regionCode nor location says where this is");
                }
                region = AwsRegions.byLocation(location).orElseThrow(() -> new RowRejected(path + ".location",
                        "unknown location '" + location + "' and no regionCode: add it to the AWS region table"));
            }
            return regions.computeIfAbsent(region, r -> r);
        }

        /**
         * The source's per-device memory when {@code gpuMemory} states one that fits the family's
         * model, read as the total over all devices (the usual meaning) or, failing that, per
         * device; the vocabulary's nominal figure when the attribute is absent or unreadable; a
         * rejected row when it contradicts the model under both readings.
         */
        private Double acceleratorMemory(String raw, String path, String acceleratorName, Accelerator accelerator,
                                         BigDecimal count) {
            Double nominal = accelerator.memoryGibPerDevice();
            Matcher matcher = raw == null ? null : GPU_MEMORY.matcher(raw);
            if (matcher == null || !matcher.matches()) {
                return nominal;
            }
            double stated = Double.parseDouble(matcher.group(1).replace(",", ""));
            if (!(stated > 0)) {
                return nominal;
            }
            double perDevice = stated / count.doubleValue();
            if (fits(acceleratorName, accelerator, perDevice)) {
                return perDevice;
            }
            if (fits(acceleratorName, accelerator, stated)) {
                return stated;
            }
            throw new RowRejected(path, "gpuMemory '" + raw + "' fits " + accelerator.id()
                    + " neither as a total over " + count.toPlainString() + " devices nor per device: "
                    + "the instance family table may be wrong for this type");
        }

        private boolean fits(String acceleratorName, Accelerator accelerator, double memoryGibPerDevice) {
            return context.accelerators().resolve(acceleratorName, memoryGibPerDevice)
                    .filter(found -> found.id().equals(accelerator.id()))
                    .isPresent();
        }

        private static BigDecimal gpuCount(String raw, String path) {
            if (raw == null || raw.isBlank() || "NA".equalsIgnoreCase(raw.strip())) {
                return null;
            }
            try {
                BigDecimal count = SourceNumbers.parse(raw.strip());
                if (count.signum() < 0) {
                    throw new RowRejected(path, "negative gpu count '" + raw + "'");
                }
                return count;
            } catch (NumberFormatException e) {
                throw new RowRejected(path, "not a gpu count: '" + raw + "'");
            }
        }

        private static BigDecimal positive(String raw, String path, String what) {
            try {
                BigDecimal value = SourceNumbers.parse(Objects.requireNonNullElse(raw, "").strip());
                if (value.signum() <= 0) {
                    throw new RowRejected(path, "the " + what + " must be positive: '" + raw + "'");
                }
                return value;
            } catch (NumberFormatException e) {
                throw new RowRejected(path, "not a " + what + ": '" + raw + "'");
            }
        }

        private static BigDecimal memoryGib(String raw, String path) {
            Matcher matcher = raw == null ? null : MEMORY.matcher(raw);
            if (matcher == null || !matcher.matches()) {
                throw new RowRejected(path, "not a memory size in GiB: '" + raw + "'");
            }
            BigDecimal value = SourceNumbers.parse(matcher.group(1).replace(",", ""));
            if (value.signum() <= 0) {
                throw new RowRejected(path, "the memory size must be positive: '" + raw + "'");
            }
            return value;
        }

        /** x86_64 or arm64 from the processor name; null when the name does not say (e.g. "Variable"). */
        private static String architecture(String physicalProcessor) {
            if (physicalProcessor == null) {
                return null;
            }
            String name = physicalProcessor.toLowerCase(Locale.ROOT);
            if (name.contains("graviton") || name.contains("apple")) {
                return "arm64";
            }
            if (name.contains("intel") || name.contains("amd")) {
                return "x86_64";
            }
            return null;
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
                Product product = products.get(sku);
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

        private void handleTerm(String type, String sku, Product product, Term term, List<Candidate> reservations) {
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
                    Candidate candidate = reservation(term, path);
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

        private void onDemand(Product product, Term term, String path) {
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
                Price price = price(hourly, dimensionPath(path, hourly));
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

        private Candidate reservation(Term term, String path) {
            String attributesPath = path + ".termAttributes.";
            Map<String, String> attributes = term.attributes();
            String lease = attributes.get(LEASE);
            int years = switch (lease == null ? "" : lease.strip()) {
                case "1yr" -> 1;
                case "3yr" -> 3;
                default -> throw new RowRejected(attributesPath + LEASE, "a reservation needs LeaseContractLength "
                        + "1yr or 3yr, found '" + lease + "'");
            };
            String offeringClass = attributes.get(OFFERING_CLASS);
            boolean convertible = switch (offeringClass == null ? "" : offeringClass.strip().toLowerCase(Locale.ROOT)) {
                case "standard" -> false;
                case "convertible" -> true;
                default -> throw new RowRejected(attributesPath + OFFERING_CLASS, "a reservation needs OfferingClass "
                        + "standard or convertible, found '" + offeringClass + "'");
            };
            String purchase = attributes.get(PURCHASE_OPTION);
            int rank = switch (purchase == null ? "" : purchase.strip()) {
                case "No Upfront" -> 0;
                case "Partial Upfront" -> 1;
                case "All Upfront" -> 2;
                default -> throw new RowRejected(attributesPath + PURCHASE_OPTION, "a reservation needs PurchaseOption "
                        + "No Upfront, Partial Upfront or All Upfront, found '" + purchase + "'");
            };
            PurchaseOption option = convertible
                    ? (years == 1 ? PurchaseOption.CONVERTIBLE_1Y : PurchaseOption.CONVERTIBLE_3Y)
                    : (years == 1 ? PurchaseOption.RESERVED_1Y : PurchaseOption.RESERVED_3Y);

            Dimension hourlyDimension = null;
            Dimension upfrontDimension = null;
            for (Dimension dimension : term.dimensions()) {
                String dimensionPath = dimensionPath(path, dimension);
                if (HOURS_UNIT.equals(dimension.unit())) {
                    if (hourlyDimension != null) {
                        throw new RowRejected(dimensionPath, "a second hourly (Hrs) dimension in one reservation");
                    }
                    if (tiered(dimension)) {
                        throw new RowRejected(dimensionPath, tieredReason(dimension));
                    }
                    hourlyDimension = dimension;
                } else if (isUpfrontFee(dimension)) {
                    if (upfrontDimension != null) {
                        throw new RowRejected(dimensionPath, "a second upfront fee in one reservation");
                    }
                    upfrontDimension = dimension;
                } else {
                    throw new RowRejected(dimensionPath, "unit '" + dimension.unit() + "' (" + dimension.description()
                            + ") is neither an hourly rate nor an upfront fee");
                }
            }
            Price hourly = hourlyDimension == null ? null : price(hourlyDimension, dimensionPath(path, hourlyDimension));
            Price upfront = upfrontDimension == null ? null
                    : price(upfrontDimension, dimensionPath(path, upfrontDimension));
            boolean hasHourly = hourly != null && hourly.usd().signum() > 0;
            boolean hasUpfront = upfront != null && upfront.usd().signum() > 0;
            String where = path + ".priceDimensions";
            switch (rank) {
                case 0 -> {
                    if (hourly == null) {
                        throw new RowRejected(where, "a No Upfront reservation without an hourly (Hrs) price");
                    }
                    if (hasUpfront) {
                        throw new RowRejected(dimensionPath(path, upfrontDimension),
                                "a No Upfront reservation with an upfront fee");
                    }
                }
                case 1 -> {
                    if (hourly == null || !hasUpfront) {
                        throw new RowRejected(where, "a Partial Upfront reservation needs both an upfront fee "
                                + "(Quantity) and an hourly (Hrs) price");
                    }
                }
                default -> {
                    if (!hasUpfront) {
                        throw new RowRejected(where, "an All Upfront reservation without an upfront fee (Quantity)");
                    }
                }
            }
            BigDecimal hours = BigDecimal.valueOf(option.termHours());
            BigDecimal hourlyUsd = hourly == null ? BigDecimal.ZERO : hourly.usd();
            BigDecimal upfrontUsd = upfront == null ? BigDecimal.ZERO : upfront.usd();
            BigDecimal effective = hourlyUsd.multiply(hours).add(upfrontUsd)
                    .divide(hours, Money.MAX_SCALE, RoundingMode.HALF_EVEN);
            if (effective.signum() == 0) {
                throw new RowRejected(where, "a reservation that costs nothing is not an offer");
            }
            // the figure that carries the price: the fee of an All Upfront term, the hourly rate otherwise
            boolean feeCarries = hasUpfront && !hasHourly;
            Price source = feeCarries ? upfront : hourly;
            return new Candidate(option, rank, purchase.strip(), new Money(effective),
                    hasUpfront ? new Money(upfrontUsd) : null, source.source(), source.currency(),
                    feeCarries ? QUANTITY_UNIT : HOURS_UNIT, term.line(), path, term.effectiveDate());
        }

        /** Keeps one term per class, term and payment option (No, Partial, All Upfront), and sends the offers. */
        private void emitReservations(Product product, List<Candidate> candidates, boolean underOnDemand) {
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

        private void emit(Product product, PurchaseOption option, PaymentOption payment, long line, Money hourly,
                          Money upfront, BigDecimal sourcePrice, String sourceCurrency, String sourceUnit,
                          Instant effectiveFrom) {
            product.markEmitted(option, payment == null ? 0 : payment.ordinal());
            sink.offer(new OfferRow(line, product.region, "", product.instanceType, OfferKind.INSTANCE,
                    product.accelerator, product.acceleratorCount, product.acceleratorMemoryGib, product.vcpus,
                    product.memoryGib, product.cpuArchitecture, option, hourly, upfront, sourcePrice,
                    sourceCurrency, sourceUnit).withTerms(payment, effectiveFrom, null));
        }

        /** USD if the dimension has it, else the first currency with a rate, else a rejected row. */
        private Price price(Dimension dimension, String path) {
            Map<String, String> prices = dimension.prices();
            String pricesPath = path + ".pricePerUnit";
            if (prices.isEmpty()) {
                throw new RowRejected(pricesPath, "the price dimension has no price");
            }
            String usd = prices.get("USD");
            if (usd != null) {
                BigDecimal amount = amount(usd, pricesPath + ".USD");
                return new Price(amount, amount, "USD");
            }
            for (Map.Entry<String, String> entry : prices.entrySet()) {
                Optional<BigDecimal> rate = context.usdPerUnit().apply(entry.getKey());
                if (rate.isPresent()) {
                    BigDecimal amount = amount(entry.getValue(), pricesPath + "." + entry.getKey());
                    return new Price(amount.multiply(rate.get()), amount, entry.getKey());
                }
            }
            String currency = prices.keySet().iterator().next();
            throw new RowRejected(pricesPath + "." + currency, "the price is given only in "
                    + String.join(", ", prices.keySet()) + ", and there is no USD rate for "
                    + (prices.size() == 1 ? "it" : "any of them"));
        }

        private static BigDecimal amount(String text, String path) {
            try {
                BigDecimal amount = SourceNumbers.parse(text.strip());
                if (amount.signum() < 0) {
                    throw new RowRejected(path, "a negative price: '" + text + "'");
                }
                return amount;
            } catch (NumberFormatException e) {
                throw new RowRejected(path, "not a decimal price: '" + text + "'");
            }
        }

        private static boolean isUpfrontFee(Dimension dimension) {
            return QUANTITY_UNIT.equals(dimension.unit()) && dimension.description() != null
                    && dimension.description().toLowerCase(Locale.ROOT).contains("upfront fee");
        }

        private static boolean tiered(Dimension dimension) {
            return (dimension.beginRange() != null && !isZero(dimension.beginRange()))
                    || (dimension.endRange() != null && !"Inf".equals(dimension.endRange().strip()));
        }

        private static String tieredReason(Dimension dimension) {
            return "a tiered price (range " + dimension.beginRange() + " to " + dimension.endRange()
                    + "): only a single price from 0 to Inf is supported";
        }

        private static String dimensionPath(String termPath, Dimension dimension) {
            return termPath + ".priceDimensions." + dimension.rateCode();
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

    /** A range bound: "0", "0.0" and the like are zero; anything unreadable is not. */
    private static boolean isZero(String bound) {
        try {
            return new BigDecimal(bound.strip()).signum() == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * A set of SKUs kept as 64-bit hashes in an open-addressing table: 8 to 16 bytes a SKU instead
     * of a String and a map entry, for the many SKUs of a file that give no offers. A collision
     * (odds about n²/2⁶⁵) could only make an unknown SKU's terms look like a skipped SKU's.
     */
    static final class SkuSet {
        private long[] table = new long[1 << 12];
        private int size;

        void add(String sku) {
            if ((size + 1) * 2L > table.length) {
                grow();
            }
            if (insert(table, hash(sku))) {
                size++;
            }
        }

        boolean contains(String sku) {
            long hash = hash(sku);
            int mask = table.length - 1;
            for (int i = (int) (hash ^ (hash >>> 32)) & mask; ; i = (i + 1) & mask) {
                if (table[i] == 0) {
                    return false;
                }
                if (table[i] == hash) {
                    return true;
                }
            }
        }

        int size() {
            return size;
        }

        private void grow() {
            long[] bigger = new long[table.length * 2];
            for (long hash : table) {
                if (hash != 0) {
                    insert(bigger, hash);
                }
            }
            table = bigger;
        }

        private static boolean insert(long[] table, long hash) {
            int mask = table.length - 1;
            for (int i = (int) (hash ^ (hash >>> 32)) & mask; ; i = (i + 1) & mask) {
                if (table[i] == 0) {
                    table[i] = hash;
                    return true;
                }
                if (table[i] == hash) {
                    return false;
                }
            }
        }

        /** FNV-1a over the UTF-16 units, then a 64-bit finalizer; never 0 (the empty slot). */
        private static long hash(String sku) {
            long h = 0xcbf29ce484222325L;
            for (int i = 0; i < sku.length(); i++) {
                h ^= sku.charAt(i);
                h *= 0x100000001b3L;
            }
            h ^= h >>> 33;
            h *= 0xff51afd7ed558ccdL;
            h ^= h >>> 33;
            h *= 0xc4ceb9fe1a85ec53L;
            h ^= h >>> 33;
            return h == 0 ? 1 : h;
        }
    }
}
