package dev.inferplan.pricing.imports.azure;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.inferplan.contracts.accelerators.AcceleratorVocabulary;
import dev.inferplan.contracts.money.Money;
import dev.inferplan.contracts.pricing.PurchaseOption;
import dev.inferplan.pricing.imports.RecordingSink;
import dev.inferplan.pricing.pricelists.ImportContext;
import dev.inferplan.pricing.pricelists.OfferKind;
import dev.inferplan.pricing.pricelists.OfferRow;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reader on one real, unfiltered page of the Azure Retail Prices API (see
 * {@code provider-formats/azure_retail_prices_page1_2021-12-30.json.PROVENANCE.md}).
 *
 * <p>The expected counts were computed apart from the reader, with this Python 3 script over the
 * same file (the rules of the reader's documentation, written again; first matching skip wins):
 * <pre>
 * import json, re, collections
 * d = json.load(open('azure_retail_prices_page1_2021-12-30.json'))
 * has = lambda pat, *t: any(re.search(r'\b' + pat + r'\b', x or '', re.I) for x in t)
 * skip, offers = collections.Counter(), collections.Counter()
 * for i, it in enumerate(d['Items']):
 *     p, s, m = it.get('productName'), it.get('skuName'), it.get('meterName')
 *     if it['serviceName'] != 'Virtual Machines': skip['OTHER_SERVICE'] += 1
 *     elif it['type'] == 'DevTestConsumption': skip['DEV_TEST'] += 1
 *     elif it.get('isPrimaryMeterRegion') is False: skip['NON_PRIMARY_METER'] += 1
 *     elif has('windows', p, s): skip['WINDOWS'] += 1
 *     elif has(r'low\s+priority', m, s): skip['LOW_PRIORITY'] += 1
 *     elif has(r'dedicated\s+host', p): skip['DEDICATED_HOST'] += 1
 *     elif has('expired', m, s): skip['EXPIRED'] += 1
 *     elif it['type'] == 'Reservation':
 *         offers[{'1 Year': 'RESERVED_1Y', '3 Years': 'RESERVED_3Y'}[it['reservationTerm']]] += 1
 *     else: offers['SPOT' if has('spot', m, s) else 'ON_DEMAND'] += 1
 * print(skip, offers)
 * </pre>
 * It prints OTHER_SERVICE 36, WINDOWS 18, DEV_TEST 17, LOW_PRIORITY 6, NON_PRIMARY_METER 3,
 * DEDICATED_HOST 3, EXPIRED 1 (84 skipped) and SPOT 6, ON_DEMAND 4, RESERVED_1Y 3, RESERVED_3Y 3
 * (16 offers); none of the 16 is rejected (all USD, "1 Hour", positive, no N-series size). The
 * amortized figures are Python's {@code Decimal(total) / Decimal(8760 * years)} rounded half-even
 * to 10 places, which is what {@link Money#dividedBy} does.
 */
class AzureRetailPricesReaderTest {

    private static final String PAGE = "/provider-formats/azure_retail_prices_page1_2021-12-30.json";

    private static final ImportContext USD_ONLY =
            new ImportContext("azure", currency -> Optional.empty(), AcceleratorVocabulary.standard());

    @Test
    void formatIsAzureRetail() {
        assertEquals("azure-retail", new AzureRetailPricesReader().format());
    }

    @Test
    void realPageCounts() throws IOException {
        RecordingSink sink = new RecordingSink();
        AzureImportSummary summary;
        try (InputStream in = page()) {
            summary = new AzureRetailPricesReader().readPage(in, USD_ONLY, sink);
        }

        assertEquals(List.of(), sink.rejected);
        Map<AzureSkipReason, Long> skipped = new TreeMap<>(Map.of(
                AzureSkipReason.OTHER_SERVICE, 36L,
                AzureSkipReason.DEV_TEST, 17L,
                AzureSkipReason.NON_PRIMARY_METER, 3L,
                AzureSkipReason.WINDOWS, 18L,
                AzureSkipReason.LOW_PRIORITY, 6L,
                AzureSkipReason.DEDICATED_HOST, 3L,
                AzureSkipReason.EXPIRED, 1L));
        assertEquals(skipped, new TreeMap<>(summary.skipped()));
        assertEquals(new AzureImportSummary(1, 100, 16, 0, skipped,
                "https://prices.azure.com:443/api/retail/prices?$skip=100"), summary);
        assertEquals(84, summary.skippedTotal());

        Map<PurchaseOption, Long> byOption = sink.offers.stream()
                .collect(Collectors.groupingBy(OfferRow::purchaseOption, TreeMap::new, Collectors.counting()));
        assertEquals(new TreeMap<>(Map.of(PurchaseOption.ON_DEMAND, 4L, PurchaseOption.SPOT, 6L,
                PurchaseOption.RESERVED_1Y, 3L, PurchaseOption.RESERVED_3Y, 3L)), byOption);

        // the 1-based item numbers of the 16 priced items
        assertEquals(List.of(8L, 12L, 20L, 34L, 36L, 37L, 38L, 73L, 79L, 83L, 84L, 85L, 92L, 93L, 94L, 99L),
                sink.offers.stream().map(OfferRow::line).toList());

        for (OfferRow offer : sink.offers) {
            assertAll("item " + offer.line(),
                    () -> assertEquals("", offer.zone()),
                    () -> assertEquals(OfferKind.INSTANCE, offer.kind()),
                    () -> assertNull(offer.accelerator()),
                    () -> assertEquals(0, offer.acceleratorCount().signum()),
                    () -> assertNull(offer.vcpus()),
                    () -> assertNull(offer.memoryGib()),
                    () -> assertEquals("USD", offer.sourceCurrency()),
                    () -> assertEquals("1 Hour", offer.sourceUnit()),
                    () -> assertTrue(!offer.region().isBlank() && !offer.instanceType().isBlank()),
                    () -> assertEquals(offer.purchaseOption().termMonths() > 0, offer.upfrontUsd() != null));
        }
    }

    @Test
    void consumptionLinuxItemIsOnDemandAsStated() throws IOException {
        // item 36: "D64ds v5", "Virtual Machines Ddsv5 Series" (no Windows), Consumption, 3.616
        assertEquals(new OfferRow(36, "westus2", "", "Standard_D64ds_v5", OfferKind.INSTANCE, null, BigDecimal.ZERO,
                        null, null, null, null, PurchaseOption.ON_DEMAND, Money.of("3.616"), null,
                        new BigDecimal("3.616"), "USD", "1 Hour"),
                offer(36));
    }

    @Test
    void spotMeterIsSpot() throws IOException {
        // item 8: meterName "E2bds v5 Spot", type Consumption, 0.0756
        assertEquals(new OfferRow(8, "westus", "", "Standard_E2bds_v5", OfferKind.INSTANCE, null, BigDecimal.ZERO,
                        null, null, null, null, PurchaseOption.SPOT, Money.of("0.0756"), null,
                        new BigDecimal("0.0756"), "USD", "1 Hour"),
                offer(8));
    }

    @Test
    void reservationPriceIsTheWholeTermAmortizedOverItsHours() throws IOException {
        // item 38: D64ds v5 westus2, Reservation "1 Year", retailPrice 18689 ("1 Hour"), on demand 3.616:
        // 18689 / 8760 = 2.1334474886 an hour, 59% of on demand; as an hourly rate 18689 would be absurd
        assertEquals(new OfferRow(38, "westus2", "", "Standard_D64ds_v5", OfferKind.INSTANCE, null, BigDecimal.ZERO,
                        null, null, null, null, PurchaseOption.RESERVED_1Y, Money.of("2.1334474886"),
                        Money.of("18689"), new BigDecimal("18689"), "USD", "1 Hour"),
                offer(38));
        // item 37: the same size for "3 Years", 36111 / 26280
        OfferRow threeYears = offer(37);
        assertEquals(PurchaseOption.RESERVED_3Y, threeYears.purchaseOption());
        assertEquals(Money.of("1.374086758"), threeYears.hourlyUsd());
        assertEquals(Money.of("36111"), threeYears.upfrontUsd());
        // item 93 is the reservation sample of Microsoft's API docs: E64 v4, southcentralus, 1 Year, 25007
        OfferRow docsSample = offer(93);
        assertEquals("southcentralus|Standard_E64_v4|RESERVED_1Y|2.8546803653|25007.0000",
                docsSample.region() + '|' + docsSample.instanceType() + '|' + docsSample.purchaseOption()
                        + '|' + docsSample.hourlyUsd() + '|' + docsSample.upfrontUsd());
        assertEquals(Money.of("1.8385844749"), offer(94).hourlyUsd());
    }

    @Test
    void readThroughTheReaderContractGivesTheSameOffers() throws IOException {
        RecordingSink viaContract = new RecordingSink();
        try (InputStream in = page()) {
            new AzureRetailPricesReader().read(in, USD_ONLY, viaContract);
        }
        RecordingSink viaPage = new RecordingSink();
        try (InputStream in = page()) {
            new AzureRetailPricesReader().readPage(in, USD_ONLY, viaPage);
        }
        assertEquals(viaPage.offers, viaContract.offers);
        assertEquals(16, viaContract.offers.size());
    }

    private static OfferRow offer(long line) throws IOException {
        RecordingSink sink = new RecordingSink();
        try (InputStream in = page()) {
            new AzureRetailPricesReader().readPage(in, USD_ONLY, sink);
        }
        return sink.offers.stream().filter(row -> row.line() == line).findFirst().orElseThrow();
    }

    static InputStream page() {
        InputStream in = AzureRetailPricesReaderTest.class.getResourceAsStream(PAGE);
        assertNotNull(in, PAGE + " is missing from the test resources");
        return in;
    }
}
