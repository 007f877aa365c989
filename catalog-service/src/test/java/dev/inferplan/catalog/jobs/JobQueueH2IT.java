package dev.inferplan.catalog.jobs;

import io.helidon.microprofile.testing.junit5.HelidonTest;

@HelidonTest
class JobQueueH2IT extends JobQueueContract {

    @Override
    protected String expectedDatabaseProduct() {
        return "H2";
    }
}
