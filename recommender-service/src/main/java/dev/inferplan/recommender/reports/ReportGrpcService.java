package dev.inferplan.recommender.reports;

import dev.inferplan.contracts.grpc.common.Money;
import dev.inferplan.contracts.grpc.recommender.GetReportRequest;
import dev.inferplan.contracts.grpc.recommender.RecommendationReport;
import dev.inferplan.contracts.grpc.recommender.RecommenderServiceGrpc;
import dev.inferplan.contracts.grpc.recommender.ReportPlan;
import dev.inferplan.platform.grpc.GrpcAuthentication;
import dev.inferplan.platform.security.Roles;

import io.grpc.BindableService;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code RecommenderService.GetReport}: a saved report as the catalog's cost gate reads it; an adapter over {@link Reports}. */
@ApplicationScoped
public class ReportGrpcService implements RecommenderServiceGrpc.AsyncService, BindableService {

    private final ReportRepository repository;
    private final GrpcAuthentication authentication;

    @Inject
    public ReportGrpcService(ReportRepository repository, GrpcAuthentication authentication) {
        this.repository = repository;
        this.authentication = authentication;
    }

    @Override
    public ServerServiceDefinition bindService() {
        return ServerInterceptors.intercept(RecommenderServiceGrpc.bindService(this),
                authentication.requireAnyRole(Roles.VIEWER, Roles.TEAM, Roles.REVIEWER, Roles.ADMIN));
    }

    @Override
    public void getReport(GetReportRequest request, StreamObserver<RecommendationReport> response) {
        var found = repository.byId(request.getReportId());
        if (found.isEmpty()) {
            response.onError(Status.NOT_FOUND.withDescription("report " + request.getReportId() + " does not exist")
                    .asRuntimeException());
            return;
        }
        Report report = found.get();
        RecommendationReport.Builder proto = RecommendationReport.newBuilder()
                .setReportId(report.id())
                .setCreatedBy(report.createdBy())
                .setCreatedAt(report.createdAt().toString())
                .addAllPriceBookVersions(report.priceBookVersions())
                .setCatalogPosition(report.catalogPosition())
                .setTask(report.task());
        for (Reports.SavedPlan plan : Reports.plans(report)) {
            proto.addPlans(ReportPlan.newBuilder()
                    .setRank(plan.rank())
                    .setModelVersionId(plan.modelVersionId())
                    .setPool(plan.pool())
                    .setProvider(plan.provider())
                    .setRegion(plan.region())
                    .setInstanceType(plan.instanceType())
                    .setPurchaseOption(plan.purchaseOption())
                    .setAccelerator(plan.accelerator())
                    .setAcceleratorCount(plan.acceleratorCount())
                    .setReplicas(plan.replicas())
                    .setReplicasBilled(plan.replicasBilled())
                    .setMonthlyCost(Money.newBuilder().setUsd(plan.monthlyCostUsd()))
                    .setCostPer1K(Money.newBuilder().setUsd(plan.costPer1kUsd()))
                    .addAllEvidenceResultIds(plan.evidenceResultIds()));
        }
        response.onNext(proto.build());
        response.onCompleted();
    }
}
