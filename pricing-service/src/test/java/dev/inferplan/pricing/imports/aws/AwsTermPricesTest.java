package dev.inferplan.pricing.imports.aws;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.inferplan.contracts.money.Money;
import dev.inferplan.contracts.pricing.PaymentOption;
import dev.inferplan.contracts.pricing.PurchaseOption;
import dev.inferplan.pricing.pricelists.RowRejected;
import dev.inferplan.pricing.imports.aws.AwsTermPrices.Candidate;
import dev.inferplan.pricing.imports.aws.AwsTermPrices.Dimension;
import dev.inferplan.pricing.imports.aws.AwsTermPrices.Term;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AwsTermPricesTest {

    private static final String PATH = "terms.Reserved.SKU.CODE";

    private static final AwsTermPrices USD_ONLY = new AwsTermPrices(currency -> Optional.empty());

    private static Dimension hourly(String usd) {
        return new Dimension("H", "Hrs", "per hour", "0", "Inf", Map.of("USD", usd), null);
    }

    private static Dimension fee(String usd) {
        return new Dimension("F", "Quantity", "Upfront Fee", null, null, Map.of("USD", usd), null);
    }

    private static Term term(String lease, String offeringClass, String purchase, Dimension... dimensions) {
        return new Term(7, "CODE", "SKU", Map.of("LeaseContractLength", lease, "OfferingClass", offeringClass,
                "PurchaseOption", purchase), List.of(dimensions), null);
    }

    @Test
    void aPartialUpfrontReservationIsAmortizedOverTheTermsHours() {
        Candidate candidate = USD_ONLY.reservation(term("1yr", "convertible", "Partial Upfront",
                hourly("0.363"), fee("3180")), PATH);
        assertEquals(PurchaseOption.CONVERTIBLE_1Y, candidate.option());
        assertEquals(PaymentOption.PARTIAL_UPFRONT, candidate.payment());
        // 0.363 + 3180 / 8760, half-even at 10 digits
        assertEquals(new Money(new BigDecimal("0.7260136986")), candidate.hourly());
        assertEquals(new Money(new BigDecimal("3180")), candidate.upfront());
        assertEquals("Hrs", candidate.sourceUnit());
    }

    @Test
    void anAllUpfrontReservationIsItsFeeOverTheTerm() {
        Candidate candidate = USD_ONLY.reservation(term("3yr", "standard", "All Upfront", fee("500"),
                hourly("0")), PATH);
        assertEquals(PurchaseOption.RESERVED_3Y, candidate.option());
        assertEquals(new Money(new BigDecimal("0.0190258752")), candidate.hourly(), "500 / 26,280");
        assertEquals("Quantity", candidate.sourceUnit());
    }

    @Test
    void termsThatContradictTheirPurchaseOptionAreRejected() {
        RowRejected fee = assertThrows(RowRejected.class, () -> USD_ONLY.reservation(
                term("1yr", "standard", "No Upfront", hourly("0.1"), fee("10")), PATH));
        assertEquals(PATH + ".priceDimensions.F", fee.column());
        assertEquals("a No Upfront reservation with an upfront fee", fee.reason());

        RowRejected lease = assertThrows(RowRejected.class, () -> USD_ONLY.reservation(
                term("5yr", "standard", "No Upfront", hourly("0.1")), PATH));
        assertEquals(PATH + ".termAttributes.LeaseContractLength", lease.column());
    }

    @Test
    void aPriceIsInUsdOrConvertedWithTheFirstCurrencyThatHasARate() {
        AwsTermPrices withYuan = new AwsTermPrices(currency -> "CNY".equals(currency)
                ? Optional.of(new BigDecimal("0.14")) : Optional.empty());
        Dimension yuan = new Dimension("H", "Hrs", "per hour", "0", "Inf", Map.of("CNY", "1.00"), null);
        AwsTermPrices.Price price = withYuan.price(yuan, PATH);
        assertEquals(0, new BigDecimal("0.14").compareTo(price.usd()));
        assertEquals("CNY", price.currency());

        RowRejected noRate = assertThrows(RowRejected.class, () -> USD_ONLY.price(yuan, PATH));
        assertEquals(PATH + ".pricePerUnit.CNY", noRate.column());
        assertEquals("USD", USD_ONLY.price(hourly("0.1"), PATH).currency());
    }
}
