package dev.inferplan.catalog;

import dev.inferplan.platform.testing.MariaDbDatabase;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import org.junit.jupiter.api.extension.ExtendWith;

// MariaDbDatabase first: it points DB_URL at a fresh MariaDB database before Helidon starts.
@ExtendWith(MariaDbDatabase.class)
@HelidonTest
@AddConfig(key = "catalog.metrics.max-per-version", value = "" + CatalogInputRulesContract.METRICS_CAP)
class CatalogInputRulesMariaDbIT extends CatalogInputRulesContract {

    @Override
    protected String expectedDatabaseProduct() {
        return "MariaDB";
    }
}
