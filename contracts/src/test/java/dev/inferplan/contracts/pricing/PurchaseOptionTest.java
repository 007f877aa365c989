package dev.inferplan.contracts.pricing;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PurchaseOptionTest {

    @Test
    void parsesNamesInAnyCaseWithDashesOrUnderscores() {
        assertEquals(Optional.of(PurchaseOption.ON_DEMAND), PurchaseOption.parse("on-demand"));
        assertEquals(Optional.of(PurchaseOption.RESERVED_3Y), PurchaseOption.parse(" reserved_3y "));
        assertEquals(Optional.empty(), PurchaseOption.parse("reserved"));
        assertEquals(Optional.empty(), PurchaseOption.parse(null));
    }

    @Test
    void termsAndInterruptibilityAreWhatAmortizationAndRiskNeed() {
        assertEquals(12, PurchaseOption.RESERVED_1Y.termMonths());
        assertEquals(36, PurchaseOption.COMMITTED_3Y.termMonths());
        assertEquals(0, PurchaseOption.ON_DEMAND.termMonths());
        assertTrue(PurchaseOption.SPOT.interruptible());
        assertFalse(PurchaseOption.RESERVED_1Y.interruptible());
    }

    @Test
    void termHoursAre8760PerYear() {
        assertEquals(8_760, PurchaseOption.RESERVED_1Y.termHours());
        assertEquals(8_760, PurchaseOption.CONVERTIBLE_1Y.termHours());
        assertEquals(26_280, PurchaseOption.RESERVED_3Y.termHours());
        assertEquals(26_280, PurchaseOption.CONVERTIBLE_3Y.termHours());
        assertEquals(26_280, PurchaseOption.COMMITTED_3Y.termHours());
        assertEquals(0, PurchaseOption.ON_DEMAND.termHours());
    }
}
