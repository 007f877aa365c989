package dev.inferplan.catalog.audit;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import org.junit.jupiter.api.extension.ExtendWith;

// SchemaBeforeTheGuard first: the database is at V30 without V8 when Helidon starts.
@ExtendWith(SchemaBeforeTheGuard.class)
@HelidonTest
class AuditLogAppendOnlyUpgradedH2IT extends AuditLogAppendOnlyContract {

    @Override
    String expectedDatabaseProduct() {
        return "H2";
    }

    @Override
    boolean upgraded() {
        return true;
    }
}
