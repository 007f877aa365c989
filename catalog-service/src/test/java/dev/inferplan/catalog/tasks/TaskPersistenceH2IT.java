package dev.inferplan.catalog.tasks;

import io.helidon.microprofile.testing.junit5.HelidonTest;

@HelidonTest
class TaskPersistenceH2IT extends TaskPersistenceContract {

    @Override
    String expectedDatabaseProduct() {
        return "H2";
    }
}
