package dev.inferplan.pricing.imports;

import io.helidon.microprofile.testing.junit5.HelidonTest;

@HelidonTest
class PriceBookImportH2IT extends PriceBookImportContract {

    @Override
    String expectedDatabaseProduct() {
        return "H2";
    }
}
