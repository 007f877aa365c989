package dev.inferplan.recommender.reports;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;

@HelidonTest
@AddConfig(key = "catalog.grpc.uri", value = "http://localhost:9")
@AddConfig(key = "pricing.grpc.uri", value = "http://localhost:9")
class ReportPersistenceH2IT extends ReportPersistenceContract {
}
