package dev.inferplan.pricing.accelerators;

import io.helidon.microprofile.testing.junit5.HelidonTest;

@HelidonTest
class AcceleratorImportH2IT extends AcceleratorImportContract {
}
