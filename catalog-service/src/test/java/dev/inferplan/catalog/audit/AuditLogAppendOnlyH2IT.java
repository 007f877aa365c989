package dev.inferplan.catalog.audit;

import io.helidon.microprofile.testing.junit5.HelidonTest;

@HelidonTest
class AuditLogAppendOnlyH2IT extends AuditLogAppendOnlyContract {

    @Override
    String expectedDatabaseProduct() {
        return "H2";
    }
}
