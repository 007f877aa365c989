package dev.inferplan.pricing.imports.skypilot;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.inferplan.contracts.accelerators.Accelerator;
import dev.inferplan.contracts.accelerators.AcceleratorVocabulary;
import dev.inferplan.contracts.money.Money;
import dev.inferplan.contracts.pricing.PurchaseOption;
import dev.inferplan.pricing.pricelists.CsvLine;
import dev.inferplan.pricing.pricelists.ImportContext;
import dev.inferplan.pricing.pricelists.ImportFormatException;
import dev.inferplan.pricing.pricelists.OfferField;
import dev.inferplan.pricing.pricelists.OfferKind;
import dev.inferplan.pricing.pricelists.OfferRow;
import dev.inferplan.pricing.pricelists.OfferSink;
import dev.inferplan.pricing.pricelists.PriceListReader;
import dev.inferplan.pricing.pricelists.RejectedRow;
import dev.inferplan.pricing.pricelists.RowRejected;
import dev.inferplan.pricing.pricelists.SourceNumbers;
import dev.inferplan.pricing.pricelists.SourceText;
import dev.inferplan.pricing.pricelists.Utf8LineReader;

/**
 * Reads SkyPilot's catalog format ({@code vms.csv}, schema V8) and the AWS file built in the same
 * layout. Streams: one line is in memory at a time, never the file.
 *
 * <h2>File</h2>
 * Strict UTF-8 (a malformed byte refuses the file, naming its line); a UTF-8 byte-order mark is
 * ignored. Columns are found by header name, in any order. Required: InstanceType,
 * AcceleratorName, AcceleratorCount, vCPUs, MemoryGiB, Region, Price, SpotPrice. Optional:
 * AvailabilityZone, GpuInfo, Generation, Arch, GpuMemoryGiBTotal, SpotPriceMin, SpotPriceMax,
 * Reserved1yStdNoUpfront, Reserved3yStdNoUpfront; other columns are ignored. Fields are split by
 * {@link CsvLine} (RFC 4180 quoting, no line breaks inside fields). Blank lines are skipped. A row
 * whose field count differs from the header's is a rejected row, except on a last line without a
 * line break, or a last line inside an open quote: that is a truncated file.
 *
 * <h2>Offers of one row</h2>
 * Each non-empty price column gives one offer: Price → ON_DEMAND, SpotPrice → SPOT,
 * Reserved1yStdNoUpfront / Reserved3yStdNoUpfront → RESERVED_1Y / RESERVED_3Y (effective hourly
 * rates of no-upfront standard reservations, so {@code upfrontUsd} is null). SpotPriceMin and
 * SpotPriceMax describe the spread behind SpotPrice and are not offers. All prices are USD per
 * hour as written ({@code sourceCurrency} "USD", {@code sourceUnit} "USD/h").
 * <ul>
 * <li>An empty price cell means no offer of that kind. A row with no price at all is rejected.</li>
 * <li><b>Zero prices.</b> A SpotPrice of 0 means "no spot offer" and is skipped silently. Vast's
 * catalog has 0.00 in every row: SkyPilot's fetcher ({@code sky/catalog/data_fetchers/fetch_vast.py})
 * writes there the highest <em>minimum bid</em> ({@code min_bid}) of the offers it groups, rounded
 * to cents, which is a bid floor and not a price at which capacity can be had. GCP's
 * a4-highgpu-8g rows have 0.0 too (SkyPilot's GCP fetcher notes that GCP lists no A4 SKU). Any
 * other price of 0 is a rejected row ("zero price"): no cloud gives capacity away, so 0 means
 * "not known".</li>
 * <li>A price that is not a number, or is negative, is a rejected row naming its column; the
 * row's other prices are still read.</li>
 * </ul>
 *
 * <h2>Instances and attachable accelerators</h2>
 * A row with an InstanceType is an {@link OfferKind#INSTANCE} offer with the row's vCPUs and
 * memory. A row with an empty InstanceType (GCP) prices accelerators on their own: an
 * {@link OfferKind#ATTACHABLE_ACCELERATOR} offer, instanceType "", vcpus and memoryGib null.
 * <b>Normalization of attachable rows: {@code hourlyUsd} is the row's price exactly as written,
 * which is the price of {@code acceleratorCount} accelerators together, as offered.</b> SkyPilot
 * writes one row per GPU name and count, priced unit price × AcceleratorCount
 * ({@code sky/catalog/data_fetchers/fetch_gcp.py}, {@code get_gpu_price}), and looks a price up
 * by name <em>and</em> count ({@code sky/catalog/gcp_catalog.py},
 * {@code get_accelerator_hourly_cost}); GCP only sells some counts (T4: 1, 2, 4; H100-MEGA: 8),
 * and the source's rounding to 5 decimals makes the rows of one GPU not exactly proportional
 * (A100 us-central1-a: ×1 2.93391, ×4 11.73563), so dividing would invent prices. The price per
 * accelerator-hour is hourlyUsd / acceleratorCount. A TPU slice row (AcceleratorCount 1) prices
 * the whole slice; its acceleratorCount is the number of chips
 * ({@link AcceleratorVocabulary#sliceChipCount}): tpu-v5litepod-8 in us-central1-a, 9.6 USD/h, is 8 chips.
 *
 * <p><b>GCP A2/A3/A4/G2 machine types</b> (empty AcceleratorName) are priced for the host only,
 * not with their GPUs: see {@link GcpGpuHosts}, which names the attachable row a plan must add.
 * They are imported as written (accelerator null, count 0) as {@link OfferKind#HOST} offers, parts
 * that no query returns unless asked, so no per-accelerator price is derived from a host-only price;
 * the publisher assembles them with their GPUs into configurations.
 *
 * <h2>Accelerators</h2>
 * AcceleratorName is resolved through the vocabulary of the {@link ImportContext}; a name it does
 * not know (or whose stated memory contradicts it) is a rejected row naming the name, column
 * AcceleratorName. An empty name is a CPU-only row: accelerator null, count 0 (this includes
 * Azure's NP-series rows, which state a count of Xilinx FPGAs without a name). Memory per device,
 * where the row states it, picks the variant and is reported as {@code acceleratorMemoryGib}:
 * GpuMemoryGiBTotal / count (AWS), GpuInfo's TotalGpuMemoryInMiB / count (Vast), or GpuInfo's
 * per-GPU SizeInMiB (GCP); otherwise the vocabulary's nominal memory is reported. Source quirks:
 * <ul>
 * <li>AWS: ec2instances.info counts K80 <em>boards</em> for p2.8xlarge and p2.16xlarge (4 and 8;
 * a board carries two GPUs, so 8 and 16 GPUs), GPUs for p2.xlarge (1).</li>
 * <li>Azure: the bare "H100" is the H100 NVL 94GB on NC-series types (NCads/NCCads H100 v5) and
 * the H100 SXM 80GB on ND-series types (ND H100 v5); other Azure types with a bare H100 are
 * rejected as ambiguous.</li>
 * <li>Vast: AcceleratorName drops "Ti" and "SUPER" (RTX4070 for an RTX 4070 Ti SUPER); the model
 * in InstanceType ({@code 4x-RTX_4070S_Ti-32-65536}) is used first.</li>
 * </ul>
 * Arch ("x86_64", "arm64", possibly several joined by ';') becomes {@code cpuArchitecture};
 * without that column it is null.
 */
public final class SkyPilotCatalogReader implements PriceListReader {

    public static final String FORMAT = "skypilot";

    static final String INSTANCE_TYPE = "InstanceType";
    static final String ACCELERATOR_NAME = "AcceleratorName";
    static final String ACCELERATOR_COUNT = "AcceleratorCount";
    static final String VCPUS = "vCPUs";
    static final String MEMORY_GIB = "MemoryGiB";
    static final String REGION = "Region";
    static final String PRICE = "Price";
    static final String SPOT_PRICE = "SpotPrice";
    static final String AVAILABILITY_ZONE = "AvailabilityZone";
    static final String GPU_INFO = "GpuInfo";
    static final String GENERATION = "Generation";
    static final String ARCH = "Arch";
    static final String GPU_MEMORY_TOTAL = "GpuMemoryGiBTotal";
    static final String SPOT_PRICE_MIN = "SpotPriceMin";
    static final String SPOT_PRICE_MAX = "SpotPriceMax";
    static final String RESERVED_1Y = "Reserved1yStdNoUpfront";
    static final String RESERVED_3Y = "Reserved3yStdNoUpfront";

    private static final List<String> REQUIRED = List.of(
            INSTANCE_TYPE, ACCELERATOR_NAME, ACCELERATOR_COUNT, VCPUS, MEMORY_GIB, REGION, PRICE, SPOT_PRICE);
    private static final List<String> OPTIONAL = List.of(
            AVAILABILITY_ZONE, GPU_INFO, GENERATION, ARCH, GPU_MEMORY_TOTAL, SPOT_PRICE_MIN, SPOT_PRICE_MAX,
            RESERVED_1Y, RESERVED_3Y);
    private static final Map<String, PurchaseOption> PRICE_COLUMNS = Map.of(
            PRICE, PurchaseOption.ON_DEMAND,
            SPOT_PRICE, PurchaseOption.SPOT,
            RESERVED_1Y, PurchaseOption.RESERVED_1Y,
            RESERVED_3Y, PurchaseOption.RESERVED_3Y);

    private static final String CURRENCY = "USD";
    private static final String UNIT = "USD/h";
    private static final BigDecimal MIB_PER_GIB = BigDecimal.valueOf(1024);

    /** ec2instances.info counts K80 boards (two GPUs each) for these types: GPUs per type. */
    private static final Map<String, Integer> AWS_K80_GPUS = Map.of("p2.8xlarge", 8, "p2.16xlarge", 16);
    private static final Pattern AZURE_TYPE = Pattern.compile("(?i)Standard_.*");
    private static final Pattern AZURE_NC_H100 = Pattern.compile("(?i)Standard_NC\\w*_H100_\\w*");
    private static final Pattern AZURE_ND_H100 = Pattern.compile("(?i)Standard_ND\\w*_H100_\\w*");
    /** Vast's InstanceType: count "x-" model "-" vCPUs "-" memory MiB, e.g. 4x-RTX_4070S_Ti-32-65536. */
    private static final Pattern VAST_TYPE = Pattern.compile("(\\d+)x-(.+)-(\\d+)-(\\d+)");
    private static final Pattern TOTAL_MIB = Pattern.compile("'TotalGpuMemoryInMiB'\\s*:\\s*(\\d+(?:\\.\\d+)?)");
    private static final Pattern SIZE_MIB = Pattern.compile("'SizeInMiB'\\s*:\\s*(\\d+(?:\\.\\d+)?)");

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public String column(OfferField field, OfferRow row) {
        return switch (field) {
            case REGION -> REGION;
            case ZONE -> AVAILABILITY_ZONE;
            case INSTANCE_TYPE -> INSTANCE_TYPE;
            case ACCELERATOR -> ACCELERATOR_NAME;
            case ACCELERATOR_COUNT -> ACCELERATOR_COUNT;
            case ACCELERATOR_MEMORY_GIB -> GPU_INFO;
            case VCPUS -> VCPUS;
            case MEMORY_GIB -> MEMORY_GIB;
            case CPU_ARCHITECTURE -> ARCH;
            case SERVED_MODEL -> INSTANCE_TYPE; // the catalog has no per-unit offers
            case CURRENCY, UNIT, UPFRONT, PRICE -> PRICE_COLUMNS.entrySet().stream()
                    .filter(column -> column.getValue() == row.purchaseOption()).map(Map.Entry::getKey)
                    .findFirst().orElse(PRICE);
        };
    }

    @Override
    public void read(InputStream source, ImportContext context, OfferSink sink) throws IOException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(context, "context");
        Utf8LineReader lines = new Utf8LineReader(source);
        Utf8LineReader.Line header = lines.next();
        if (header == null) {
            throw new ImportFormatException(0, null, "empty file");
        }
        Layout layout = Layout.of(header);
        Utf8LineReader.Line current = lines.next();
        while (current != null) {
            Utf8LineReader.Line next = lines.next();
            new RowReader(layout, context, sink, current, next == null).read();
            current = next;
        }
    }

    /** Where each known column is; -1 for an absent optional column. */
    private record Layout(int width, Map<String, Integer> index, List<Map.Entry<PurchaseOption, String>> prices) {

        static Layout of(Utf8LineReader.Line header) {
            String text = header.text();
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            List<String> names;
            try {
                names = CsvLine.parse(text);
            } catch (CsvLine.Malformed e) {
                throw new ImportFormatException(1, null, "malformed header: " + e.getMessage());
            }
            Map<String, Integer> index = new HashMap<>();
            boolean anyKnown = false;
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i).strip();
                if (REQUIRED.contains(name) || OPTIONAL.contains(name)) {
                    anyKnown = true;
                    if (index.putIfAbsent(name, i) != null) {
                        throw new ImportFormatException(1, name, "duplicate column " + name);
                    }
                }
            }
            if (!anyKnown) {
                throw new ImportFormatException(1, null,
                        "unknown column layout: none of the SkyPilot catalog columns " + REQUIRED + " in the header");
            }
            for (String required : REQUIRED) {
                if (!index.containsKey(required)) {
                    throw new ImportFormatException(1, required, "missing column " + required);
                }
            }
            List<Map.Entry<PurchaseOption, String>> prices = new ArrayList<>();
            for (String column : List.of(PRICE, SPOT_PRICE, RESERVED_1Y, RESERVED_3Y)) {
                if (index.containsKey(column)) {
                    prices.add(Map.entry(PRICE_COLUMNS.get(column), column));
                }
            }
            return new Layout(names.size(), Map.copyOf(index), List.copyOf(prices));
        }

        /** The stripped value of a column, "" when the column is absent. */
        String value(List<String> fields, String column) {
            Integer i = index.get(column);
            return i == null ? "" : fields.get(i).strip();
        }
    }

    private record AcceleratorPart(String id, BigDecimal count, Double memoryGib) {
        static final AcceleratorPart NONE = new AcceleratorPart(null, BigDecimal.ZERO, null);
    }

    /** Reads one data line. */
    private static final class RowReader {

        private final Layout layout;
        private final ImportContext context;
        private final AcceleratorVocabulary vocabulary;
        private final OfferSink sink;
        private final Utf8LineReader.Line line;
        private final boolean last;

        RowReader(Layout layout, ImportContext context, OfferSink sink, Utf8LineReader.Line line,
                  boolean last) {
            this.layout = layout;
            this.context = context;
            this.vocabulary = context.accelerators();
            this.sink = sink;
            this.line = line;
            this.last = last;
        }

        void read() {
            if (line.text().isBlank()) {
                return;
            }
            List<String> fields;
            try {
                fields = CsvLine.parse(line.text());
            } catch (CsvLine.Malformed e) {
                if (last && (e.unterminatedQuote() || !line.terminated())) {
                    throw truncated(e.getMessage());
                }
                reject(null, e.getMessage());
                return;
            }
            if (fields.size() != layout.width()) {
                if (last && !line.terminated()) {
                    throw truncated("found " + fields.size() + " of the header's " + layout.width() + " fields");
                }
                reject(null, "expected " + layout.width() + " fields as in the header, found " + fields.size());
                return;
            }
            try {
                offers(fields);
            } catch (RowRejected r) {
                reject(r.column(), r.getMessage());
            }
        }

        private ImportFormatException truncated(String detail) {
            return new ImportFormatException(line.number(), null,
                    "truncated file at line " + line.number() + ": " + detail);
        }

        private void reject(String column, String reason) {
            sink.rejected(new RejectedRow(line.number(), column, reason));
        }

        private void offers(List<String> fields) {
            String region = layout.value(fields, REGION);
            if (region.isEmpty()) {
                throw new RowRejected(REGION, "empty Region");
            }
            String zone = layout.value(fields, AVAILABILITY_ZONE);
            String instanceType = layout.value(fields, INSTANCE_TYPE);
            // A GCP machine type priced without the GPUs it cannot run without is a part (HOST), as is an
            // attachable accelerator: both become deployable only as configurations (GcpAttachableHosts).
            OfferKind kind = instanceType.isEmpty() ? OfferKind.ATTACHABLE_ACCELERATOR
                    : GcpGpuHosts.of(instanceType).isPresent() ? OfferKind.HOST : OfferKind.INSTANCE;
            AcceleratorPart accelerator = accelerator(fields, instanceType);
            BigDecimal vcpus = null;
            BigDecimal memoryGib = null;
            String architecture = architecture(layout.value(fields, ARCH));
            if (kind == OfferKind.ATTACHABLE_ACCELERATOR) {
                if (accelerator.id() == null) {
                    throw new RowRejected(INSTANCE_TYPE, "empty InstanceType and AcceleratorName: the row prices nothing");
                }
            } else {
                vcpus = optionalQuantity(layout.value(fields, VCPUS), VCPUS);
                memoryGib = optionalQuantity(layout.value(fields, MEMORY_GIB), MEMORY_GIB);
            }

            boolean answered = false;
            for (Map.Entry<PurchaseOption, String> priceColumn : layout.prices()) {
                PurchaseOption option = priceColumn.getKey();
                String column = priceColumn.getValue();
                String raw = layout.value(fields, column);
                if (raw.isEmpty()) {
                    continue;
                }
                answered = true;
                BigDecimal price;
                try {
                    price = number(raw, column);
                } catch (RowRejected r) {
                    reject(r.column(), r.getMessage());
                    continue;
                }
                if (price.signum() < 0) {
                    reject(column, "negative price in " + column + ": " + SourceText.quote(raw));
                    continue;
                }
                if (price.signum() == 0) {
                    if (option != PurchaseOption.SPOT) {
                        reject(column, "zero price in " + column + ": a price of 0 is not an offer");
                    }
                    continue;
                }
                sink.offer(new OfferRow(line.number(), region, zone, instanceType, kind, accelerator.id(),
                        accelerator.count(), accelerator.memoryGib(), vcpus, memoryGib, architecture, option,
                        new Money(price), null, price, CURRENCY, UNIT,
                        kind == OfferKind.ATTACHABLE_ACCELERATOR ? layout.value(fields, ACCELERATOR_NAME) : null));
            }
            if (!answered) {
                reject(PRICE, "no price: " + PRICE + " and the other price columns are empty");
            }
        }

        private AcceleratorPart accelerator(List<String> fields, String instanceType) {
            String name = layout.value(fields, ACCELERATOR_NAME);
            if (name.isEmpty()) {
                return AcceleratorPart.NONE;
            }
            String countText = layout.value(fields, ACCELERATOR_COUNT);
            if (countText.isEmpty()) {
                throw new RowRejected(ACCELERATOR_COUNT, "no AcceleratorCount for accelerator '" + name + "'");
            }
            BigDecimal count = quantity(countText, ACCELERATOR_COUNT);
            if (count.signum() <= 0) {
                throw new RowRejected(ACCELERATOR_COUNT, "AcceleratorCount must be positive: " + SourceText.quote(countText));
            }

            if (name.toLowerCase(Locale.ROOT).startsWith("tpu-")) {
                Accelerator tpu = vocabulary.resolve(name)
                        .orElseThrow(() -> new RowRejected(ACCELERATOR_NAME, "unknown accelerator '" + name + "'"));
                OptionalInt chips = vocabulary.sliceChipCount(name);
                if (chips.isEmpty()) {
                    throw new RowRejected(ACCELERATOR_NAME, "cannot tell how many chips the TPU slice '" + name + "' has");
                }
                return new AcceleratorPart(tpu.id().id(), count.multiply(BigDecimal.valueOf(chips.getAsInt())),
                        tpu.memoryGibPerDevice());
            }

            Integer k80Gpus = AWS_K80_GPUS.get(instanceType);
            if (k80Gpus != null && name.equalsIgnoreCase("K80")
                    && count.multiply(BigDecimal.TWO).compareTo(BigDecimal.valueOf(k80Gpus)) == 0) {
                count = BigDecimal.valueOf(k80Gpus);   // the source counted boards of two GPUs
            }

            Double memory = memoryPerDevice(fields, count);
            String sourceName = azureH100(instanceType, name);
            OptionalDouble stated = memory == null ? OptionalDouble.empty() : OptionalDouble.of(memory);
            // The name decides; a memory figure only picks a variant (AcceleratorVocabulary#match). Vast's
            // InstanceType keeps the "Ti"/"SUPER" its AcceleratorName drops: it goes first where its figure fits.
            Optional<AcceleratorVocabulary.Match> resolved = Optional.empty();
            Matcher vast = VAST_TYPE.matcher(instanceType);
            if (vast.matches()) {
                resolved = vocabulary.match(vast.group(2), stated).filter(match -> !match.memoryDisagrees());
            }
            if (resolved.isEmpty()) {
                resolved = vocabulary.match(sourceName, stated);
            }
            if (resolved.isEmpty()) {
                if (context.unmappedAllowed()) {
                    sink.warning(new RejectedRow(line.number(), ACCELERATOR_NAME, ImportContext.unmappedWarning(name)));
                    return new AcceleratorPart(ImportContext.unmapped(name), count, memory);
                }
                throw new RowRejected(ACCELERATOR_NAME, memory == null
                        ? "unknown accelerator '" + name + "'"
                        : "unknown accelerator '" + name + "' with " + memory + " GiB per device");
            }
            Accelerator found = resolved.get().accelerator();
            if (resolved.get().memoryDisagrees()) {
                sink.warning(new RejectedRow(line.number(), layout.value(fields, GPU_MEMORY_TOTAL).isEmpty() ? GPU_INFO
                        : GPU_MEMORY_TOTAL, ImportContext.memoryWarning(name, memory, found)));
                return new AcceleratorPart(found.id().id(), count, found.memoryGibPerDevice());
            }
            return new AcceleratorPart(found.id().id(), count, memory != null ? memory : found.memoryGibPerDevice());
        }

        /** Azure's bare "H100": NVL 94GB on NC-series types, SXM 80GB on ND-series types. */
        private static String azureH100(String instanceType, String name) {
            if (!name.equalsIgnoreCase("H100") || !AZURE_TYPE.matcher(instanceType).matches()) {
                return name;
            }
            if (AZURE_NC_H100.matcher(instanceType).matches()) {
                return "H100-NVL";
            }
            if (AZURE_ND_H100.matcher(instanceType).matches()) {
                return "H100-SXM";
            }
            throw new RowRejected(ACCELERATOR_NAME, "ambiguous accelerator 'H100' on Azure type " + SourceText.quote(instanceType)
                    + ": neither an NC (H100 NVL) nor an ND (H100 SXM) series type");
        }

        /** GiB per device as the row states it (rounded to 0.01), or null where it does not. */
        private Double memoryPerDevice(List<String> fields, BigDecimal count) {
            String total = layout.value(fields, GPU_MEMORY_TOTAL);
            if (!total.isEmpty()) {
                BigDecimal gib = quantity(total, GPU_MEMORY_TOTAL);
                return gib.signum() == 0 ? null : perDevice(gib, count);
            }
            String info = layout.value(fields, GPU_INFO);
            if (info.isEmpty()) {
                return null;
            }
            Matcher totalMib = TOTAL_MIB.matcher(info);
            if (totalMib.find()) {
                BigDecimal mib = new BigDecimal(totalMib.group(1));
                return mib.signum() == 0 ? null : perDevice(mib.divide(MIB_PER_GIB), count);
            }
            Matcher sizeMib = SIZE_MIB.matcher(info);
            if (sizeMib.find()) {
                BigDecimal mib = new BigDecimal(sizeMib.group(1));
                return mib.signum() == 0 ? null : perDevice(mib.divide(MIB_PER_GIB), BigDecimal.ONE);
            }
            return null;
        }

        private static Double perDevice(BigDecimal totalGib, BigDecimal count) {
            return totalGib.divide(count, 2, RoundingMode.HALF_EVEN).doubleValue();
        }

        private static BigDecimal optionalQuantity(String raw, String column) {
            return raw.isEmpty() ? null : quantity(raw, column);
        }

        /** A non-negative number without superfluous zeros ("8.0" → 8). */
        private static BigDecimal quantity(String raw, String column) {
            BigDecimal value = number(raw, column);
            if (value.signum() < 0) {
                throw new RowRejected(column, column + " must not be negative: " + SourceText.quote(raw));
            }
            BigDecimal stripped = value.stripTrailingZeros();
            return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
        }

        private static BigDecimal number(String raw, String column) {
            try {
                return SourceNumbers.parse(raw);
            } catch (SourceNumbers.OutOfRange e) {
                throw new RowRejected(column, column + " is " + e.getMessage());
            } catch (NumberFormatException e) {
                throw new RowRejected(column, "not a number in " + column + ": '" + raw + "'");
            }
        }

        /** "x86_64", "arm64", or null when absent or naming several architectures. */
        private static String architecture(String raw) {
            if (raw.isEmpty()) {
                return null;
            }
            TreeSet<String> found = new TreeSet<>();
            for (String part : raw.split(";")) {
                String token = part.strip().toLowerCase(Locale.ROOT);
                switch (token) {
                    case "" -> { }
                    // ec2instances.info lists i386 beside x86_64 for types that also boot 32-bit images
                    case "x86_64", "amd64", "i386" -> found.add("x86_64");
                    case "arm64", "aarch64" -> found.add("arm64");
                    default -> found.add(token);
                }
            }
            return found.size() == 1 ? found.first() : null;
        }
    }
}
