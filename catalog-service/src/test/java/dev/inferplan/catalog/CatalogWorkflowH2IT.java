package dev.inferplan.catalog;

import io.helidon.microprofile.testing.junit5.HelidonTest;

@HelidonTest
class CatalogWorkflowH2IT extends CatalogWorkflowContract {

    @Override
    String expectedDatabaseProduct() {
        return "H2";
    }
}
