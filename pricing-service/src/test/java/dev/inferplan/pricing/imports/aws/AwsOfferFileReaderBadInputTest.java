package dev.inferplan.pricing.imports.aws;

import static dev.inferplan.pricing.imports.aws.OfferFiles.dimension;
import static dev.inferplan.pricing.imports.aws.OfferFiles.file;
import static dev.inferplan.pricing.imports.aws.OfferFiles.hourly;
import static dev.inferplan.pricing.imports.aws.OfferFiles.product;
import static dev.inferplan.pricing.imports.aws.OfferFiles.reservation;
import static dev.inferplan.pricing.imports.aws.OfferFiles.sku;
import static dev.inferplan.pricing.imports.aws.OfferFiles.term;
import static dev.inferplan.pricing.imports.aws.OfferFiles.upfront;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.inferplan.contracts.money.Money;
import dev.inferplan.contracts.pricing.PurchaseOption;
import dev.inferplan.pricing.imports.RecordingSink;
import dev.inferplan.pricing.pricelists.ImportFormatException;
import dev.inferplan.pricing.pricelists.OfferRow;
import dev.inferplan.pricing.pricelists.RejectedRow;

/** File faults (ImportFormatException) and row faults (RejectedRow with a JSON path). */
class AwsOfferFileReaderBadInputTest {

    private static final String SKU = "AAAABBBBCCCCDDDD";
    private static final String OD = "JRTCKXETXF";

    // ---------------------------------------------------------------- file faults

    @Test
    void notJsonGivesTheParsersLineAndColumn() {
        ImportFormatException e = assertThrows(ImportFormatException.class,
                () -> OfferFiles.read("{\n  \"formatVersion\" : \"v1.0\",\n  products: {}\n}"));
        assertEquals(3, e.line());
        assertEquals("3", e.column());
        assertTrue(e.getMessage().contains("not valid JSON at line 3, column 3"), e.getMessage());

        ImportFormatException prose = assertThrows(ImportFormatException.class,
                () -> OfferFiles.read("SKU,OfferTermCode,RateCode\n"));
        assertEquals(1, prose.line());
        assertNotNull(prose.column());
    }

    @Test
    void truncatedJsonIsAFileFault() {
        byte[] whole = OfferFiles.resource("aws_offer_ec2_us-east-2_excerpt_opencost.json");
        byte[] half = Arrays.copyOf(whole, whole.length / 2);
        ImportFormatException e = assertThrows(ImportFormatException.class,
                () -> OfferFiles.read(half, OfferFiles.usdOnly()));
        assertTrue(e.line() > 100, () -> "line " + e.line() + ": " + e.getMessage());
        // cut inside the terms, after the products: still refused as a whole
        byte[] cut = Arrays.copyOf(whole, whole.length - 40);
        assertThrows(ImportFormatException.class, () -> OfferFiles.read(cut, OfferFiles.usdOnly()));
    }

    @Test
    void emptyFileIsAFileFault() {
        ImportFormatException e = assertThrows(ImportFormatException.class, () -> OfferFiles.read(""));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        assertThrows(ImportFormatException.class, () -> OfferFiles.read("   \n  "));
    }

    @Test
    void missingSectionsAreFileFaults() {
        ImportFormatException noProducts = assertThrows(ImportFormatException.class,
                () -> OfferFiles.read("{\"formatVersion\" : \"v1.0\", \"offerCode\" : \"AmazonEC2\"}"));
        assertEquals("products", noProducts.column());

        String productsOnly = "{\"formatVersion\" : \"v1.0\", \"products\" : {\n" + product(SKU, "m5.large", "") + "\n}}";
        ImportFormatException noTerms = assertThrows(ImportFormatException.class, () -> OfferFiles.read(productsOnly));
        assertEquals("terms", noTerms.column());

        ImportFormatException termsOnly = assertThrows(ImportFormatException.class,
                () -> OfferFiles.read("{\"formatVersion\" : \"v1.0\", \"terms\" : {\"OnDemand\" : {}}}"));
        assertEquals("terms", termsOnly.column());
    }

    @Test
    void termsBeforeProductsAreAnUnsupportedLayout() {
        String json = "{\"formatVersion\" : \"v1.0\", \"terms\" : {\"OnDemand\" : {\n"
                + sku(SKU, term(SKU, OD, "", hourly(SKU, OD, "0.0960000000"))) + "\n}},\n"
                + "\"products\" : {\n" + product(SKU, "m5.large", "") + "\n}}";
        ImportFormatException e = assertThrows(ImportFormatException.class, () -> OfferFiles.read(json));
        assertEquals("terms", e.column());
        assertTrue(e.getMessage().contains("unsupported"), e.getMessage());
    }

    @Test
    void notUtf8IsAFileFault() throws IOException {
        String json = file(List.of(product(SKU, "m5.large", "")),
                List.of(sku(SKU, term(SKU, OD, "", hourly(SKU, OD, "0.0960000000")))), List.of());
        // a Latin-1 "é" (0xE9) inside a description: not a UTF-8 sequence
        String marked = json.replace("per On Demand Linux", "per On Demand Linux caf\u00e9");
        byte[] latin1 = marked.getBytes(StandardCharsets.ISO_8859_1);
        ImportFormatException e = assertThrows(ImportFormatException.class,
                () -> OfferFiles.read(latin1, OfferFiles.usdOnly()));
        assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());

        ByteArrayOutputStream utf16 = new ByteArrayOutputStream();
        utf16.write(json.getBytes(StandardCharsets.UTF_16)); // Java writes a big-endian BOM first
        ImportFormatException bom = assertThrows(ImportFormatException.class,
                () -> OfferFiles.read(utf16.toByteArray(), OfferFiles.usdOnly()));
        assertTrue(bom.getMessage().contains("not UTF-8"), bom.getMessage());

        // the same file in proper UTF-8, with or without a UTF-8 byte-order mark, reads fine
        ByteArrayOutputStream withBom = new ByteArrayOutputStream();
        withBom.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        withBom.write(marked.getBytes(StandardCharsets.UTF_8));
        RecordingSink sink = OfferFiles.read(withBom.toByteArray(), OfferFiles.usdOnly());
        assertEquals(1, sink.offers.size());
        assertEquals(Money.of("0.096"), sink.offers.getFirst().hourlyUsd());
    }

    @Test
    void otherShapesAndServicesAreFileFaults() {
        assertThrows(ImportFormatException.class, () -> OfferFiles.read("[1, 2, 3]"));
        ImportFormatException rds = assertThrows(ImportFormatException.class,
                () -> OfferFiles.read("{\"formatVersion\" : \"v1.0\", \"offerCode\" : \"AmazonRDS\", \"products\" : {}}"));
        assertEquals("offerCode", rds.column());
        ImportFormatException v2 = assertThrows(ImportFormatException.class,
                () -> OfferFiles.read("{\"formatVersion\" : \"v2.0\", \"products\" : {}}"));
        assertEquals("formatVersion", v2.column());
        assertThrows(ImportFormatException.class, () -> OfferFiles.read(
                "{\"formatVersion\" : \"v1.0\", \"products\" : {}, \"terms\" : {}} trailing"));
    }

    // ---------------------------------------------------------------- row faults

    /** An upfront fee under OnDemand without reservation attributes is rejected, never an hourly price. */
    @Test
    void upfrontFeeUnderOnDemandWithoutReservationAttributesIsRejected() throws IOException {
        String json = file(List.of(product(SKU, "m5.large", "")),
                List.of(sku(SKU, term(SKU, "MZU6U2429S", "", upfront(SKU, "MZU6U2429S", "1161")))), List.of());
        RecordingSink sink = OfferFiles.read(json);

        assertEquals(List.of(), sink.offers);
        assertEquals(List.of(new RejectedRow(1,
                "terms.OnDemand." + SKU + ".MZU6U2429S.priceDimensions." + SKU + ".MZU6U2429S.2TG2D8R56U",
                "upfront fee (unit Quantity) under OnDemand: not an hourly rate")), sink.rejected);
    }

    @Test
    void currencyWithoutRateIsRejectedAndWithRateConverted() throws IOException {
        String eur = dimension(SKU, OD, "6YS6EN2CT7", "EUR 0.0890 per On Demand Linux m5.large Instance Hour", "Hrs",
                "\"EUR\" : \"0.0890000000\"");
        String json = file(List.of(product(SKU, "m5.large", "")), List.of(sku(SKU, term(SKU, OD, "", eur))), List.of());

        RecordingSink refused = OfferFiles.read(json);
        assertEquals(List.of(), refused.offers);
        assertEquals(1, refused.rejected.size());
        RejectedRow row = refused.rejected.getFirst();
        assertEquals(1, row.line());
        assertEquals("terms.OnDemand." + SKU + "." + OD + ".priceDimensions." + SKU + "." + OD
                + ".6YS6EN2CT7.pricePerUnit.EUR", row.column());
        assertTrue(row.reason().contains("EUR"), row.reason());

        RecordingSink converted = OfferFiles.read(json,
                OfferFiles.context(Map.of("EUR", new BigDecimal("1.0843"))));
        assertEquals(List.of(), converted.rejected);
        OfferRow offer = converted.offers.getFirst();
        assertEquals(Money.of("0.09650270"), offer.hourlyUsd()); // 0.089 × 1.0843
        assertEquals(new BigDecimal("0.0890000000"), offer.sourcePrice());
        assertEquals("EUR", offer.sourceCurrency());
    }

    @Test
    void badReservationAttributesAreRejectedWithTheirPath() throws IOException {
        String code = "4NA7Y494T4";
        String json = file(List.of(product(SKU, "m5.large", "")),
                List.of(sku(SKU, term(SKU, OD, "", hourly(SKU, OD, "0.0960000000")))),
                List.of(sku(SKU,
                        term(SKU, code, reservation("5yr", "standard", "No Upfront"), hourly(SKU, code, "0.0600000000")),
                        term(SKU, "HU7G6KETJZ", reservation("1yr", "standard", "Heavy Utilization"),
                                hourly(SKU, "HU7G6KETJZ", "0.0300000000")),
                        term(SKU, "38NPMPTW36", reservation("3yr", "standard", "Partial Upfront"),
                                hourly(SKU, "38NPMPTW36", "0.0210000000")))));
        RecordingSink sink = OfferFiles.read(json);

        assertEquals(1, sink.offers.size());
        assertEquals(PurchaseOption.ON_DEMAND, sink.offers.getFirst().purchaseOption());
        assertEquals(3, sink.rejected.size(), () -> "" + sink.rejected);
        assertEquals(new RejectedRow(2, "terms.Reserved." + SKU + "." + code + ".termAttributes.LeaseContractLength",
                "a reservation needs LeaseContractLength 1yr or 3yr, found '5yr'"), sink.rejected.get(0));
        assertEquals("terms.Reserved." + SKU + ".HU7G6KETJZ.termAttributes.PurchaseOption", sink.rejected.get(1).column());
        assertEquals(3, sink.rejected.get(1).line());
        // Partial Upfront without its fee
        assertEquals("terms.Reserved." + SKU + ".38NPMPTW36.priceDimensions", sink.rejected.get(2).column());
        assertEquals(4, sink.rejected.get(2).line());
    }

    @Test
    void tieredAndUnknownUnitsAndZeroPricesAreRejected() throws IOException {
        String tiered = hourly(SKU, OD, "0.0960000000").replace("\"endRange\" : \"Inf\"", "\"endRange\" : \"750\"");
        String other = "BBBBCCCCDDDDEEEE";
        String gb = dimension(other, OD, "6YS6EN2CT7", "$0.08 per GB-month", "GB-Mo", "\"USD\" : \"0.08\"");
        String third = "CCCCDDDDEEEEFFFF";
        String json = file(List.of(product(SKU, "m5.large", ""), product(other, "m5.xlarge", ""),
                        product(third, "m5.2xlarge", "")),
                List.of(sku(SKU, term(SKU, OD, "", tiered)), sku(other, term(other, OD, "", gb)),
                        sku(third, term(third, OD, "", hourly(third, OD, "0.0000000000")))),
                List.of());
        RecordingSink sink = OfferFiles.read(json);

        assertEquals(List.of(), sink.offers);
        assertEquals(3, sink.rejected.size(), () -> "" + sink.rejected);
        assertTrue(sink.rejected.get(0).reason().contains("tiered"), sink.rejected.get(0).reason());
        assertTrue(sink.rejected.get(1).reason().contains("GB-Mo"), sink.rejected.get(1).reason());
        assertEquals(2, sink.rejected.get(1).line());
        assertTrue(sink.rejected.get(2).reason().contains("0"), sink.rejected.get(2).reason());
    }

    @Test
    void unknownSkuDuplicateInstanceTypeAndBadGpuFiguresAreRejected() throws IOException {
        String twin = "TWINTWINTWINTWIN";
        String p4dWrong = "P4DP4DP4DP4DP4DX";
        String dl1 = "DL1DL1DL1DL1DL1X";
        String stranger = "NOTINPRODUCTSXXX";
        String json = file(
                List.of(product(SKU, "m5.large", ""), product(twin, "m5.large", ""),
                        // 640 GiB over 8 devices is 80 per device: p4d's table entry is the 40GB part
                        product(p4dWrong, "p4d.24xlarge", "\"gpu\" : \"8\", \"gpuMemory\" : \"640 GiB\""),
                        product(dl1, "dl1.24xlarge", "\"gpu\" : \"8\"")),
                List.of(sku(SKU, term(SKU, OD, "", hourly(SKU, OD, "0.0960000000"))),
                        sku(stranger, term(stranger, OD, "", hourly(stranger, OD, "1.0000000000")))),
                List.of());
        RecordingSink sink = OfferFiles.read(json);

        assertEquals(1, sink.offers.size());
        assertEquals(4, sink.rejected.size(), () -> "" + sink.rejected);
        assertEquals(new RejectedRow(2, "products." + twin + ".attributes.instanceType", sink.rejected.get(0).reason()),
                sink.rejected.get(0));
        assertTrue(sink.rejected.get(0).reason().contains(SKU), sink.rejected.get(0).reason());
        assertEquals("products." + p4dWrong + ".attributes.gpuMemory", sink.rejected.get(1).column());
        assertEquals("products." + dl1 + ".attributes.instanceType", sink.rejected.get(2).column());
        assertTrue(sink.rejected.get(2).reason().contains("'dl1'"), sink.rejected.get(2).reason());
        assertEquals(new RejectedRow(2, "terms.OnDemand." + stranger, "terms for SKU '" + stranger
                + "', which the products section does not list"), sink.rejected.get(3));
    }

    /**
     * Two reservation terms of one option and payment with different prices: the first is kept, the second
     * reported; the All Upfront term of the same option is an offer of its own.
     */
    @Test
    void conflictingDuplicateReservationIsRejected() throws IOException {
        String json = file(List.of(product(SKU, "m5.large", "")), List.of(),
                List.of(sku(SKU,
                        term(SKU, "4NA7Y494T4", reservation("1yr", "standard", "No Upfront"),
                                hourly(SKU, "4NA7Y494T4", "0.0600000000")),
                        term(SKU, "XXXXXXXXXX", reservation("1yr", "standard", "No Upfront"),
                                hourly(SKU, "XXXXXXXXXX", "0.0610000000")),
                        term(SKU, "6QCMYABX3D", reservation("1yr", "standard", "All Upfront"),
                                upfront(SKU, "6QCMYABX3D", "500"), hourly(SKU, "6QCMYABX3D", "0.0000000000")))));
        RecordingSink sink = OfferFiles.read(json);

        assertEquals(2, sink.offers.size());
        OfferRow kept = sink.offers.getFirst();
        assertEquals(PurchaseOption.RESERVED_1Y, kept.purchaseOption());
        assertEquals(Money.of("0.06"), kept.hourlyUsd());
        assertEquals(1, kept.line());
        OfferRow allUpfront = sink.offers.get(1);
        assertEquals(dev.inferplan.contracts.pricing.PaymentOption.ALL_UPFRONT, allUpfront.paymentOption());
        // 500 / 8,760 h = 0.05707762557…
        assertEquals(Money.of("0.0570776256"), allUpfront.hourlyUsd());
        assertEquals(Money.of("500"), allUpfront.upfrontUsd());
        assertEquals(1, sink.rejected.size(), () -> "" + sink.rejected);
        assertEquals(2, sink.rejected.getFirst().line());
        assertEquals("terms.Reserved." + SKU + ".XXXXXXXXXX", sink.rejected.getFirst().column());
    }
}
