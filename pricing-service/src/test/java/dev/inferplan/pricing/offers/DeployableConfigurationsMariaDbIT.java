package dev.inferplan.pricing.offers;

import dev.inferplan.platform.testing.MariaDbDatabase;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import org.junit.jupiter.api.extension.ExtendWith;

// MariaDbDatabase first: it points DB_URL at a fresh MariaDB database before Helidon starts.
@ExtendWith(MariaDbDatabase.class)
@HelidonTest
class DeployableConfigurationsMariaDbIT extends DeployableConfigurationsContract {
}
