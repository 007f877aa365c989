package dev.inferplan.pricing.persistence;

import java.util.List;

import dev.inferplan.platform.testing.PersistenceContexts;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PricingEntityManagerTest {

    @Test
    void onlyTheProducerDeclaresAPersistenceContextAndEveryOtherBeanInjectsTheSharedOne() {
        assertEquals(List.of(PricingEntityManager.class), PersistenceContexts.declaredAlongside(PricingEntityManager.class));
    }
}
