package dev.inferplan.catalog.grpc;

import java.util.ArrayList;
import java.util.List;

import dev.inferplan.catalog.audit.AuditPosition;
import dev.inferplan.catalog.benchmarks.ResultView;
import dev.inferplan.catalog.evidence.BenchmarkEvidence;
import dev.inferplan.catalog.tasks.TaskRegistry;
import dev.inferplan.catalog.versions.MetricView;
import dev.inferplan.catalog.versions.VersionIndex;
import dev.inferplan.catalog.versions.VersionStatus;
import dev.inferplan.catalog.versions.VersionView;
import dev.inferplan.contracts.grpc.catalog.Artifact;
import dev.inferplan.contracts.grpc.catalog.CatalogPosition;
import dev.inferplan.contracts.grpc.catalog.CatalogServiceGrpc;
import dev.inferplan.contracts.grpc.catalog.GetCatalogPositionRequest;
import dev.inferplan.contracts.grpc.catalog.LatencyMs;
import dev.inferplan.contracts.grpc.catalog.ListTasksRequest;
import dev.inferplan.contracts.grpc.catalog.ListTasksResponse;
import dev.inferplan.contracts.grpc.catalog.ModelVersion;
import dev.inferplan.contracts.grpc.catalog.QualityMetric;
import dev.inferplan.contracts.grpc.catalog.StreamBenchmarkEvidenceRequest;
import dev.inferplan.contracts.grpc.catalog.StreamModelVersionsRequest;
import dev.inferplan.contracts.grpc.catalog.Task;
import dev.inferplan.contracts.grpc.common.Provenance;
import dev.inferplan.platform.grpc.GrpcAuthentication;
import dev.inferplan.platform.security.Roles;

import io.grpc.BindableService;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The recommender's gRPC view of the catalog: an adapter over the same domain methods as the
 * REST resources.
 */
@ApplicationScoped
public class CatalogGrpcService implements CatalogServiceGrpc.AsyncService, BindableService {

    private final TaskRegistry tasks;
    private final VersionIndex versions;
    private final GrpcAuthentication authentication;
    private final BenchmarkEvidence evidence;
    private final AuditPosition position;

    @Inject
    public CatalogGrpcService(TaskRegistry tasks, VersionIndex versions, GrpcAuthentication authentication,
                              BenchmarkEvidence evidence, AuditPosition position) {
        this.tasks = tasks;
        this.versions = versions;
        this.authentication = authentication;
        this.evidence = evidence;
        this.position = position;
    }

    @Override
    public ServerServiceDefinition bindService() {
        return ServerInterceptors.intercept(CatalogServiceGrpc.bindService(this),
                authentication.requireAnyRole(Roles.VIEWER, Roles.TEAM, Roles.REVIEWER, Roles.ADMIN, Roles.RUNNER));
    }

    @Override
    public void listTasks(ListTasksRequest request, StreamObserver<ListTasksResponse> response) {
        ListTasksResponse.Builder tasksResponse = ListTasksResponse.newBuilder();
        tasks.list().forEach(task -> tasksResponse.addTasks(
                Task.newBuilder().setName(task.name()).setDescription(task.description())));
        response.onNext(tasksResponse.build());
        response.onCompleted();
    }

    /** The catalog's position ({@link AuditPosition}): a reader whose snapshot was read at another one reloads. */
    @Override
    public void getCatalogPosition(GetCatalogPositionRequest request, StreamObserver<CatalogPosition> response) {
        response.onNext(CatalogPosition.newBuilder().setAuditPosition(position.current())
                .setAtEpochMs(System.currentTimeMillis()).build());
        response.onCompleted();
    }

    /** Versions in the statuses (APPROVED when none) and tasks (all when none), with their metrics, from the version index. */
    @Override
    public void streamModelVersions(StreamModelVersionsRequest request, StreamObserver<ModelVersion> response) {
        List<VersionStatus> statuses = new ArrayList<>();
        for (String status : request.getStatusesList()) {
            VersionStatus parsed = VersionStatus.parse(status).orElse(null);
            if (parsed == null) {
                response.onError(Status.INVALID_ARGUMENT.withDescription("unknown status '" + status + "'; one of "
                        + List.of(VersionStatus.values())).asRuntimeException());
                return;
            }
            statuses.add(parsed);
        }
        if (statuses.isEmpty()) {
            statuses.add(VersionStatus.APPROVED);
        }
        versions.forEach(statuses, request.getTasksList(), ModelVersion.class, CatalogGrpcService::toProto, response::onNext);
        response.onCompleted();
    }

    /** Measured and published results of the versions and/or accelerators asked for (all when none), with their pools. */
    @Override
    public void streamBenchmarkEvidence(StreamBenchmarkEvidenceRequest request,
                                        StreamObserver<dev.inferplan.contracts.grpc.catalog.BenchmarkEvidence> response) {
        evidence.forEach(request.getModelVersionIdsList(), request.getAcceleratorsList(),
                found -> response.onNext(toProto(found)));
        response.onCompleted();
    }

    static dev.inferplan.contracts.grpc.catalog.BenchmarkEvidence toProto(BenchmarkEvidence.Evidence found) {
        ResultView result = found.result();
        dev.inferplan.contracts.grpc.catalog.BenchmarkEvidence.Builder proto =
                dev.inferplan.contracts.grpc.catalog.BenchmarkEvidence.newBuilder()
                        .setId(result.id())
                        .setModelVersionId(result.modelVersionId())
                        .setPool(result.pool())
                        .setAccelerator(found.pool().accelerator())
                        .setAcceleratorCount(found.pool().acceleratorCount())
                        .setScenario(result.scenario())
                        .setBatchSize(result.batchSize())
                        .setConcurrency(result.concurrency())
                        .setThroughputPerS(result.throughputPerS())
                        .setLatencyMs(LatencyMs.newBuilder()
                                .setP50(orZero(result.latencyMs().p50()))
                                .setP90(orZero(result.latencyMs().p90()))
                                .setP95(orZero(result.latencyMs().p95()))
                                .setP99(orZero(result.latencyMs().p99()))
                                .setMax(orZero(result.latencyMs().max())))
                        .setValid(result.valid())
                        .setProvenance(Provenance.newBuilder()
                                .setKind(Provenance.Kind.valueOf(result.provenance().kind()))
                                .setSource(result.provenance().source()))
                        .addAllInstanceTypes(found.pool().instanceTypes());
        if (result.invalidReason() != null) {
            proto.setInvalidReason(result.invalidReason());
        }
        if (result.executionProvider() != null) {
            proto.setExecutionProvider(result.executionProvider());
        }
        return proto.build();
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }

    static ModelVersion toProto(VersionView version) {
        ModelVersion.Builder proto = ModelVersion.newBuilder()
                .setId(version.id())
                .setFamilyId(version.familyId())
                .setFamilyName(version.familyName())
                .setTask(version.task())
                .setLabel(version.label())
                .setStatus(version.status())
                .setRevision(version.revision());
        if (version.tier() != null) {
            proto.setTier(version.tier());
        }
        if (version.artifact() != null) {
            Artifact.Builder artifact = Artifact.newBuilder().setUri(version.artifact().uri());
            if (version.artifact().sha256() != null) {
                artifact.setSha256(version.artifact().sha256());
            }
            if (version.artifact().sizeBytes() != null) {
                artifact.setSizeBytes(version.artifact().sizeBytes());
            }
            if (version.artifact().format() != null) {
                artifact.setFormat(version.artifact().format());
            }
            if (version.artifact().servedModel() != null) {
                artifact.setServedModel(version.artifact().servedModel());
            }
            proto.setArtifact(artifact);
        }
        if (version.lineage() != null) {
            proto.setLineageKind(version.lineage().kind()).setParentVersionId(version.lineage().parentVersionId());
        }
        for (MetricView metric : version.metrics()) {
            proto.addMetrics(QualityMetric.newBuilder()
                    .setName(metric.name())
                    .setValue(metric.value().toPlainString())
                    .setDataset(metric.dataset())
                    .setSplit(metric.split())
                    .setHigherIsBetter(metric.higherIsBetter())
                    .setProvenance(Provenance.newBuilder()
                            .setKind(Provenance.Kind.valueOf(metric.provenance().kind()))
                            .setSource(metric.provenance().source())));
        }
        return proto.build();
    }
}
