package dev.inferplan.catalog.drift;

import java.math.BigDecimal;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The drift rule's arithmetic, by hand. */
class DriftRuleTest {

    @Test
    void aPlanIsRepricedInProportionToItsHourlyPrice() {
        // 245.28 × 0.2100 / 0.1680 = 306.60
        assertEquals(new BigDecimal("306.60"), DriftRule.repriced(new BigDecimal("245.28"), new BigDecimal("0.1680"),
                new BigDecimal("0.2100")));
        assertEquals(new BigDecimal("25.00"), DriftRule.changePercent(new BigDecimal("245.28"), new BigDecimal("306.60")));
    }

    @Test
    void onlyAChangeStrictlyBeyondTheThresholdCounts() {
        BigDecimal ten = new BigDecimal("10");
        assertEquals(Optional.empty(), DriftRule.beyond(new BigDecimal("100"), new BigDecimal("110"), ten), "exactly 10 %");
        assertEquals(Optional.of(new BigDecimal("10.01")), DriftRule.beyond(new BigDecimal("100"), new BigDecimal("110.01"), ten));
        assertEquals(Optional.of(new BigDecimal("-12.50")), DriftRule.beyond(new BigDecimal("80"), new BigDecimal("70"), ten),
                "a fall counts as much as a rise");
        assertEquals(Optional.empty(), DriftRule.beyond(BigDecimal.ZERO, BigDecimal.ONE, ten), "nothing to compare with");
        assertEquals("+42.86 %", DriftRule.signed(DriftRule.changePercent(new BigDecimal("21.0"), new BigDecimal("30.0"))));
    }
}
