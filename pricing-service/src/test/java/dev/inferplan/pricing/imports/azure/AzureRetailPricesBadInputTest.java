package dev.inferplan.pricing.imports.azure;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.inferplan.contracts.accelerators.AcceleratorVocabulary;
import dev.inferplan.contracts.money.Money;
import dev.inferplan.contracts.pricing.PurchaseOption;
import dev.inferplan.pricing.imports.RecordingSink;
import dev.inferplan.pricing.pricelists.ImportContext;
import dev.inferplan.pricing.pricelists.ImportFormatException;
import dev.inferplan.pricing.pricelists.RejectedRow;

import static dev.inferplan.pricing.imports.azure.AzureRetailPricesPagingTest.item;
import static dev.inferplan.pricing.imports.azure.AzureRetailPricesPagingTest.stream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Files that cannot be read at all (ImportFormatException) and items that cannot be priced (RejectedRow). */
class AzureRetailPricesBadInputTest {

    private static final ImportContext CONTEXT =
            new ImportContext("azure", currency -> Optional.empty(), AcceleratorVocabulary.standard());

    private static final String GOOD_ITEM = item("USD", 0.096, "eastus", "Standard_D2s_v5", "D2s v5", "D2s v5",
            "Virtual Machines Dsv5 Series", "Consumption", null, "");

    // --- the file as a whole -------------------------------------------------------------------

    @Test
    void notJsonNamesTheParserLocation() {
        ImportFormatException e = refused(stream("<html>\n<body>Service Unavailable</body>\n</html>"));
        assertEquals(1, e.line());
        assertNull(e.column());
        assertTrue(e.getMessage().contains("not valid JSON") && e.getMessage().contains("line 1, column"),
                e.getMessage());
    }

    @Test
    void aTruncatedPageIsRefusedWithTheLineWhereItStops() throws IOException {
        byte[] whole;
        try (InputStream in = AzureRetailPricesReaderTest.page()) {
            whole = in.readAllBytes();
        }
        // cut at byte 45000: line 1335 of 2225, inside Items[60]
        byte[] cut = Arrays.copyOf(whole, 45_000);
        long lines = new String(cut, StandardCharsets.UTF_8).lines().count();
        RecordingSink sink = new RecordingSink();
        ImportFormatException e = assertThrows(ImportFormatException.class,
                () -> new AzureRetailPricesReader().readPage(new ByteArrayInputStream(cut), CONTEXT, sink));
        assertEquals(lines, e.line(), e.getMessage());
        assertNull(e.column());
        assertTrue(e.getMessage().contains("(truncated)"), e.getMessage());
        assertTrue(e.getMessage().contains("line " + lines + ", column "), e.getMessage());
        assertTrue(!sink.offers.isEmpty(), "items before the cut were read (the import refuses them all)");
    }

    @Test
    void aPageCutAfterAnItemButClosedAgainIsCaughtByCount() {
        String page = "{\"Items\": [" + GOOD_ITEM + "], \"NextPageLink\": null, \"Count\": 100}";
        ImportFormatException e = refused(stream(page));
        assertEquals("Count", e.column());
        assertTrue(e.getMessage().contains("Count says '100' items but Items holds 1"), e.getMessage());
    }

    @Test
    void missingItemsIsRefused() {
        ImportFormatException e = refused(stream("{\"BillingCurrency\": \"USD\", \"NextPageLink\": null, \"Count\": 0}"));
        assertEquals("Items", e.column());
        assertTrue(e.getMessage().contains("no Items array"), e.getMessage());
    }

    @Test
    void itemsThatIsNotAnArrayIsRefused() {
        ImportFormatException e = refused(stream("{\"Items\": {\"currencyCode\": \"USD\"}}"));
        assertEquals("Items", e.column());
    }

    @Test
    void aTopLevelArrayIsRefused() {
        ImportFormatException e = refused(stream("[" + GOOD_ITEM + "]"));
        assertTrue(e.getMessage().contains("not a JSON object"), e.getMessage());
    }

    @Test
    void contentAfterTheResponseIsRefused() {
        refused(stream("{\"Items\": []} {\"Items\": []}"));
    }

    @Test
    void anEmptyFileIsRefused() {
        assertTrue(refused(stream("")).getMessage().contains("empty"));
    }

    @Test
    void latin1BytesAreNotUtf8() {
        // "Virtual Machines Dsv5 Série" with é as the single ISO-8859-1 byte 0xE9
        byte[] page = ("{\"Items\": [" + GOOD_ITEM.replace("Dsv5 Series", "Dsv5 S\u00e9rie") + "]}")
                .getBytes(StandardCharsets.ISO_8859_1);
        ImportFormatException e = refused(new ByteArrayInputStream(page));
        assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
    }

    @Test
    void utf16IsNotUtf8() {
        byte[] page = ("{\"Items\": [" + GOOD_ITEM + "]}").getBytes(StandardCharsets.UTF_16);
        ImportFormatException e = refused(new ByteArrayInputStream(page));
        assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
    }

    @Test
    void aUtf8ByteOrderMarkIsAccepted() throws IOException {
        byte[] json = ("{\"Items\": [" + GOOD_ITEM + "]}").getBytes(StandardCharsets.UTF_8);
        byte[] page = new byte[json.length + 3];
        page[0] = (byte) 0xEF;
        page[1] = (byte) 0xBB;
        page[2] = (byte) 0xBF;
        System.arraycopy(json, 0, page, 3, json.length);
        RecordingSink sink = new RecordingSink();
        new AzureRetailPricesReader().readPage(new ByteArrayInputStream(page), CONTEXT, sink);
        assertEquals(1, sink.offers.size());
    }

    // --- single items ----------------------------------------------------------------------------

    @Test
    void aNegativePriceIsRejected() throws IOException {
        assertEquals(List.of(new RejectedRow(2, "Items[1].retailPrice", "retailPrice is negative: -0.096")),
                rejectedWith(GOOD_ITEM.replace("\"retailPrice\": 0.096", "\"retailPrice\": -0.096")));
    }

    @Test
    void aNonNumericPriceIsRejected() throws IOException {
        assertEquals(List.of(new RejectedRow(2, "Items[1].retailPrice",
                        "retailPrice is not a number: '0.096' (a string)")),
                rejectedWith(GOOD_ITEM.replace("\"retailPrice\": 0.096", "\"retailPrice\": \"0.096\"")));
        assertEquals(List.of(new RejectedRow(2, "Items[1].retailPrice", "retailPrice is not a number: null")),
                rejectedWith(GOOD_ITEM.replace("\"retailPrice\": 0.096", "\"retailPrice\": null")));
    }

    @Test
    void aPriceOfZeroIsRejected() throws IOException {
        List<RejectedRow> rows = rejectedWith(GOOD_ITEM.replace("\"retailPrice\": 0.096", "\"retailPrice\": 0"));
        assertEquals("Items[1].retailPrice", rows.getFirst().column());
    }

    @Test
    void aNonHourlyUnitIsRejectedNamingTheUnit() throws IOException {
        assertEquals(List.of(new RejectedRow(2, "Items[1].unitOfMeasure",
                        "unitOfMeasure '1/Month' is not a number of hours ('1 Hour', '100 Hours')")),
                rejectedWith(GOOD_ITEM.replace("\"1 Hour\"", "\"1/Month\"")));
    }

    @Test
    void aPricePerHundredHoursIsDividedByHundred() throws IOException {
        RecordingSink sink = new RecordingSink();
        new AzureRetailPricesReader().readPage(stream("{\"Items\": ["
                + GOOD_ITEM.replace("\"1 Hour\"", "\"100 Hours\"").replace("0.096", "9.6") + "]}"), CONTEXT, sink);
        assertEquals(Money.of("0.096"), sink.offers.getFirst().hourlyUsd());
        assertEquals(new BigDecimal("9.6"), sink.offers.getFirst().sourcePrice());
        assertEquals("100 Hours", sink.offers.getFirst().sourceUnit());
    }

    @Test
    void aReservationTermThatIsNoPurchaseOptionIsRejected() throws IOException {
        String fiveYears = item("USD", 30000, "eastus", "Standard_D2s_v5", "D2s v5", "D2s v5",
                "Virtual Machines Dsv5 Series", "Reservation", "5 Years", "");
        assertEquals(List.of(new RejectedRow(2, "Items[1].reservationTerm",
                "reservationTerm '5 Years' is neither '1 Year' nor '3 Years'")), rejectedWith(fiveYears));
    }

    @Test
    void anUnknownTypeIsRejected() throws IOException {
        assertEquals(List.of(new RejectedRow(2, "Items[1].type",
                        "type 'SavingsPlan' is not Consumption, DevTestConsumption or Reservation")),
                rejectedWith(GOOD_ITEM.replace("\"Consumption\"", "\"SavingsPlan\"")));
    }

    @Test
    void aMissingRegionIsRejected() throws IOException {
        assertEquals(List.of(new RejectedRow(2, "Items[1].armRegionName", "armRegionName is empty")),
                rejectedWith(GOOD_ITEM.replace("\"eastus\"", "\"\"")));
    }

    @Test
    void rejectedItemsDoNotStopTheOthers() throws IOException {
        RecordingSink sink = new RecordingSink();
        String bad = GOOD_ITEM.replace("\"retailPrice\": 0.096", "\"retailPrice\": -1");
        AzureImportSummary summary = new AzureRetailPricesReader().readPage(
                stream("{\"Items\": [" + bad + "," + GOOD_ITEM + "," + bad + "]}"), CONTEXT, sink);
        assertEquals(List.of(2L), sink.offers.stream().map(o -> o.line()).toList());
        assertEquals(List.of(1L, 3L), sink.rejected.stream().map(RejectedRow::line).toList());
        assertEquals(PurchaseOption.ON_DEMAND, sink.offers.getFirst().purchaseOption());
        assertEquals(3, summary.items());
    }

    /** The rows rejected when {@code item} is read after one good item. */
    private static List<RejectedRow> rejectedWith(String item) throws IOException {
        RecordingSink sink = new RecordingSink();
        new AzureRetailPricesReader().readPage(stream("{\"Items\": [" + GOOD_ITEM + "," + item + "]}"), CONTEXT, sink);
        assertEquals(1, sink.offers.size(), "the good item is still an offer");
        return sink.rejected;
    }

    private static ImportFormatException refused(InputStream page) {
        return assertThrows(ImportFormatException.class,
                () -> new AzureRetailPricesReader().readPage(page, CONTEXT, new RecordingSink()));
    }
}
