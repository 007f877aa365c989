package dev.inferplan.catalog.versions;

import io.helidon.microprofile.testing.junit5.HelidonTest;

@HelidonTest
class VersionIndexH2IT extends VersionIndexContract {

    @Override
    String expectedDatabaseProduct() {
        return "H2";
    }
}
