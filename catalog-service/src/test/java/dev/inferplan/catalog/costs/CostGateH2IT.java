package dev.inferplan.catalog.costs;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import org.junit.jupiter.api.extension.ExtendWith;

// FakeRecommender first: it points recommender.grpc.uri at itself before Helidon starts.
@ExtendWith(FakeRecommender.class)
@HelidonTest
class CostGateH2IT extends CostGateContract {
}
