package dev.inferplan.catalog.seed;

import dev.inferplan.platform.testing.MariaDbDatabase;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import org.junit.jupiter.api.extension.ExtendWith;

// MariaDbDatabase and the fixture first: they prepare the database and the repository before Helidon starts.
@ExtendWith(MariaDbDatabase.class)
@ExtendWith(SeedRepositoryFixture.class)
@HelidonTest
@AddConfig(key = "catalog.seed.enabled", value = "true")
@AddConfig(key = "catalog.seed.maven-repository", value = "target/seed-maven-repository")
class SeedCatalogMariaDbIT extends SeedCatalogContract {

    @Override
    String expectedDatabaseProduct() {
        return "MariaDB";
    }
}
