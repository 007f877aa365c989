package dev.inferplan.catalog.jobs;

import io.helidon.microprofile.testing.junit5.HelidonTest;

@HelidonTest
class ReportEvidenceH2IT extends ReportEvidenceContract {

    @Override
    protected String expectedDatabaseProduct() {
        return "H2";
    }
}
