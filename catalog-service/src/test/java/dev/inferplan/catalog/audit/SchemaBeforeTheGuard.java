package dev.inferplan.catalog.audit;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A database as the catalog left it before the audit guard: migrated from {@code db/migration}
 * alone (V1–V7 and V30, no vendor location, so no V8), before Helidon starts. The service must then
 * apply V8 below the V30 already applied. On the {@code DB_URL} a MariaDbDatabase extension set up
 * before this one, else on an in-memory H2 of its own.
 */
final class SchemaBeforeTheGuard implements BeforeAllCallback, AfterAllCallback {

    // The test configuration's H2 URL, kept alive between connections until the JVM (one per test class) ends.
    private static final String H2 = "jdbc:h2:mem:catalog-before-the-guard;MODE=MariaDB;DATABASE_TO_LOWER=TRUE;"
            + "DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000;DB_CLOSE_DELAY=-1";

    private boolean ownH2;

    @Override
    public void beforeAll(ExtensionContext context) {
        if (System.getProperty("DB_URL") == null) {
            System.setProperty("DB_URL", H2);
            ownH2 = true;
        }
        Flyway.configure()
                .dataSource(System.getProperty("DB_URL"), System.getProperty("DB_USER", "sa"), System.getProperty("DB_PASSWORD", ""))
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (ownH2) {
            System.clearProperty("DB_URL");
        }
    }
}
