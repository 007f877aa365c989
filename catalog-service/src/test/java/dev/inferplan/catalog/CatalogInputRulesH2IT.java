package dev.inferplan.catalog;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;

@HelidonTest
@AddConfig(key = "catalog.metrics.max-per-version", value = "" + CatalogInputRulesContract.METRICS_CAP)
class CatalogInputRulesH2IT extends CatalogInputRulesContract {

    @Override
    protected String expectedDatabaseProduct() {
        return "H2";
    }
}
