package dev.inferplan.pricing.imports.azure;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.inferplan.contracts.accelerators.AcceleratorVocabulary;
import dev.inferplan.contracts.money.Money;
import dev.inferplan.contracts.pricing.PurchaseOption;
import dev.inferplan.pricing.pricelists.ImportContext;
import dev.inferplan.pricing.pricelists.OfferRow;
import dev.inferplan.pricing.pricelists.RowRejected;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AzureItemPricesTest {

    private static final AzureItemPrices PRICES = new AzureItemPrices(
            new ImportContext("azure", currency -> Optional.empty(), AcceleratorVocabulary.standard()));

    private static Map<String, Object> item(String type, String term, String price) {
        Map<String, Object> item = new HashMap<>(Map.of("serviceName", "Virtual Machines", "type", type,
                "productName", "Virtual Machines Dsv5 Series", "skuName", "D2s v5", "meterName", "D2s v5",
                "armRegionName", "eastus", "armSkuName", "Standard_D2s_v5", "retailPrice", new BigDecimal(price),
                "unitOfMeasure", "1 Hour", "currencyCode", "USD"));
        if (term != null) {
            item.put("reservationTerm", term);
        }
        return item;
    }

    @Test
    void whatTheBookDoesNotHoldIsSkippedNotRejected() {
        assertNull(AzureItemPrices.skipReason(item("Consumption", null, "0.096")));
        assertEquals(AzureSkipReason.DEV_TEST, AzureItemPrices.skipReason(item("DevTestConsumption", null, "0.096")));
        Map<String, Object> windows = item("Consumption", null, "0.096");
        windows.put("productName", "Virtual Machines Dsv5 Series Windows");
        assertEquals(AzureSkipReason.WINDOWS, AzureItemPrices.skipReason(windows));
    }

    @Test
    void aReservationsPriceIsTheWholeTermSpreadOverItsHours() {
        OfferRow offer = PRICES.offer(item("Reservation", "3 Years", "5953"), 4);
        assertEquals(PurchaseOption.RESERVED_3Y, offer.purchaseOption());
        assertEquals(new Money(new BigDecimal("5953")), offer.upfrontUsd());
        assertEquals(new Money(new BigDecimal("0.2265220700")), offer.hourlyUsd(), "5953 / 26,280");
        assertEquals(4, offer.line());
    }

    @Test
    void aFieldThatCannotBePricedIsRejectedByName() {
        RowRejected term = assertThrows(RowRejected.class, () -> PRICES.offer(item("Reservation", "5 Years", "1"), 1));
        assertEquals("reservationTerm", term.column());
        assertEquals("reservationTerm '5 Years' is neither '1 Year' nor '3 Years'", term.reason());
        RowRejected free = assertThrows(RowRejected.class, () -> PRICES.offer(item("Consumption", null, "0"), 1));
        assertEquals("retailPrice", free.column());
    }
}
