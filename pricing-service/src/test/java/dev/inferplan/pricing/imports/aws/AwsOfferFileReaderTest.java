package dev.inferplan.pricing.imports.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.inferplan.contracts.accelerators.AcceleratorVocabulary;
import dev.inferplan.contracts.money.Money;
import dev.inferplan.contracts.pricing.PurchaseOption;
import dev.inferplan.pricing.imports.RecordingSink;
import dev.inferplan.pricing.pricelists.OfferKind;
import dev.inferplan.pricing.pricelists.OfferRow;
import dev.inferplan.pricing.pricelists.RejectedRow;

/** The reader on the real OpenCost excerpt and on a larger synthetic file in AWS's published layout. */
class AwsOfferFileReaderTest {

    private static final String EXCERPT = "aws_offer_ec2_us-east-2_excerpt_opencost.json";
    private static final String SYNTHETIC = "aws_offer_ec2_gpu_synthetic.json";

    @Test
    void formatName() {
        assertEquals("aws-offer", new AwsOfferFileReader().format());
    }

    // ---------------------------------------------------------------- the real excerpt (OpenCost)

    /**
     * The excerpt's only qualifying SKU is m5.large Linux (8D49XP354UEYTHGM), and the only term it
     * has is a 3-year convertible All Upfront fee of USD 1161 filed under OnDemand: it becomes that
     * reservation, amortized over 26,280 hours, never an on-demand hourly price. The file has no
     * on-demand hourly price for m5.large at all.
     */
    @Test
    void excerptGivesTheM5ReservationAndNoOnDemandPrice() throws IOException {
        RecordingSink sink = OfferFiles.read(OfferFiles.resource(EXCERPT), OfferFiles.usdOnly());

        assertEquals(List.of(), sink.rejected);
        assertEquals(1, sink.offers.size(), () -> "offers: " + sink.offers);
        OfferRow m5 = sink.offers.getFirst();
        assertEquals("us-east-2", m5.region());
        assertEquals("", m5.zone());
        assertEquals("m5.large", m5.instanceType());
        assertEquals(OfferKind.INSTANCE, m5.kind());
        assertEquals(PurchaseOption.CONVERTIBLE_3Y, m5.purchaseOption());
        // 1161 / 26280 = 0.04417808219178..., half-even at 10 digits
        assertEquals(Money.of("0.0441780822"), m5.hourlyUsd());
        assertEquals("0.0441780822", m5.hourlyUsd().toString());
        assertEquals(Money.of("1161"), m5.upfrontUsd());
        assertEquals(new BigDecimal("1161"), m5.sourcePrice());
        assertEquals("USD", m5.sourceCurrency());
        assertEquals("Quantity", m5.sourceUnit());
        assertNull(m5.accelerator());
        assertEquals(0, BigDecimal.ZERO.compareTo(m5.acceleratorCount()));
        assertNull(m5.acceleratorMemoryGib());
        assertEquals(new BigDecimal("2"), m5.vcpus());
        assertEquals(new BigDecimal("8"), m5.memoryGib());
        assertEquals("x86_64", m5.cpuArchitecture());
        // third term of the file: gp3 storage, p3.8xlarge, then the m5.large fee
        assertEquals(3, m5.line());

        assertTrue(sink.offers.stream().noneMatch(row -> row.purchaseOption() == PurchaseOption.ON_DEMAND),
                "the upfront fee must not become an on-demand hourly price");
    }

    /** p3.8xlarge there is Windows with a BYOL licence: the Linux-only filter leaves it out, silently. */
    @Test
    void excerptWindowsByolP3IsFilteredOut() throws IOException {
        RecordingSink sink = OfferFiles.read(OfferFiles.resource(EXCERPT), OfferFiles.usdOnly());

        assertTrue(sink.offers.stream().noneMatch(row -> row.instanceType().equals("p3.8xlarge")));
        assertTrue(sink.offers.stream().noneMatch(row -> row.hourlyUsd().equals(Money.of("12.24"))));
        assertTrue(sink.rejected.stream().noneMatch(row -> row.column().contains("9ZEEN7WWWQKAG292")));
        // neither do the storage and load-balancer prices (GB-Mo; an NLB's Hrs) become offers
        assertTrue(sink.offers.stream().noneMatch(row -> row.hourlyUsd().equals(Money.of("0.0225"))));
    }

    // ---------------------------------------------------------------- the synthetic GPU file

    @Test
    void syntheticFileGivesExactlyTheseOffers() throws IOException {
        RecordingSink sink = OfferFiles.read(OfferFiles.resource(SYNTHETIC), OfferFiles.usdOnly());
        Map<String, OfferRow> byKey = sink.offers.stream()
                .collect(Collectors.toMap(OfferRow::key, Function.identity()));
        assertEquals(sink.offers.size(), byKey.size(), "no two offers may share a key");
        assertEquals(Set.of(
                "us-east-1||g5.xlarge|INSTANCE||ON_DEMAND",
                "us-east-1||g5.xlarge|INSTANCE||RESERVED_1Y",
                "us-east-1||g5.xlarge|INSTANCE||RESERVED_1Y/PARTIAL_UPFRONT",
                "us-east-1||g5.xlarge|INSTANCE||RESERVED_3Y/ALL_UPFRONT",
                "us-east-1||g5.xlarge|INSTANCE||CONVERTIBLE_1Y/PARTIAL_UPFRONT",
                "us-east-1||g5.xlarge|INSTANCE||CONVERTIBLE_3Y/ALL_UPFRONT",
                "us-east-1||p4d.24xlarge|INSTANCE||ON_DEMAND",
                "us-east-1||p4d.24xlarge|INSTANCE||RESERVED_1Y",
                "us-east-1||p4d.24xlarge|INSTANCE||RESERVED_3Y/PARTIAL_UPFRONT",
                "us-east-1||p4d.24xlarge|INSTANCE||RESERVED_3Y/ALL_UPFRONT",
                "us-east-1||p4d.24xlarge|INSTANCE||CONVERTIBLE_1Y/PARTIAL_UPFRONT",
                "us-east-1||inf2.xlarge|INSTANCE||ON_DEMAND",
                "eu-central-1||c7g.large|INSTANCE||ON_DEMAND"), byKey.keySet());

        // g5.xlarge: one A10G (24 GiB stated as gpuMemory), AMD host
        OfferRow g5 = byKey.get("us-east-1||g5.xlarge|INSTANCE||ON_DEMAND");
        assertOffer(g5, 1, "1.0060", null, "1.0060000000", "Hrs");
        assertEquals("nvidia-a10g", g5.accelerator());
        assertEquals(new BigDecimal("1"), g5.acceleratorCount());
        assertEquals(24.0, g5.acceleratorMemoryGib());
        assertEquals(new BigDecimal("4"), g5.vcpus());
        assertEquals(new BigDecimal("16"), g5.memoryGib());
        assertEquals("x86_64", g5.cpuArchitecture());

        // 1yr standard: No Upfront (item 11) and Partial Upfront (item 12) are distinct offers
        assertOffer(byKey.get("us-east-1||g5.xlarge|INSTANCE||RESERVED_1Y"), 11, "0.6340", null, "0.6340000000", "Hrs");
        assertEquals(dev.inferplan.contracts.pricing.PaymentOption.NO_UPFRONT,
                byKey.get("us-east-1||g5.xlarge|INSTANCE||RESERVED_1Y").paymentOption());
        assertEquals(java.time.Instant.parse("2025-06-01T00:00:00Z"),
                byKey.get("us-east-1||g5.xlarge|INSTANCE||RESERVED_1Y").effectiveFrom(), "the term's effectiveDate");
        assertEquals(dev.inferplan.contracts.pricing.PaymentOption.PARTIAL_UPFRONT,
                byKey.get("us-east-1||g5.xlarge|INSTANCE||RESERVED_1Y/PARTIAL_UPFRONT").paymentOption());
        // Partial Upfront amortized over 8,760 h: 0.304 + 2660 / 8760 = 0.60765296803...
        assertOffer(byKey.get("us-east-1||g5.xlarge|INSTANCE||RESERVED_1Y/PARTIAL_UPFRONT"), 12, "0.607652968", "2660",
                "0.3040000000", "Hrs");
        // 3yr standard All Upfront: 9853 / 26280 = 0.37492389649...; Hrs dimension 0.0000000000
        assertOffer(byKey.get("us-east-1||g5.xlarge|INSTANCE||RESERVED_3Y/ALL_UPFRONT"), 13, "0.3749238965", "9853", "9853",
                "Quantity");
        // 1yr convertible Partial Upfront: 0.363 + 3180 / 8760 = 0.72601369863...
        assertOffer(byKey.get("us-east-1||g5.xlarge|INSTANCE||CONVERTIBLE_1Y/PARTIAL_UPFRONT"), 14, "0.7260136986", "3180",
                "0.3630000000", "Hrs");
        // 3yr convertible All Upfront: 12000 / 26280 = 0.45662100456...
        assertOffer(byKey.get("us-east-1||g5.xlarge|INSTANCE||CONVERTIBLE_3Y/ALL_UPFRONT"), 15, "0.4566210046", "12000", "12000",
                "Quantity");

        // p4d.24xlarge: 8 × A100 40GB (320 GiB in all)
        OfferRow p4d = byKey.get("us-east-1||p4d.24xlarge|INSTANCE||ON_DEMAND");
        assertOffer(p4d, 3, "32.7726", null, "32.7726000000", "Hrs");
        assertEquals("nvidia-a100-40gb", p4d.accelerator());
        assertEquals(new BigDecimal("8"), p4d.acceleratorCount());
        assertEquals(40.0, p4d.acceleratorMemoryGib());
        assertEquals(new BigDecimal("96"), p4d.vcpus());
        assertEquals(new BigDecimal("1152"), p4d.memoryGib());
        assertOffer(byKey.get("us-east-1||p4d.24xlarge|INSTANCE||RESERVED_1Y"), 17, "20.6467", null, "20.6467000000",
                "Hrs");
        // 3yr standard Partial Upfront (item 19), beside All Upfront (item 18):
        // 5.107 + 134217 / 26280 = 10.21419178082...
        assertOffer(byKey.get("us-east-1||p4d.24xlarge|INSTANCE||RESERVED_3Y/PARTIAL_UPFRONT"), 19, "10.2141917808", "134217",
                "5.1070000000", "Hrs");
        // 3yr standard All Upfront: 241623 / 26280 = 9.19417808219...
        assertOffer(byKey.get("us-east-1||p4d.24xlarge|INSTANCE||RESERVED_3Y/ALL_UPFRONT"), 18, "9.1941780822", "241623",
                "241623", "Quantity");
        // 1yr convertible Partial Upfront: 10.62 + 93000 / 8760 = 21.23643835616...
        assertOffer(byKey.get("us-east-1||p4d.24xlarge|INSTANCE||CONVERTIBLE_1Y/PARTIAL_UPFRONT"), 20, "21.2364383562", "93000",
                "10.6200000000", "Hrs");

        // inf2.xlarge has no gpu attribute: one Inferentia2 from AWS's documented device count
        OfferRow inf2 = byKey.get("us-east-1||inf2.xlarge|INSTANCE||ON_DEMAND");
        assertOffer(inf2, 7, "0.7582", null, "0.7582000000", "Hrs");
        assertEquals("aws-inferentia2", inf2.accelerator());
        assertEquals(new BigDecimal("1"), inf2.acceleratorCount());
        assertEquals(32.0, inf2.acceleratorMemoryGib());

        // c7g.large has only a location ("EU (Frankfurt)"), a Graviton host and no accelerator
        OfferRow c7g = byKey.get("eu-central-1||c7g.large|INSTANCE||ON_DEMAND");
        assertOffer(c7g, 8, "0.0816", null, "0.0816000000", "Hrs");
        assertEquals("arm64", c7g.cpuArchitecture());
        assertNull(c7g.accelerator());
        assertEquals(0, BigDecimal.ZERO.compareTo(c7g.acceleratorCount()));
    }

    /** RHEL, dedicated, unused-reservation and SQL SKUs of the same types give nothing, silently. */
    @Test
    void syntheticFileFiltersOtherOperatingSystemsTenanciesAndCapacity() throws IOException {
        RecordingSink sink = OfferFiles.read(OfferFiles.resource(SYNTHETIC), OfferFiles.usdOnly());
        Set<Money> hourly = sink.offers.stream().map(OfferRow::hourlyUsd).collect(Collectors.toSet());
        // the RHEL p4d, the dedicated g5 and the g5 with SQL Web
        assertTrue(!hourly.contains(Money.of("32.9026")) && !hourly.contains(Money.of("20.7767"))
                && !hourly.contains(Money.of("1.107")) && !hourly.contains(Money.of("1.074")), () -> "" + hourly);
        assertEquals(1, sink.offers.stream()
                .filter(row -> row.instanceType().equals("g5.xlarge") && row.purchaseOption() == PurchaseOption.ON_DEMAND)
                .count());
        assertTrue(sink.rejected.stream().noneMatch(row -> row.column().contains("K7YXJ9VSB2DRKCUT")
                || row.column().contains("AR2BZV4EH3FFVH9C") || row.column().contains("HBKDNH4CD8TPJQ7E")
                || row.column().contains("TU2VQ5KA4R2YD3C8")));
    }

    /** g6f (gpu=1, family unknown to the table) and a location nobody knows: one rejected row each. */
    @Test
    void syntheticFileRejectsUnknownFamilyAndUnknownLocation() throws IOException {
        RecordingSink sink = OfferFiles.read(OfferFiles.resource(SYNTHETIC), OfferFiles.usdOnly());

        assertEquals(2, sink.rejected.size(), () -> "rejected: " + sink.rejected);
        RejectedRow g6f = sink.rejected.get(0);
        assertEquals(9, g6f.line());
        assertEquals("products.Q8ZK3ZMX9DWPPQAE.attributes.gpu", g6f.column());
        assertTrue(g6f.reason().contains("'g6f'"), g6f.reason());
        RejectedRow moon = sink.rejected.get(1);
        assertEquals(10, moon.line());
        assertEquals("products.YYRC4R3M6H7ZBG5D.attributes.location", moon.column());
        assertTrue(moon.reason().contains("Moon (Tranquility Base)"), moon.reason());
        // their terms are skipped, not rejected a second time
        assertTrue(sink.offers.stream().noneMatch(row -> row.instanceType().equals("g6f.large")
                || row.instanceType().equals("m5.large")));
    }

    /** Every accelerator name of the family table resolves in the standard vocabulary. */
    @Test
    void everyFamilyOfTheTableResolves() {
        AcceleratorVocabulary vocabulary = AcceleratorVocabulary.standard();
        Set<String> unresolved = new HashSet<>();
        AwsInstanceFamilies.all().forEach((family, name) -> {
            if (vocabulary.resolve(name).isEmpty()) {
                unresolved.add(family + " → " + name);
            }
        });
        assertEquals(Set.of(), unresolved);
        assertEquals("nvidia-v100-32gb", vocabulary.resolve(AwsInstanceFamilies.all().get("p3dn")).orElseThrow().id().id());
        assertEquals("nvidia-a100-80gb", vocabulary.resolve(AwsInstanceFamilies.all().get("p4de")).orElseThrow().id().id());
        assertEquals("nvidia-h100-80gb", vocabulary.resolve(AwsInstanceFamilies.all().get("p5")).orElseThrow().id().id());
        assertEquals("nvidia-t4", vocabulary.resolve(AwsInstanceFamilies.all().get("g4dn")).orElseThrow().id().id());
        assertEquals("aws-trainium", vocabulary.resolve(AwsInstanceFamilies.all().get("trn1")).orElseThrow().id().id());
    }

    private static void assertOffer(OfferRow row, long line, String hourly, String upfront, String sourcePrice,
                                    String sourceUnit) {
        assertEquals(line, row.line(), () -> "line of " + row);
        assertEquals(Money.of(hourly), row.hourlyUsd(), () -> "hourly of " + row);
        assertEquals(hourly, row.hourlyUsd().toString(), () -> "hourly of " + row);
        if (upfront == null) {
            assertNull(row.upfrontUsd(), () -> "upfront of " + row);
        } else {
            assertEquals(Money.of(upfront), row.upfrontUsd(), () -> "upfront of " + row);
        }
        assertEquals(new BigDecimal(sourcePrice), row.sourcePrice(), () -> "source price of " + row);
        assertEquals("USD", row.sourceCurrency());
        assertEquals(sourceUnit, row.sourceUnit(), () -> "source unit of " + row);
        assertEquals("", row.zone());
        assertEquals(OfferKind.INSTANCE, row.kind());
    }
}
