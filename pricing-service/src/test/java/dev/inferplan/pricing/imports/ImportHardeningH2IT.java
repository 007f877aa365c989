package dev.inferplan.pricing.imports;

import io.helidon.microprofile.testing.junit5.HelidonTest;

@HelidonTest
class ImportHardeningH2IT extends ImportHardeningContract {
}
