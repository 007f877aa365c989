package dev.inferplan.contracts.money;

import java.math.BigDecimal;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class MoneyTest {

    /** Public: JSON-B reads records reflectively. */
    public record Offer(String instanceType, Money hourlyUsd) {
    }

    @Test
    void keepsSourceDigitsExactlyAndPrintsAtLeastFourDecimals() {
        assertEquals("3.0600", Money.parse("3.06").toString());
        assertEquals("21.957642", Money.parse("21.957642").toString());
        assertEquals("0.0000", Money.parse("0").toString());
        assertEquals(Money.parse("1.50"), Money.parse("1.5000"), "equal amounts are equal whatever their scale");
    }

    @Test
    void sumsWithoutFloatingPointDrift() {
        Money total = Money.ZERO;
        for (int i = 0; i < 10; i++) {
            total = total.plus(Money.parse("0.1"));
        }
        assertEquals(Money.parse("1"), total);
    }

    @Test
    void derivedPerAcceleratorHourRoundsHalfEvenAtTenDigits() {
        // p4d.24xlarge, us-east-1: 21.957642 USD/h for 8 A100s
        assertEquals("2.74470525", Money.parse("21.957642").dividedBy(8).toString());
        assertEquals("0.3333333333", Money.parse("1").dividedBy(3).toString());
        assertEquals("730.0000", Money.parse("1").times(730).toString());
    }

    @Test
    void rejectsWhatIsNotADecimal() {
        assertThrows(NumberFormatException.class, () -> Money.parse(""));
        assertThrows(NumberFormatException.class, () -> Money.parse("3,06"));
        assertThrows(NumberFormatException.class, () -> Money.parse("$3.06"));
        assertThrows(ArithmeticException.class, () -> Money.parse("1").dividedBy(BigDecimal.ZERO));
    }

    @Test
    void isADecimalStringInJsonNeverAFloat() throws Exception {
        try (Jsonb jsonb = JsonbBuilder.create()) {
            String json = jsonb.toJson(new Offer("g5.xlarge", Money.parse("1.006")));
            assertEquals("{\"hourlyUsd\":\"1.0060\",\"instanceType\":\"g5.xlarge\"}", json);
            assertEquals(Money.parse("1.006"), jsonb.fromJson(json, Offer.class).hourlyUsd());
        }
        assertTrue(Money.parse("-0.5").isNegative());
    }
}
