package dev.inferplan.catalog.drift;

import dev.inferplan.catalog.costs.FakeRecommender;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import org.junit.jupiter.api.extension.ExtendWith;

// The fakes first: they point pricing.grpc.uri and recommender.grpc.uri at themselves before Helidon starts.
@ExtendWith(FakeRecommender.class)
@ExtendWith(FakePricing.class)
@HelidonTest
class DriftH2IT extends DriftContract {
}
