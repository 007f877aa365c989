package dev.inferplan.pricing.book;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OfferKeySieveTest {

    private static String key(int i) {
        return "eastus||Standard_NC" + i + "as_T4_v3|INSTANCE|ON_DEMAND|0.5260";
    }

    @Test
    void aRepeatedKeyIsAlwaysCaught() {
        OfferKeySieve sieve = new OfferKeySieve();
        for (int i = 0; i < 50_000; i++) {
            sieve.add(key(i));
        }
        assertFalse(sieve.possibleDuplicate());
        sieve.add(key(31_337));
        assertTrue(sieve.possibleDuplicate(), "a Bloom filter has no false negatives");
        assertTrue(sieve.suspects().orElseThrow().contains(key(31_337)), "the repeated key is a suspect");
    }

    @Test
    void twoHundredThousandDistinctKeysRaiseNoAlarm() {
        // the largest real catalog (Azure) has 110,496 offers; its twice must stay below the alarm
        OfferKeySieve sieve = new OfferKeySieve();
        for (int i = 0; i < 200_000; i++) {
            sieve.add(key(i));
        }
        assertFalse(sieve.possibleDuplicate());
    }
}
