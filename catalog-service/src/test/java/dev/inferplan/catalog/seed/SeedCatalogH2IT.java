package dev.inferplan.catalog.seed;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SeedRepositoryFixture.class)
@HelidonTest
@AddConfig(key = "catalog.seed.enabled", value = "true")
@AddConfig(key = "catalog.seed.maven-repository", value = "target/seed-maven-repository")
class SeedCatalogH2IT extends SeedCatalogContract {

    @Override
    String expectedDatabaseProduct() {
        return "H2";
    }
}
