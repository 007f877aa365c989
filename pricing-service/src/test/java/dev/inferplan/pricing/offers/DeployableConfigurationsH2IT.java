package dev.inferplan.pricing.offers;

import io.helidon.microprofile.testing.junit5.HelidonTest;

@HelidonTest
class DeployableConfigurationsH2IT extends DeployableConfigurationsContract {
}
