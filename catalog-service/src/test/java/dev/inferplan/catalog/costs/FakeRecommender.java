package dev.inferplan.catalog.costs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.inferplan.contracts.grpc.common.Money;
import dev.inferplan.contracts.grpc.recommender.GetReportRequest;
import dev.inferplan.contracts.grpc.recommender.RecommendationReport;
import dev.inferplan.contracts.grpc.recommender.RecommenderServiceGrpc;
import dev.inferplan.contracts.grpc.recommender.ReportPlan;

import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real gRPC server serving the contract's {@code RecommenderService} at a port of its own, with
 * the reports a test puts in it: a fake at the port, since the recommender is built in parallel.
 * It records the authorization header of every call (the caller's token must arrive), can be
 * stopped and started again on the same port (the recommender really unreachable), and points the
 * catalog's {@code recommender.grpc.uri} at itself before the container starts: put
 * {@code @ExtendWith(FakeRecommender.class)} before {@code @HelidonTest}.
 */
public final class FakeRecommender implements BeforeAllCallback, AfterAllCallback {

    static final Map<Long, RecommendationReport> REPORTS = new ConcurrentHashMap<>();
    static final List<String> AUTHORIZATIONS = new CopyOnWriteArrayList<>();
    private static Server server;
    private static int port;

    @Override
    public void beforeAll(ExtensionContext context) {
        start(0);
        System.setProperty("recommender.grpc.uri", "http://127.0.0.1:" + port);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
        System.clearProperty("recommender.grpc.uri");
    }

    static synchronized void start(int wanted) {
        ServerInterceptor recordAuthorization = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                               ServerCallHandler<Q, R> next) {
                AUTHORIZATIONS.add(String.valueOf(headers.get(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER))));
                return Contexts.interceptCall(io.grpc.Context.current(), call, headers, next);
            }
        };
        try {
            server = Grpc.newServerBuilderForPort(wanted, InsecureServerCredentials.create())
                    .addService(ServerInterceptors.intercept(new Service(), recordAuthorization))
                    .build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        port = server.getPort();
    }

    static synchronized void stop() {
        if (server != null) {
            server.shutdownNow();
            try {
                server.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server = null;
        }
    }

    /** Starts again on the port the catalog was pointed at. */
    static void restart() {
        start(port);
    }

    /** A saved report: one plan per entry of {@code versionsByRank} (rank 1 first). */
    public static RecommendationReport report(long id, List<Long> priceBookVersions, ReportPlan... plans) {
        RecommendationReport report = RecommendationReport.newBuilder().setReportId(id).setCreatedBy("tina")
                .setCreatedAt("2026-12-03T10:00:00Z").addAllPriceBookVersions(priceBookVersions).setCatalogPosition(77)
                .setTask("text-embedding").addAllPlans(List.of(plans)).build();
        REPORTS.put(id, report);
        return report;
    }

    public static ReportPlan plan(int rank, long versionId, String instanceType, String monthlyUsd, String costPer1kUsd) {
        return plan(rank, versionId, "aws", "us-east-1", instanceType, monthlyUsd, costPer1kUsd);
    }

    public static ReportPlan plan(int rank, long versionId, String provider, String region, String instanceType,
                                  String monthlyUsd, String costPer1kUsd) {
        return ReportPlan.newBuilder().setRank(rank).setModelVersionId(versionId).setPool("local-cpu")
                .setProvider(provider).setRegion(region).setInstanceType(instanceType).setPurchaseOption("ON_DEMAND")
                .setAccelerator("none").setAcceleratorCount(0).setReplicas(2).setReplicasBilled(2)
                .setMonthlyCost(Money.newBuilder().setUsd(monthlyUsd)).setCostPer1K(Money.newBuilder().setUsd(costPer1kUsd))
                .addEvidenceResultIds(1).build();
    }

    private static final class Service extends RecommenderServiceGrpc.RecommenderServiceImplBase {
        @Override
        public void getReport(GetReportRequest request, StreamObserver<RecommendationReport> response) {
            RecommendationReport report = REPORTS.get(request.getReportId());
            if (report == null) {
                response.onError(Status.NOT_FOUND.withDescription("no report " + request.getReportId()).asRuntimeException());
                return;
            }
            response.onNext(report);
            response.onCompleted();
        }
    }
}
