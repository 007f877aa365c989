package dev.inferplan.pricing.imports.skypilot;

import dev.inferplan.pricing.pricelists.Utf8LineReader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.inferplan.contracts.accelerators.AcceleratorVocabulary;
import dev.inferplan.contracts.money.Money;
import dev.inferplan.contracts.pricing.PurchaseOption;
import dev.inferplan.pricing.pricelists.ImportContext;
import dev.inferplan.pricing.pricelists.ImportFormatException;
import dev.inferplan.pricing.pricelists.OfferKind;
import dev.inferplan.pricing.pricelists.OfferRow;
import dev.inferplan.pricing.pricelists.OfferSink;
import dev.inferplan.pricing.pricelists.RejectedRow;

/**
 * The reader against the four real catalog files (seed/skypilot on the classpath) and against
 * broken input built here.
 *
 * <p>The expected counts were computed from the CSV files alone, independently of this reader,
 * with Python's {@code csv} module: for each row and each price column present (Price → ON_DEMAND,
 * SpotPrice → SPOT, Reserved1yStdNoUpfront → RESERVED_1Y, Reserved3yStdNoUpfront → RESERVED_3Y),
 * an empty cell is no offer, a value > 0 is one offer, a SpotPrice of 0 is no offer, and any other
 * 0 is one rejected row:
 * <pre>
 * for r in csv.DictReader(open(f, newline='', encoding='utf-8')):
 *     for col, option in COLS.items():
 *         v = r.get(col, '')
 *         if v is None or v.strip() == '': continue
 *         if float(v) > 0: counts[option] += 1
 *         elif col != 'SpotPrice': rejected += 1
 * </pre>
 * Every accelerator name in these files is known to the vocabulary (the contracts module's
 * AcceleratorNamesInPriceDataTest checks that), so no row is rejected for its accelerator.
 */
class SkyPilotCatalogReaderTest {

    private static final AcceleratorVocabulary VOCABULARY = AcceleratorVocabulary.standard();
    private static final SkyPilotCatalogReader READER = new SkyPilotCatalogReader();

    private static final String HEADER =
            "InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,GpuInfo,Price,SpotPrice,Region,AvailabilityZone\n";

    /** Counts everything, keeps the offers of the lines asked for and every rejected row. */
    private static final class Collector implements OfferSink {

        final Map<PurchaseOption, Integer> counts = new EnumMap<>(PurchaseOption.class);
        final List<OfferRow> kept = new ArrayList<>();
        final List<RejectedRow> rejected = new ArrayList<>();
        private final Set<Long> lines;

        Collector(Set<Long> lines) {
            this.lines = lines;
        }

        @Override
        public void offer(OfferRow row) {
            counts.merge(row.purchaseOption(), 1, Integer::sum);
            if (lines == null || lines.contains(row.line())) {
                kept.add(row);
            }
        }

        @Override
        public void rejected(RejectedRow row) {
            rejected.add(row);
        }

        final List<RejectedRow> warnings = new ArrayList<>();

        @Override
        public void warning(RejectedRow row) {
            warnings.add(row);
        }

        int count(PurchaseOption option) {
            return counts.getOrDefault(option, 0);
        }

        OfferRow offer(long line, PurchaseOption option) {
            return kept.stream().filter(row -> row.line() == line && row.purchaseOption() == option).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + option + " offer from line " + line));
        }

        Optional<OfferRow> maybe(long line, PurchaseOption option) {
            return kept.stream().filter(row -> row.line() == line && row.purchaseOption() == option).findFirst();
        }
    }

    private static ImportContext context(String provider) {
        return new ImportContext(provider, currency -> Optional.empty(), VOCABULARY);
    }

    private static Collector readSeed(String file, Long... lines) throws IOException {
        Collector sink = new Collector(Set.of(lines));
        try (InputStream in = SkyPilotCatalogReaderTest.class.getResourceAsStream("/seed/skypilot/" + file)) {
            if (in == null) {
                throw new IllegalStateException(file + " is missing from the classpath");
            }
            READER.read(in, context(file.substring(0, file.indexOf('_'))), sink);
        }
        return sink;
    }

    private static Collector read(byte[] bytes) throws IOException {
        Collector sink = new Collector(null);
        READER.read(new ByteArrayInputStream(bytes), context("test"), sink);
        return sink;
    }

    private static Collector read(String text) throws IOException {
        return read(text.getBytes(StandardCharsets.UTF_8));
    }

    private static ImportFormatException refused(String text) {
        return refused(text.getBytes(StandardCharsets.UTF_8));
    }

    private static ImportFormatException refused(byte[] bytes) {
        return assertThrows(ImportFormatException.class, () -> read(bytes));
    }

    private static void assertMoney(String expected, Money actual) {
        assertEquals(Money.of(expected), actual);
    }

    // ---------------------------------------------------------------- the real files

    @Test
    void format() {
        assertEquals("skypilot", READER.format());
    }

    @Test
    void aws() throws IOException {
        // line numbers from `grep -n` in aws_vms.csv (us-east-1)
        Collector sink = readSeed("aws_vms.csv", 1069L, 1087L, 481L, 1001L, 525L);
        // 1,127 rows; 872 spot prices and 785 one-year prices as README section 5 says
        assertEquals(1127, sink.count(PurchaseOption.ON_DEMAND));
        assertEquals(872, sink.count(PurchaseOption.SPOT));
        assertEquals(785, sink.count(PurchaseOption.RESERVED_1Y));
        assertEquals(807, sink.count(PurchaseOption.RESERVED_3Y));
        assertEquals(List.of(), sink.rejected);

        OfferRow p4d = sink.offer(1069, PurchaseOption.ON_DEMAND);
        assertEquals("us-east-1", p4d.region());
        assertEquals("", p4d.zone());
        assertEquals("p4d.24xlarge", p4d.instanceType());
        assertEquals(OfferKind.INSTANCE, p4d.kind());
        assertEquals("nvidia-a100-40gb", p4d.accelerator());
        assertEquals(new BigDecimal("8"), p4d.acceleratorCount());
        assertEquals(40.0, p4d.acceleratorMemoryGib());
        assertEquals(new BigDecimal("96"), p4d.vcpus());
        assertEquals(new BigDecimal("1152"), p4d.memoryGib());
        assertEquals("x86_64", p4d.cpuArchitecture());
        assertMoney("21.957642", p4d.hourlyUsd());
        assertNull(p4d.upfrontUsd());
        assertEquals(new BigDecimal("21.957642"), p4d.sourcePrice());
        assertEquals("USD", p4d.sourceCurrency());
        assertEquals("USD/h", p4d.sourceUnit());
        assertMoney("8.59075", sink.offer(1069, PurchaseOption.SPOT).hourlyUsd());
        assertMoney("13.921094", sink.offer(1069, PurchaseOption.RESERVED_1Y).hourlyUsd());
        assertNull(sink.offer(1069, PurchaseOption.RESERVED_1Y).upfrontUsd());
        assertMoney("9.374219", sink.offer(1069, PurchaseOption.RESERVED_3Y).hourlyUsd());

        OfferRow p5 = sink.offer(1087, PurchaseOption.ON_DEMAND);
        assertEquals("p5.48xlarge", p5.instanceType());
        assertEquals("nvidia-h100-80gb", p5.accelerator());
        assertMoney("55.04", p5.hourlyUsd());
        assertTrue(sink.maybe(1087, PurchaseOption.RESERVED_1Y).isEmpty(), "p5.48xlarge has no 1-year price in us-east-1");
        assertMoney("23.77728", sink.offer(1087, PurchaseOption.RESERVED_3Y).hourlyUsd());

        OfferRow g5 = sink.offer(481, PurchaseOption.ON_DEMAND);
        assertEquals("g5.xlarge", g5.instanceType());
        assertEquals("nvidia-a10g", g5.accelerator());
        assertEquals(new BigDecimal("1"), g5.acceleratorCount());
        assertEquals(24.0, g5.acceleratorMemoryGib());
        assertMoney("1.006", g5.hourlyUsd());
        assertMoney("0.39388", sink.offer(481, PurchaseOption.SPOT).hourlyUsd());
        assertMoney("0.63378", sink.offer(481, PurchaseOption.RESERVED_1Y).hourlyUsd());
        assertMoney("0.43459", sink.offer(481, PurchaseOption.RESERVED_3Y).hourlyUsd());

        // the source counts 4 K80 boards for p2.8xlarge: 8 GPUs of 12 GiB
        OfferRow p2 = sink.offer(1001, PurchaseOption.ON_DEMAND);
        assertEquals("nvidia-k80", p2.accelerator());
        assertEquals(new BigDecimal("8"), p2.acceleratorCount());
        assertEquals(12.0, p2.acceleratorMemoryGib());
        assertTrue(sink.maybe(1001, PurchaseOption.SPOT).isEmpty());

        OfferRow g5g = sink.offer(525, PurchaseOption.ON_DEMAND);
        assertEquals("arm64", g5g.cpuArchitecture());
        assertEquals("nvidia-t4", g5g.accelerator());
    }

    @Test
    void gcp() throws IOException {
        // line numbers from `grep -n` in gcp_vms.csv (us-central1-a)
        Collector sink = readSeed("gcp_vms.csv", 13L, 29471L, 29522L, 29841L);
        // 31,285 rows: 11 a4-highgpu-8g rows with Price 0.0 and SpotPrice 0.0, 7 rows without SpotPrice
        assertEquals(31274, sink.count(PurchaseOption.ON_DEMAND));
        assertEquals(31267, sink.count(PurchaseOption.SPOT));
        assertEquals(0, sink.count(PurchaseOption.RESERVED_1Y));
        assertEquals(11, sink.rejected.size());
        for (int i = 0; i < 11; i++) {
            RejectedRow rejected = sink.rejected.get(i);
            assertEquals(295 + i, rejected.line(), "the a4-highgpu-8g rows are lines 295 to 305");
            assertEquals("Price", rejected.column());
            assertTrue(rejected.reason().contains("zero price"), rejected.reason());
        }

        // a GPU machine type: the host part only (GPUs are the attachable A100 row); no accelerator, a HOST part
        OfferRow a2 = sink.offer(13, PurchaseOption.ON_DEMAND);
        assertEquals("a2-highgpu-1g", a2.instanceType());
        assertEquals(OfferKind.HOST, a2.kind());
        assertEquals("us-central1", a2.region());
        assertEquals("us-central1-a", a2.zone());
        assertNull(a2.accelerator());
        assertEquals(BigDecimal.ZERO, a2.acceleratorCount());
        assertNull(a2.acceleratorMemoryGib());
        assertEquals(new BigDecimal("12"), a2.vcpus());
        assertEquals(new BigDecimal("85"), a2.memoryGib());
        assertNull(a2.cpuArchitecture());
        assertMoney("0.73948", a2.hourlyUsd());
        assertMoney("0.36975", sink.offer(13, PurchaseOption.SPOT).hourlyUsd());

        OfferRow t4 = sink.offer(29471, PurchaseOption.ON_DEMAND);
        assertEquals(OfferKind.ATTACHABLE_ACCELERATOR, t4.kind());
        assertEquals("", t4.instanceType());
        assertEquals("us-central1-a", t4.zone());
        assertEquals("nvidia-t4", t4.accelerator());
        assertEquals(new BigDecimal("1"), t4.acceleratorCount());
        assertEquals(16.0, t4.acceleratorMemoryGib());
        assertNull(t4.vcpus());
        assertNull(t4.memoryGib());
        assertMoney("0.35", t4.hourlyUsd());
        assertMoney("0.1654", sink.offer(29471, PurchaseOption.SPOT).hourlyUsd());
        // the row for two T4s prices both together, as written
        OfferRow twoT4 = sink.offer(29522, PurchaseOption.ON_DEMAND);
        assertEquals(new BigDecimal("2"), twoT4.acceleratorCount());
        assertMoney("0.7", twoT4.hourlyUsd());

        // a TPU slice: one row prices the slice; the count is its chips
        OfferRow tpu = sink.offer(29841, PurchaseOption.ON_DEMAND);
        assertEquals(OfferKind.ATTACHABLE_ACCELERATOR, tpu.kind());
        assertEquals("google-tpu-v5e", tpu.accelerator());
        assertEquals(new BigDecimal("8"), tpu.acceleratorCount());
        assertMoney("9.6", tpu.hourlyUsd());
        assertMoney("2.05738", sink.offer(29841, PurchaseOption.SPOT).hourlyUsd());
    }

    @Test
    void azure() throws IOException {
        // line numbers from `grep -n` in azure_vms.csv (eastus)
        Collector sink = readSeed("azure_vms.csv", 55860L, 56160L, 7138L, 56247L);
        // 56,671 rows, all with a Price; 2,846 without SpotPrice
        assertEquals(56671, sink.count(PurchaseOption.ON_DEMAND));
        assertEquals(53825, sink.count(PurchaseOption.SPOT));
        assertEquals(List.of(), sink.rejected);

        OfferRow nc = sink.offer(55860, PurchaseOption.ON_DEMAND);
        assertEquals("Standard_NC40ads_H100_v5", nc.instanceType());
        assertEquals("eastus", nc.region());
        assertEquals("", nc.zone());
        assertEquals("nvidia-h100-nvl-94gb", nc.accelerator(), "NC-series H100 is the NVL");
        assertEquals(new BigDecimal("1"), nc.acceleratorCount());
        assertEquals(94.0, nc.acceleratorMemoryGib());
        assertEquals(new BigDecimal("40"), nc.vcpus());
        assertEquals(new BigDecimal("320"), nc.memoryGib());
        assertMoney("6.98", nc.hourlyUsd());
        assertMoney("2.192418", sink.offer(55860, PurchaseOption.SPOT).hourlyUsd());

        OfferRow nd = sink.offer(56160, PurchaseOption.ON_DEMAND);
        assertEquals("nvidia-h100-80gb", nd.accelerator(), "ND-series H100 is the SXM");
        assertEquals(new BigDecimal("8"), nd.acceleratorCount());
        assertMoney("98.32", nd.hourlyUsd());

        // the repaired "V1,V2" row reads as 10 fields
        OfferRow d2 = sink.offer(7138, PurchaseOption.ON_DEMAND);
        assertEquals("Standard_D2s_v3", d2.instanceType());
        assertNull(d2.accelerator());
        assertEquals(BigDecimal.ZERO, d2.acceleratorCount());
        assertMoney("0.096", d2.hourlyUsd());

        // NP-series: a count of FPGAs without a name is read as CPU-only
        OfferRow np = sink.offer(56247, PurchaseOption.ON_DEMAND);
        assertNull(np.accelerator());
        assertEquals(BigDecimal.ZERO, np.acceleratorCount());
    }

    @Test
    void vast() throws IOException {
        // line numbers from `grep -n` in vast_vms.csv
        Collector sink = readSeed("vast_vms.csv", 2L, 33L, 34L, 40L, 55L);
        // 64 rows, every SpotPrice 0.00: no spot offers, and 0.00 spot is not a rejection
        assertEquals(64, sink.count(PurchaseOption.ON_DEMAND));
        assertEquals(0, sink.count(PurchaseOption.SPOT));
        assertEquals(List.of(), sink.rejected);

        OfferRow rtx5090 = sink.offer(2, PurchaseOption.ON_DEMAND);
        assertEquals("Denmark, DK, EU", rtx5090.region());
        assertEquals("nvidia-rtx-5090", rtx5090.accelerator());
        assertEquals(31.84, rtx5090.acceleratorMemoryGib(), "32607 MiB as GpuInfo states");
        assertMoney("0.44", rtx5090.hourlyUsd());
        // the A100 variant comes from GpuInfo's memory: 81920 MiB and 40960 MiB for one GPU, 81920 for two
        assertEquals("nvidia-a100-80gb", sink.offer(33, PurchaseOption.ON_DEMAND).accelerator());
        assertEquals("nvidia-a100-40gb", sink.offer(34, PurchaseOption.ON_DEMAND).accelerator());
        assertEquals("nvidia-a100-80gb", sink.offer(40, PurchaseOption.ON_DEMAND).accelerator());
        // AcceleratorName says RTX4070; InstanceType says RTX_4070S_Ti
        OfferRow superTi = sink.offer(55, PurchaseOption.ON_DEMAND);
        assertEquals("nvidia-rtx-4070-ti-super", superTi.accelerator());
        assertEquals(new BigDecimal("4"), superTi.acceleratorCount());
    }

    // ---------------------------------------------------------------- file-level faults

    @Test
    void emptyFileIsRefused() {
        ImportFormatException e = refused("");
        assertEquals(0, e.line());
        assertNull(e.column());
        assertEquals("empty file", e.getMessage());
    }

    @Test
    void missingRequiredColumnIsRefused() {
        ImportFormatException e = refused(
                "InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,Price,Region\nm5.large,,,2,8,0.096,us-east-1\n");
        assertEquals(1, e.line());
        assertEquals("SpotPrice", e.column());
        assertEquals("missing column SpotPrice", e.getMessage());
    }

    @Test
    void unknownLayoutIsRefused() {
        ImportFormatException e = refused("sku,product,unitPrice\na,b,1\n");
        assertEquals(1, e.line());
        assertTrue(e.getMessage().startsWith("unknown column layout"), e.getMessage());
    }

    @Test
    void duplicateColumnIsRefused() {
        ImportFormatException e = refused(HEADER.strip() + ",Price\n");
        assertEquals(1, e.line());
        assertEquals("Price", e.column());
    }

    @Test
    void nonUtf8IsRefusedWithItsLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(HEADER.getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes("m5.large,,,2,8,,0.096,0.03,us-east-1,\n".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes("m5.xlarge,,,4,16,,0.192,0.06,us-east-".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xC3);
        bytes.write(0x28);
        bytes.writeBytes("1,\n".getBytes(StandardCharsets.UTF_8));
        ImportFormatException e = refused(bytes.toByteArray());
        assertEquals(3, e.line());
        assertNull(e.column());
        assertTrue(e.getMessage().startsWith("not UTF-8"), e.getMessage());
    }

    @Test
    void nonUtf8DeepInALargeFileNamesTheRightLine() {
        // far beyond the decoder's 8 KiB buffers, so the line number cannot come from a buffer boundary
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(HEADER.getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 5000; i++) {
            bytes.writeBytes(("m5.large,,,2,8,,0.096,0.03,région-" + i + ",\n").getBytes(StandardCharsets.UTF_8));
        }
        bytes.writeBytes("m5.large,,,2,8,,0.096,0.03,bad-".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xFF);
        bytes.writeBytes(",\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(5002, refused(bytes.toByteArray()).line());
        // a multi-byte sequence cut off by the end of the file
        byte[] cut = (HEADER + "m5.large,,,2,8,,0.096,0.03,us-east-1,é").getBytes(StandardCharsets.UTF_8);
        assertEquals(2, refused(Arrays.copyOf(cut, cut.length - 1)).line());
    }

    @Test
    void truncatedLastLineIsRefused() {
        ImportFormatException e = refused(HEADER + "m5.large,,,2,8,,0.096,0.03,us-east-1,\nm5.xlarge,,,4,16,,0.1");
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith("truncated file at line 3"), e.getMessage());
        // an open quote at the end of the file, too
        ImportFormatException quote = refused(HEADER + "m5.large,,,2,8,\"{'Gpus': [{'MemoryInfo'");
        assertEquals(2, quote.line());
        assertTrue(quote.getMessage().startsWith("truncated file at line 2"), quote.getMessage());
    }

    @Test
    void overlongLineIsRefused() {
        ImportFormatException e = refused(HEADER + "m5.large,,,2,8,," + "9".repeat(Utf8LineReader.MAX_LINE_CHARS) + "\n");
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("longer than"), e.getMessage());
    }

    @Test
    void lastLineWithoutLineBreakIsFineWhenComplete() throws IOException {
        Collector sink = read(HEADER + "m5.large,,,2,8,,0.096,0.03,us-east-1,us-east-1a");
        assertEquals(1, sink.count(PurchaseOption.ON_DEMAND));
        assertEquals(1, sink.count(PurchaseOption.SPOT));
        assertEquals("us-east-1a", sink.offer(2, PurchaseOption.SPOT).zone());
    }

    // ---------------------------------------------------------------- row-level faults

    @Test
    void nonNumericPriceIsRejectedAndTheOtherPriceKept() throws IOException {
        Collector sink = read(HEADER + "m5.large,,,2,8,,abc,0.03,us-east-1,\n");
        assertEquals(List.of(new RejectedRow(2, "Price", "not a number in Price: 'abc'")), sink.rejected);
        assertEquals(0, sink.count(PurchaseOption.ON_DEMAND));
        assertMoney("0.03", sink.offer(2, PurchaseOption.SPOT).hourlyUsd());
    }

    @Test
    void negativePriceIsRejected() throws IOException {
        Collector sink = read(HEADER + "m5.large,,,2,8,,0.096,0.03,us-east-1,\nm5.xlarge,,,4,16,,0.192,-0.06,us-east-1,\n");
        assertEquals(1, sink.rejected.size());
        RejectedRow rejected = sink.rejected.getFirst();
        assertEquals(3, rejected.line());
        assertEquals("SpotPrice", rejected.column());
        assertTrue(rejected.reason().startsWith("negative price"), rejected.reason());
        assertEquals(2, sink.count(PurchaseOption.ON_DEMAND));
        assertEquals(1, sink.count(PurchaseOption.SPOT));
    }

    @Test
    void zeroPrices() throws IOException {
        Collector sink = read(HEADER + "m5.large,,,2,8,,0.00,0.00,us-east-1,\nm5.xlarge,,,4,16,,0.192,0,us-east-1,\n");
        // a zero spot price is "no spot offer"; a zero on-demand price is a rejected row
        assertEquals(List.of(new RejectedRow(2, "Price", "zero price in Price: a price of 0 is not an offer")),
                sink.rejected);
        assertEquals(1, sink.count(PurchaseOption.ON_DEMAND));
        assertEquals(0, sink.count(PurchaseOption.SPOT));
    }

    @Test
    void rowWithoutAnyPriceIsRejected() throws IOException {
        Collector sink = read(HEADER + "m5.large,,,2,8,,,,us-east-1,\n");
        assertEquals(1, sink.rejected.size());
        assertEquals("Price", sink.rejected.getFirst().column());
        assertEquals(0, sink.counts.size());
    }

    @Test
    void unknownAcceleratorIsRejected() throws IOException {
        Collector sink = read(HEADER + "x1.big,FluxCapacitor9000,2,8,32,,1.5,0.5,us-east-1,\n"
                + "g4dn.xlarge,T4,1,4,16,,0.526,0.2,us-east-1,\n");
        assertEquals(1, sink.rejected.size());
        RejectedRow rejected = sink.rejected.getFirst();
        assertEquals(2, rejected.line());
        assertEquals("AcceleratorName", rejected.column());
        assertTrue(rejected.reason().contains("'FluxCapacitor9000'"), rejected.reason());
        assertEquals(1, sink.count(PurchaseOption.ON_DEMAND));
        assertEquals("nvidia-t4", sink.offer(3, PurchaseOption.ON_DEMAND).accelerator());
    }

    @Test
    void memoryThatFitsNoVariantOfTheNameImportsTheNamesDefaultWithAWarning() throws IOException {
        Collector sink = read(HEADER
                + ",A100,1,,,{'Gpus': [{'MemoryInfo': {'SizeInMiB': 16384}}]},2.9,1.4,us-central1,us-central1-a\n");
        assertEquals(List.of(), sink.rejected, "issue 14: the name decides; memory only picks a variant");
        assertEquals(2, sink.counts.values().stream().mapToInt(Integer::intValue).sum());
        assertEquals("nvidia-a100-40gb", sink.kept.getFirst().accelerator());
        assertEquals(40.0, sink.kept.getFirst().acceleratorMemoryGib(), "the accelerator's figure, not the row's");
        assertEquals(1, sink.warnings.size());
        assertEquals("GpuInfo", sink.warnings.getFirst().column());
        assertTrue(sink.warnings.getFirst().reason().contains("16.0 GiB"), sink.warnings.getFirst().reason());
    }

    @Test
    void wrongFieldCountInsideTheFileIsARejectedRow() throws IOException {
        Collector sink = read(HEADER + "m5.large,,,2,8,,0.096\nm5.xlarge,,,4,16,,0.192,0.06,us-east-1,\n");
        assertEquals(1, sink.rejected.size());
        assertEquals(2, sink.rejected.getFirst().line());
        assertNull(sink.rejected.getFirst().column());
        assertEquals(1, sink.count(PurchaseOption.ON_DEMAND));
    }

    @Test
    void invalidQuantitiesAreRejected() throws IOException {
        Collector sink = read(HEADER + "m5.large,,,two,8,,0.096,0.03,us-east-1,\n"
                + "g4dn.xlarge,T4,-1,4,16,,0.526,0.2,us-east-1,\n"
                + "m5.xlarge,,,4,16,,0.192,0.06,,\n"
                + ",,,,,,0.35,0.1,us-central1,us-central1-a\n");
        assertEquals(List.of("vCPUs", "AcceleratorCount", "Region", "InstanceType"),
                sink.rejected.stream().map(RejectedRow::column).toList());
        assertEquals(List.of(2L, 3L, 4L, 5L), sink.rejected.stream().map(RejectedRow::line).toList());
        assertEquals(0, sink.counts.size());
    }

    // ---------------------------------------------------------------- accelerators and layout

    @Test
    void azureBareH100DependsOnTheSeries() throws IOException {
        String header = "InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,GpuInfo,Price,SpotPrice,Region,Generation\n";
        Collector sink = read(header
                + "Standard_NCC40ads_H100_v5,H100,1,40,320,H100,7.5,,eastus,V2\n"
                + "Standard_ND96isr_H100_v5,H100,8,96,1900,H100,98.32,,eastus,V2\n"
                + "Standard_NV36ads_H100_v9,H100,1,36,440,H100,3.2,,eastus,V2\n");
        assertEquals("nvidia-h100-nvl-94gb", sink.offer(2, PurchaseOption.ON_DEMAND).accelerator());
        assertEquals("nvidia-h100-80gb", sink.offer(3, PurchaseOption.ON_DEMAND).accelerator());
        assertEquals(1, sink.rejected.size());
        assertEquals(4, sink.rejected.getFirst().line());
        assertEquals("AcceleratorName", sink.rejected.getFirst().column());
    }

    @Test
    void columnsAreFoundByNameAndExtraColumnsIgnored() throws IOException {
        String header = "\uFEFFRegion,Price,SpotPrice,Whatever,MemoryGiB,vCPUs,AcceleratorCount,AcceleratorName,InstanceType,Arch\r\n";
        Collector sink = read(header + "us-east-1,0.42,,x,8.0,4.0,1.0,T4g,g5g.xlarge,arm64\r\n"
                + "us-east-1,0.1,,x,4,2,,,t4g.large,i386;x86_64\r\n");
        OfferRow g5g = sink.offer(2, PurchaseOption.ON_DEMAND);
        assertEquals("g5g.xlarge", g5g.instanceType());
        assertEquals("nvidia-t4", g5g.accelerator());
        assertEquals("arm64", g5g.cpuArchitecture());
        assertEquals("", g5g.zone());
        assertEquals(16.0, g5g.acceleratorMemoryGib(), "the vocabulary's nominal memory where the row states none");
        assertEquals("x86_64", sink.offer(3, PurchaseOption.ON_DEMAND).cpuArchitecture());
        assertEquals(List.of(), sink.rejected);
    }

    @Test
    void blankLinesAreSkipped() throws IOException {
        Collector sink = read(HEADER + "\nm5.large,,,2,8,,0.096,0.03,us-east-1,\n\n");
        assertEquals(1, sink.count(PurchaseOption.ON_DEMAND));
        assertEquals("m5.large", sink.offer(3, PurchaseOption.ON_DEMAND).instanceType(), "line numbers count blank lines");
        assertEquals(List.of(), sink.rejected);
    }

    // ---------------------------------------------------------------- memory

    /** Produces a catalog of {@code rows} rows on demand, never holding more than one row. */
    private static final class SyntheticCatalog extends InputStream {

        private final int rows;
        private int next = -1;
        private byte[] current = new byte[0];
        private int position;

        SyntheticCatalog(int rows) {
            this.rows = rows;
        }

        private boolean advance() {
            while (position == current.length) {
                if (next == rows) {
                    return false;
                }
                String line = next < 0 ? HEADER
                        : (next % 2 == 0
                                ? "g4dn.xlarge,T4,1,4,16,,0.526,0.2,region-" + (next % 97) + ",zone-" + next + "\n"
                                : "\"m5.large\",,,2,8,,0.096,,\"region, " + (next % 89) + "\",\n");
                current = line.getBytes(StandardCharsets.UTF_8);
                position = 0;
                next++;
            }
            return true;
        }

        @Override
        public int read() {
            return advance() ? current[position++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (!advance()) {
                return -1;
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, buffer, offset, n);
            position += n;
            return n;
        }
    }

    @Test
    void readsALargeStreamWithoutKeepingIt() throws IOException {
        int rows = 300_000;
        long[] counts = new long[3];
        READER.read(new SyntheticCatalog(rows), context("synthetic"), new OfferSink() {
            @Override
            public void offer(OfferRow row) {
                counts[row.purchaseOption() == PurchaseOption.SPOT ? 1 : 0]++;
            }

            @Override
            public void rejected(RejectedRow row) {
                counts[2]++;
            }
        });
        assertEquals(rows, counts[0]);
        assertEquals(rows / 2, counts[1]);
        assertEquals(0, counts[2]);
    }
}
