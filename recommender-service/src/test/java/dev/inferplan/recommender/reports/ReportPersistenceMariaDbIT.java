package dev.inferplan.recommender.reports;

import dev.inferplan.platform.testing.MariaDbDatabase;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import org.junit.jupiter.api.extension.ExtendWith;

// MariaDbDatabase first: it points DB_URL at a fresh MariaDB database before Helidon starts.
@ExtendWith(MariaDbDatabase.class)
@HelidonTest
@AddConfig(key = "catalog.grpc.uri", value = "http://localhost:9")
@AddConfig(key = "pricing.grpc.uri", value = "http://localhost:9")
class ReportPersistenceMariaDbIT extends ReportPersistenceContract {
}
