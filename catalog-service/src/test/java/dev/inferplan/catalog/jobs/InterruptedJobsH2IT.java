package dev.inferplan.catalog.jobs;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/** The catalog's H2 file database, as a catalog without DB_URL keeps it. */
class InterruptedJobsH2IT extends InterruptedJobsContract {

    @Override
    Map<String, String> database() {
        Path file = Path.of("target", "interrupted-jobs", "catalog-" + UUID.randomUUID()).toAbsolutePath();
        return Map.of("DB_URL", "jdbc:h2:file:" + file + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
    }
}
