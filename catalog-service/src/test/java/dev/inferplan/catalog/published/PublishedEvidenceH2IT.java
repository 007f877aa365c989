package dev.inferplan.catalog.published;

import io.helidon.microprofile.testing.junit5.HelidonTest;

@HelidonTest
class PublishedEvidenceH2IT extends PublishedEvidenceContract {
}
