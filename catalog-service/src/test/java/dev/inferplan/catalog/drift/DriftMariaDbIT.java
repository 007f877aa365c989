package dev.inferplan.catalog.drift;

import dev.inferplan.catalog.costs.FakeRecommender;
import dev.inferplan.platform.testing.MariaDbDatabase;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MariaDbDatabase.class)
@ExtendWith(FakeRecommender.class)
@ExtendWith(FakePricing.class)
@HelidonTest
class DriftMariaDbIT extends DriftContract {
}
