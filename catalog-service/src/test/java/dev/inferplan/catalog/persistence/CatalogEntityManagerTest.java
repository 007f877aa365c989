package dev.inferplan.catalog.persistence;

import java.util.List;

import dev.inferplan.platform.testing.PersistenceContexts;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CatalogEntityManagerTest {

    @Test
    void onlyTheProducerDeclaresAPersistenceContextAndEveryOtherBeanInjectsTheSharedOne() {
        assertEquals(List.of(CatalogEntityManager.class), PersistenceContexts.declaredAlongside(CatalogEntityManager.class));
    }
}
