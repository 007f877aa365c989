package dev.inferplan.catalog.costs;

import dev.inferplan.platform.testing.MariaDbDatabase;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import org.junit.jupiter.api.extension.ExtendWith;

// Both extensions before @HelidonTest: they set DB_URL and recommender.grpc.uri before Helidon starts.
@ExtendWith(MariaDbDatabase.class)
@ExtendWith(FakeRecommender.class)
@HelidonTest
class CostGateMariaDbIT extends CostGateContract {
}
