package dev.inferplan.recommender.reports;

import java.time.Instant;
import java.util.List;

import dev.inferplan.contracts.money.Money;
import dev.inferplan.recommender.plans.Fixtures;
import dev.inferplan.recommender.plans.Recommendation;
import dev.inferplan.recommender.plans.RecommendationRequest;
import dev.inferplan.recommender.plans.Recommender;
import dev.inferplan.recommender.snapshots.PriceOffer;
import dev.inferplan.recommender.snapshots.Snapshot;

import dev.inferplan.contracts.grpc.recommender.GetReportRequest;
import dev.inferplan.contracts.grpc.recommender.RecommendationReport;
import dev.inferplan.contracts.grpc.recommender.RecommenderServiceGrpc;
import dev.inferplan.contracts.grpc.recommender.ReportPlan;
import dev.inferplan.platform.grpc.ServiceChannel;
import dev.inferplan.platform.testing.TestTokens;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static dev.inferplan.recommender.plans.Fixtures.offer;
import static dev.inferplan.recommender.plans.Fixtures.server;
import static dev.inferplan.recommender.plans.Fixtures.version;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reports stored in the recommender's database and replayed over their own inputs; H2 and MariaDB subclasses. */
abstract class ReportPersistenceContract {

    @Inject
    private ReportRepository repository;

    @Inject
    private Reports reports;

    @Inject
    private jakarta.ws.rs.client.WebTarget target;

    /** Two versions on L4 and T4 in three clouds, spot too: enough for ties, mixes and rejections. */
    static Snapshot snapshot() {
        return Fixtures.snapshot(
                List.of(version(1, "fp32", "56.26"), version(2, "int8", "55.1"), version(3, "weak", "50")),
                List.of(server(11, 1, "l4-pool", "nvidia-l4", 1, 30, 40), server(12, 1, "l4-pool", "nvidia-l4", 1, 50, 70),
                        server(21, 2, "t4-pool", "nvidia-t4", 1, 45, 35), server(31, 3, "t4-pool", "nvidia-t4", 1, 90, 10)),
                List.of(offer("gcp", "us-central1", "g2-standard-4", "nvidia-l4", 1, "ON_DEMAND", "0.7069"),
                        offer("gcp", "us-central1", "g2-standard-4", "nvidia-l4", 1, "SPOT", "0.2828"),
                        offer("aws", "us-east-1", "g6.xlarge", "nvidia-l4", 1, "ON_DEMAND", "0.8048"),
                        offer("aws", "us-east-1", "g4dn.xlarge", "nvidia-t4", 1, "ON_DEMAND", "0.526"),
                        offer("aws", "us-west-2", "g4dn.xlarge", "nvidia-t4", 1, "ON_DEMAND", "0.526"),
                        offer("azure", "eastus", "NC4as_T4_v3", "nvidia-t4", 1, "ON_DEMAND", "0.526"),
                        offer("aws", "us-east-1", "c7i.large", "", 0, "ON_DEMAND", "0.0893")));
    }

    private Report saved(RecommendationRequest request, Snapshot snapshot) {
        Recommendation answer = Recommender.recommend(request, snapshot, new Recommender.Freshness(false, 0, 0));
        return Reports.compose(request, snapshot, answer, "alice", Instant.parse("2026-12-03T12:00:00Z"));
    }

    @Test
    void aSavedReportReadsBackAsSaved() {
        Report report = saved(Fixtures.request(), snapshot());
        long id = repository.add(report);
        Report read = repository.byId(id).orElseThrow();
        assertEquals("alice", read.createdBy());
        assertEquals(Instant.parse("2026-12-03T12:00:00Z"), read.createdAt());
        assertEquals(41, read.catalogPosition());
        assertEquals(List.of(7L), read.priceBookVersions());
        // int8 on T4 (21); fp32 on L4, interpolated between 30 qps at 40 ms and 50 qps at 70 ms (11, 12)
        assertEquals(List.of(11L, 12L, 21L), read.evidenceIds());
        assertEquals(report.answerJson(), read.answerJson());
        Reports.ReportView view = reports.byId(id);
        assertEquals("text-embedding", view.task());
        assertEquals(5, view.answer().getJsonArray("plans").size());
    }

    @Test
    void aReplayGivesTheSamePlansWhateverTheBookHoldsLater() {
        RecommendationRequest request = Fixtures.withConstraints(Fixtures.request(), Fixtures.spot("mixed", 50));
        long id = repository.add(saved(request, snapshot()));
        Reports.Replay replay = reports.replay(id);
        assertTrue(replay.samePlans());
        // 3 T4 offers at 0.526 (2 replicas each: 60 / (45 × 0.7) = 1.9), 2 L4 offers and the GCP L4 spot mix
        assertEquals(6, replay.recommendation().plans().size());
        assertEquals(Money.of("767.96"), replay.recommendation().plans().getFirst().monthlyCostUsd());
        assertEquals(2, replay.recommendation().plans().getFirst().modelVersionId());
    }

    @Test
    void aReplayThatDiffersSaysSo() {
        Report honest = saved(Fixtures.request(), snapshot());
        Snapshot cheaper = Fixtures.snapshot(snapshot().catalog().versions(), snapshot().catalog().evidence(),
                List.of(new PriceOffer("aws", "us-east-1", "", "g4dn.xlarge", "nvidia-t4", 1, "ON_DEMAND",
                        Money.of("0.1"), 8, PriceOffer.INSTANCE, List.of())));
        Report tampered = new Report(0, honest.createdBy(), honest.createdAt(), honest.task(), honest.catalogPosition(),
                honest.priceBookVersions(), honest.evidenceIds(), honest.requestJson(), honest.answerJson(),
                saved(Fixtures.request(), cheaper).inputsJson());
        assertFalse(reports.replay(repository.add(tampered)).samePlans());
    }

    @Test
    void anUnknownReportIsNotFound() {
        assertTrue(repository.byId(987654).isEmpty());
        try (ServiceChannel channel = ServiceChannel.open(target.getUri(), () -> TestTokens.token("reviewer"))) {
            StatusRuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
                    () -> RecommenderServiceGrpc.newBlockingStub(channel.channel())
                            .getReport(GetReportRequest.newBuilder().setReportId(987654).build()));
            assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
        }
    }

    @Test
    void theCatalogReadsASavedReportOverGrpc() {
        long id = repository.add(saved(Fixtures.request(), snapshot()));
        try (ServiceChannel channel = ServiceChannel.open(target.getUri(), () -> TestTokens.token("reviewer"))) {
            RecommendationReport report = RecommenderServiceGrpc.newBlockingStub(channel.channel())
                    .getReport(GetReportRequest.newBuilder().setReportId(id).build());
            assertEquals(id, report.getReportId());
            assertEquals("alice", report.getCreatedBy());
            assertEquals("2026-12-03T12:00:00Z", report.getCreatedAt());
            assertEquals(41, report.getCatalogPosition());
            assertEquals(List.of(7L), report.getPriceBookVersionsList());
            assertEquals("text-embedding", report.getTask());
            assertEquals(5, report.getPlansCount());
            ReportPlan first = report.getPlans(0);
            assertEquals(1, first.getRank());
            assertEquals(2, first.getModelVersionId());
            assertEquals("nvidia-t4", first.getAccelerator());
            assertEquals(1, first.getAcceleratorCount());
            assertEquals("ON_DEMAND", first.getPurchaseOption());
            assertEquals(2, first.getReplicas());
            assertEquals("767.9600", first.getMonthlyCost().getUsd());
            assertEquals(List.of(21L), first.getEvidenceResultIdsList());
        }
    }
}
