package dev.inferplan.pricing.fx;

import io.helidon.microprofile.testing.junit5.HelidonTest;

@HelidonTest
class FxRatePersistenceH2IT extends FxRatePersistenceContract {

    @Override
    String expectedDatabaseProduct() {
        return "H2";
    }
}
