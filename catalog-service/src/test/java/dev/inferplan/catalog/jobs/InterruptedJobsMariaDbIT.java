package dev.inferplan.catalog.jobs;

import java.util.Map;

import dev.inferplan.platform.testing.MariaDbDatabase;

/** A MariaDB database of this checkout's test prefix, made for the class (skipped when MariaDB is down). */
class InterruptedJobsMariaDbIT extends InterruptedJobsContract {

    @Override
    Map<String, String> database() {
        String prefix = System.getProperty("inferplan.mariadb.db-prefix",
                System.getenv().getOrDefault("INFERPLAN_IT_DB_PREFIX", "inferplan_it_"));
        return Map.of("DB_URL", MariaDbDatabase.prepare(prefix + "interruptedjobsmariadbit"),
                "DB_USER", System.getProperty("inferplan.mariadb.user", "root"),
                "DB_PASSWORD", System.getProperty("inferplan.mariadb.password", ""));
    }
}
