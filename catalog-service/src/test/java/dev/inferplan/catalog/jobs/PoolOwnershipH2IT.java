package dev.inferplan.catalog.jobs;

import io.helidon.microprofile.testing.junit5.HelidonTest;

@HelidonTest
class PoolOwnershipH2IT extends PoolOwnershipContract {

    @Override
    protected String expectedDatabaseProduct() {
        return "H2";
    }
}
