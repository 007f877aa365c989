package dev.inferplan.contracts.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class PriceUnitTest {

    @Test
    void parsesTheLabelsInAnyCase() {
        assertEquals(Optional.of(PriceUnit.INPUT_TOKENS_1K), PriceUnit.parse("1k_input_tokens"));
        assertEquals(Optional.of(PriceUnit.OUTPUT_TOKENS_1K), PriceUnit.parse(" 1K-OUTPUT-TOKENS "));
        assertEquals(Optional.of(PriceUnit.REQUEST), PriceUnit.parse("request"));
        assertEquals(1000, PriceUnit.CHARACTERS_1K.quantity());
    }

    @Test
    void refusesWhatIsNotAUnit() {
        assertTrue(PriceUnit.parse("hour").isEmpty());
        assertTrue(PriceUnit.parse("INPUT_TOKENS_1K").isEmpty(), "the Java name is not the label");
        assertTrue(PriceUnit.parse("").isEmpty());
    }

    @Test
    void paymentOptionsReadAwsSpelling() {
        assertEquals(Optional.of(PaymentOption.PARTIAL_UPFRONT), PaymentOption.parse("Partial Upfront"));
        assertEquals(Optional.of(PaymentOption.ALL_UPFRONT), PaymentOption.parse("all-upfront"));
        assertTrue(PaymentOption.parse("Some Upfront").isEmpty());
    }
}
