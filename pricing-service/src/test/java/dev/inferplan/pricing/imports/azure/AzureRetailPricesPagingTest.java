package dev.inferplan.pricing.imports.azure;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.inferplan.contracts.accelerators.AcceleratorVocabulary;
import dev.inferplan.contracts.money.Money;
import dev.inferplan.contracts.pricing.PurchaseOption;
import dev.inferplan.pricing.imports.RecordingSink;
import dev.inferplan.pricing.pricelists.ImportContext;
import dev.inferplan.pricing.pricelists.ImportFormatException;
import dev.inferplan.pricing.pricelists.OfferKind;
import dev.inferplan.pricing.pricelists.OfferRow;
import dev.inferplan.pricing.pricelists.RejectedRow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A two-page GPU import built in the documented response format (the fields and values of the
 * docs' samples and of the real 2021 page; {@code savingsPlan} as the 2023-01-01-preview version
 * nests it in Consumption items), followed through NextPageLink from a directory of page files.
 * The prices are test values, not Azure's. The pages hold 5 items each, so the directory's page
 * size is 5 (the real API puts 100 or more on a page). One item is priced in EUR: the API sends
 * other currencies on request ({@code currencyCode='EUR'}); a mixed page is not what it sends, but
 * the reader reads currencies item by item.
 */
class AzureRetailPricesPagingTest {

    private static final String FIRST = "https://prices.azure.com/api/retail/prices"
            + "?$filter=serviceName eq 'Virtual Machines' and productName eq 'Virtual Machines NCasT4_v3 Series'";
    private static final String SECOND = "https://prices.azure.com:443/api/retail/prices"
            + "?$filter=serviceName%20eq%20%27Virtual%20Machines%27&$skip=5";

    private static final String PAGE_1 = """
            {
              "BillingCurrency": "USD",
              "CustomerEntityId": "Default",
              "CustomerEntityType": "Retail",
              "Items": [
                %s,
                %s,
                %s,
                %s,
                %s
              ],
              "NextPageLink": "%s",
              "Count": 5
            }
            """.formatted(
            item("USD", 0.526, "eastus", "Standard_NC4as_T4_v3", "NC4as T4 v3", "NC4as T4 v3",
                    "Virtual Machines NCasT4_v3 Series", "Consumption", null,
                    ",\n \"savingsPlan\": [{\"unitPrice\": 0.2104, \"retailPrice\": 0.2104, \"term\": \"3 Years\"},"
                            + " {\"unitPrice\": 0.3314, \"retailPrice\": 0.3314, \"term\": \"1 Year\"}]"),
            item("USD", 0.0526, "eastus", "Standard_NC4as_T4_v3", "NC4as T4 v3 Spot", "NC4as T4 v3 Spot",
                    "Virtual Machines NCasT4_v3 Series", "Consumption", null, ""),
            item("USD", 0.71, "eastus", "Standard_NC4as_T4_v3", "NC4as T4 v3", "NC4as T4 v3",
                    "Virtual Machines NCasT4_v3 Series Windows", "Consumption", null, ""),
            item("USD", 2890, "eastus", "Standard_NC4as_T4_v3", "NC4as T4 v3", "NC4as T4 v3",
                    "Virtual Machines NCasT4_v3 Series", "Reservation", "1 Year", ""),
            item("USD", 5953, "eastus", "Standard_NC4as_T4_v3", "NC4as T4 v3", "NC4as T4 v3",
                    "Virtual Machines NCasT4_v3 Series", "Reservation", "3 Years", ""),
            SECOND);

    private static final String PAGE_2 = """
            {
              "BillingCurrency": "USD",
              "CustomerEntityId": "Default",
              "CustomerEntityType": "Retail",
              "Items": [
                %s,
                %s,
                %s,
                %s,
                %s
              ],
              "NextPageLink": null,
              "Count": 5
            }
            """.formatted(
            item("EUR", 0.4867, "westeurope", "Standard_NC4as_T4_v3", "NC4as T4 v3", "NC4as T4 v3",
                    "Virtual Machines NCasT4_v3 Series", "Consumption", null, ""),
            item("USD", 4.352, "eastus", "Standard_NC64as_T4_v3", "NC64as T4 v3", "NC64as T4 v3",
                    "Virtual Machines NCasT4_v3 Series", "Consumption", null, ""),
            item("USD", 0.3, "eastus", "Standard_NC4as_T4_v3", "NC4as T4 v3", "NC4as T4 v3",
                    "Virtual Machines NCasT4_v3 Series", "DevTestConsumption", null, ""),
            item("USD", 0.38, "eastus", "Standard_NG8ads_V620_v1", "NG8ads V620 v1", "NG8ads V620 v1",
                    "Virtual Machines NGadsV620 Series", "Consumption", null, ""),
            item("USD", 0.454, "eastus", "Standard_NV6ads_A10_v5", "NV6ads A10 v5", "NV6ads A10 v5",
                    "Virtual Machines NVadsA10 v5 Series", "Consumption", null, ""));

    private static final AcceleratorVocabulary VOCABULARY = AcceleratorVocabulary.standard();

    private static ImportContext context(Map<String, BigDecimal> usdPer) {
        return new ImportContext("azure", currency -> Optional.ofNullable(usdPer.get(currency)), VOCABULARY);
    }

    private static OfferRow t4(long line, String region, String instanceType, String count, PurchaseOption option,
                               String hourly, String upfront, String price, String currency) {
        return new OfferRow(line, region, "", instanceType, OfferKind.INSTANCE, "nvidia-t4", new BigDecimal(count),
                16.0, null, null, null, option, Money.of(hourly), upfront == null ? null : Money.of(upfront),
                new BigDecimal(price), currency, "1 Hour");
    }

    private static final List<OfferRow> PAGE_1_OFFERS = List.of(
            t4(1, "eastus", "Standard_NC4as_T4_v3", "1", PurchaseOption.ON_DEMAND, "0.526", null, "0.526", "USD"),
            t4(2, "eastus", "Standard_NC4as_T4_v3", "1", PurchaseOption.SPOT, "0.0526", null, "0.0526", "USD"),
            // 2890 / 8760 and 5953 / 26280, rounded half-even to 10 places
            t4(4, "eastus", "Standard_NC4as_T4_v3", "1", PurchaseOption.RESERVED_1Y, "0.3299086758", "2890", "2890",
                    "USD"),
            t4(5, "eastus", "Standard_NC4as_T4_v3", "1", PurchaseOption.RESERVED_3Y, "0.22652207", "5953", "5953",
                    "USD"));

    private static final OfferRow EUR_OFFER =
            // 0.4867 EUR at 1.0850 USD per EUR
            t4(6, "westeurope", "Standard_NC4as_T4_v3", "1", PurchaseOption.ON_DEMAND, "0.5280695", null, "0.4867",
                    "EUR");

    private static final List<OfferRow> PAGE_2_USD_OFFERS = List.of(
            t4(7, "eastus", "Standard_NC64as_T4_v3", "4", PurchaseOption.ON_DEMAND, "4.352", null, "4.352", "USD"),
            new OfferRow(10, "eastus", "", "Standard_NV6ads_A10_v5", OfferKind.INSTANCE, "nvidia-a10",
                    new BigDecimal("0.167"), 24.0, null, null, null, PurchaseOption.ON_DEMAND, Money.of("0.454"), null,
                    new BigDecimal("0.454"), "USD", "1 Hour"));

    private static final RejectedRow UNKNOWN_GPU = new RejectedRow(9, "page 2: Items[3].armSkuName",
            "unknown GPU SKU family: 'Standard_NG8ads_V620_v1' is an N-series (accelerated) size that the GPU SKU table"
                    + " does not list");

    @Test
    void followsNextPageLinkThroughADirectoryOfPages(@TempDir Path dir) throws IOException {
        writePages(dir);
        RecordingSink sink = new RecordingSink();
        AzureImportSummary summary = new AzureRetailPricesReader()
                .readPages(new DirectoryPageSource(dir, 5), FIRST, context(Map.of("EUR", new BigDecimal("1.0850"))), sink);

        List<OfferRow> expected = new ArrayList<>(PAGE_1_OFFERS);
        expected.add(EUR_OFFER);
        expected.addAll(PAGE_2_USD_OFFERS);
        assertEquals(expected, sink.offers);
        assertEquals(List.of(UNKNOWN_GPU), sink.rejected);
        assertEquals(new AzureImportSummary(2, 10, 7, 1,
                Map.of(AzureSkipReason.WINDOWS, 1L, AzureSkipReason.DEV_TEST, 1L), null), summary);
    }

    @Test
    void withoutAnExchangeRateTheEuroItemIsRejectedNamingTheCurrency(@TempDir Path dir) throws IOException {
        writePages(dir);
        RecordingSink sink = new RecordingSink();
        AzureImportSummary summary = new AzureRetailPricesReader()
                .readPages(new DirectoryPageSource(dir, 5), FIRST, context(Map.of()), sink);

        List<OfferRow> expected = new ArrayList<>(PAGE_1_OFFERS);
        expected.addAll(PAGE_2_USD_OFFERS);
        assertEquals(expected, sink.offers);
        assertEquals(List.of(
                new RejectedRow(6, "page 2: Items[0].currencyCode",
                        "no exchange rate for currency 'EUR' (USD per EUR)"),
                UNKNOWN_GPU), sink.rejected);
        assertEquals(6, summary.offers());
        assertEquals(2, summary.rejected());
    }

    @Test
    void aSinglePageReadReportsButDoesNotFollowTheNextPageLink() throws IOException {
        RecordingSink sink = new RecordingSink();
        AzureImportSummary summary = new AzureRetailPricesReader().readPage(stream(PAGE_1), context(Map.of()), sink);
        assertEquals(PAGE_1_OFFERS, sink.offers);
        assertEquals(SECOND, summary.nextPageLink());
        assertEquals(1, summary.pages());
    }

    @Test
    void aSinglePageReadNamesNoPageInItsColumns() throws IOException {
        RecordingSink sink = new RecordingSink();
        new AzureRetailPricesReader().readPage(stream(PAGE_2), context(Map.of()), sink);
        assertEquals(List.of(
                new RejectedRow(1, "Items[0].currencyCode", "no exchange rate for currency 'EUR' (USD per EUR)"),
                new RejectedRow(4, "Items[3].armSkuName", UNKNOWN_GPU.reason())), sink.rejected);
    }

    @Test
    void aLinkThatComesRoundAgainIsALoop() {
        Map<String, String> pages = Map.of(
                "L1", page("L2"),
                "L2", page("L1"));
        ImportFormatException e = assertThrows(ImportFormatException.class, () -> new AzureRetailPricesReader()
                .readPages(fromMap(pages), "L1", context(Map.of()), new RecordingSink()));
        assertEquals("page 2: NextPageLink", e.column());
        assertTrue(e.getMessage().contains("loop"), e.getMessage());
    }

    @Test
    void aPageThatLinksToItselfIsALoop() {
        ImportFormatException e = assertThrows(ImportFormatException.class, () -> new AzureRetailPricesReader()
                .readPages(fromMap(Map.of("L1", page("L1"))), "L1", context(Map.of()), new RecordingSink()));
        assertEquals("page 1: NextPageLink", e.column());
    }

    @Test
    void endlessDistinctLinksStopAtMaxPages() {
        // every page links to a new one: L1 -> L2 -> L3 -> ...
        PageSource endless = link -> Optional.of(stream(page("L" + (Integer.parseInt(link.substring(1)) + 1))));
        RecordingSink sink = new RecordingSink();
        ImportFormatException e = assertThrows(ImportFormatException.class, () -> new AzureRetailPricesReader(3)
                .readPages(endless, "L1", context(Map.of()), sink));
        assertTrue(e.getMessage().contains("more than 3 pages"), e.getMessage());
        assertEquals(3, sink.offers.size());
    }

    @Test
    void aMissingPageFailsTheImport() {
        ImportFormatException e = assertThrows(ImportFormatException.class, () -> new AzureRetailPricesReader()
                .readPages(fromMap(Map.of("L1", page("L2"))), "L1", context(Map.of()), new RecordingSink()));
        assertEquals("page 1: NextPageLink", e.column());
        assertTrue(e.getMessage().contains("incomplete"), e.getMessage());
    }

    @Test
    void aFormatErrorOnALaterPageNamesThePage() {
        Map<String, String> pages = Map.of("L1", page("L2"), "L2", "{\"Items\": [");
        ImportFormatException e = assertThrows(ImportFormatException.class, () -> new AzureRetailPricesReader()
                .readPages(fromMap(pages), "L1", context(Map.of()), new RecordingSink()));
        assertEquals("page 2", e.column());
        assertTrue(e.getMessage().startsWith("page 2: "), e.getMessage());
    }

    @Test
    void directoryFilesFollowTheSkipParameter() {
        assertEquals("page-1.json", DirectoryPageSource.fileName(FIRST, 100));
        assertEquals("page-1.json", DirectoryPageSource.fileName("https://prices.azure.com/api/retail/prices?$skip=0", 100));
        assertEquals("page-2.json",
                DirectoryPageSource.fileName("https://prices.azure.com:443/api/retail/prices?$skip=100", 100));
        assertEquals("page-3.json", DirectoryPageSource.fileName(
                "https://prices.azure.com:443/api/retail/prices?currencyCode='EUR'&%24skip=2000", 1000));
        assertThrows(ImportFormatException.class,
                () -> DirectoryPageSource.fileName("https://prices.azure.com/api/retail/prices?$skip=150", 100));
    }

    /** One page with one on-demand item, linking to {@code next}. */
    private static String page(String next) {
        return """
                {"BillingCurrency": "USD", "Items": [%s], "NextPageLink": "%s", "Count": 1}
                """.formatted(item("USD", 0.1, "eastus", "Standard_D2s_v5", "D2s v5", "D2s v5",
                "Virtual Machines Dsv5 Series", "Consumption", null, ""), next);
    }

    private static PageSource fromMap(Map<String, String> pages) {
        Function<String, String> lookup = pages::get;
        return link -> Optional.ofNullable(lookup.apply(link)).map(AzureRetailPricesPagingTest::stream);
    }

    private static void writePages(Path dir) throws IOException {
        Files.writeString(dir.resolve("page-1.json"), PAGE_1, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("page-2.json"), PAGE_2, StandardCharsets.UTF_8);
    }

    static InputStream stream(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    /** One item with the documented fields, in the documented order. */
    static String item(String currency, double price, String region, String armSku, String meter, String sku,
                       String product, String type, String term, String extra) {
        String number = BigDecimal.valueOf(price).stripTrailingZeros().toPlainString();
        return """
                {
                  "currencyCode": "%s",
                  "tierMinimumUnits": 0.0,%s
                  "retailPrice": %s,
                  "unitPrice": %s,
                  "armRegionName": "%s",
                  "location": "US East",
                  "effectiveStartDate": "2024-01-01T00:00:00Z",
                  "meterId": "00000000-0000-0000-0000-000000000000",
                  "meterName": "%s",
                  "productId": "DZH318Z0BQ4W",
                  "skuId": "DZH318Z0BQ4W/00H3",
                  "productName": "%s",
                  "skuName": "%s",
                  "serviceName": "Virtual Machines",
                  "serviceId": "DZH313Z7MMC8",
                  "serviceFamily": "Compute",
                  "unitOfMeasure": "1 Hour",
                  "type": "%s",
                  "isPrimaryMeterRegion": true,
                  "armSkuName": "%s"%s
                }""".formatted(currency, term == null ? "" : "\n  \"reservationTerm\": \"" + term + "\",",
                number, number, region, meter, product, sku, type, armSku, extra);
    }
}
