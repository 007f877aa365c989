package dev.inferplan.catalog.audit;

import dev.inferplan.platform.testing.MariaDbDatabase;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import org.junit.jupiter.api.extension.ExtendWith;

// MariaDbDatabase, then SchemaBeforeTheGuard: a fresh database at V30 without V8 when Helidon starts.
@ExtendWith(MariaDbDatabase.class)
@ExtendWith(SchemaBeforeTheGuard.class)
@HelidonTest
class AuditLogAppendOnlyUpgradedMariaDbIT extends AuditLogAppendOnlyContract {

    @Override
    String expectedDatabaseProduct() {
        return "MariaDB";
    }

    @Override
    boolean upgraded() {
        return true;
    }
}
