package dev.inferplan.catalog.jobs;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import dev.inferplan.catalog.benchmarks.HardwarePools;
import dev.inferplan.catalog.benchmarks.PoolView;
import dev.inferplan.catalog.versions.ModelVersions;
import dev.inferplan.contracts.grpc.catalog.Artifact;
import dev.inferplan.contracts.grpc.catalog.BenchmarkJob;
import dev.inferplan.contracts.grpc.catalog.BenchmarkJobServiceGrpc;
import dev.inferplan.contracts.grpc.catalog.HardwarePool;
import dev.inferplan.contracts.grpc.catalog.HeartbeatRequest;
import dev.inferplan.contracts.grpc.catalog.HeartbeatResponse;
import dev.inferplan.contracts.grpc.catalog.LeaseJobRequest;
import dev.inferplan.contracts.grpc.catalog.LeaseJobResponse;
import dev.inferplan.contracts.grpc.catalog.MeasuredPoint;
import dev.inferplan.contracts.grpc.catalog.RegisterPoolRequest;
import dev.inferplan.contracts.grpc.catalog.ReportArtifactSignatureRequest;
import dev.inferplan.contracts.grpc.catalog.ReportArtifactSignatureResponse;
import dev.inferplan.contracts.grpc.catalog.ReportResultRequest;
import dev.inferplan.contracts.grpc.catalog.ReportResultResponse;
import dev.inferplan.contracts.grpc.catalog.TensorSignature;
import dev.inferplan.platform.grpc.GrpcAuthentication;
import dev.inferplan.platform.problem.ProblemException;
import dev.inferplan.platform.security.Roles;

import io.grpc.BindableService;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The job queue for runners (proto {@code BenchmarkJobService}, role runner or admin): an adapter
 * over the same domain methods as REST. Refusals are status codes with a description: NOT_FOUND,
 * INVALID_ARGUMENT, FAILED_PRECONDITION (the lease is no longer this runner's).
 */
@ApplicationScoped
public class BenchmarkJobGrpcService implements BenchmarkJobServiceGrpc.AsyncService, BindableService {

    private final HardwarePools pools;
    private final JobLeasing leasing;
    private final ModelVersions versions;
    private final GrpcAuthentication authentication;

    @Inject
    public BenchmarkJobGrpcService(HardwarePools pools, JobLeasing leasing, ModelVersions versions,
                                   GrpcAuthentication authentication) {
        this.pools = pools;
        this.leasing = leasing;
        this.versions = versions;
        this.authentication = authentication;
    }

    @Override
    public ServerServiceDefinition bindService() {
        return ServerInterceptors.intercept(BenchmarkJobServiceGrpc.bindService(this),
                authentication.requireAnyRole(Roles.RUNNER, Roles.ADMIN));
    }

    @Override
    public void registerPool(RegisterPoolRequest request, StreamObserver<HardwarePool> response) {
        answer(response, () -> {
            PoolView pool = pools.register(new HardwarePools.PoolRegistration(request.getPool(),
                    request.getInstanceTypesCount() == 0 ? List.of("on-prem/" + request.getPool())
                            : request.getInstanceTypesList(), request.getAccelerator(), request.getAcceleratorCount(),
                    // proto3's 0 is "not detected"; a negative figure goes on to be refused with its field's name
                    blankToNull(request.getCpuModel()), request.getCpuCores() != 0 ? request.getCpuCores() : null,
                    request.getMemoryBytes() != 0 ? request.getMemoryBytes() : null,
                    blankToNull(request.getRunnerVersion()), null), caller());
            HardwarePool.Builder proto = HardwarePool.newBuilder().setPool(pool.pool())
                    .addAllInstanceTypes(pool.instanceTypes()).setAccelerator(pool.accelerator())
                    .setAcceleratorCount(pool.acceleratorCount());
            Optional.ofNullable(pool.cpuModel()).ifPresent(proto::setCpuModel);
            Optional.ofNullable(pool.cpuCores()).ifPresent(proto::setCpuCores);
            Optional.ofNullable(pool.memoryBytes()).ifPresent(proto::setMemoryBytes);
            return proto.build();
        });
    }

    @Override
    public void leaseJob(LeaseJobRequest request, StreamObserver<LeaseJobResponse> response) {
        answer(response, () -> leasing.lease(request.getPool(), request.getRunnerId(), caller())
                .map(BenchmarkJobGrpcService::toProto).orElse(LeaseJobResponse.getDefaultInstance()));
    }

    @Override
    public void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatResponse> response) {
        answer(response, () -> {
            JobLeasing.HeartbeatAnswer answer = leasing.heartbeat(request.getJobId(), request.getLeaseToken(),
                    request.getProgressPercent(), request.getEtaSeconds());
            return HeartbeatResponse.newBuilder().setStop(answer.stop())
                    .setLeaseExpiresAtEpochMs(answer.expiresAt() == null ? 0 : answer.expiresAt().toEpochMilli()).build();
        });
    }

    @Override
    public void reportResult(ReportResultRequest request, StreamObserver<ReportResultResponse> response) {
        answer(response, () -> {
            JobLeasing.ReportAnswer answer = leasing.report(new JobLeasing.Report(request.getJobId(),
                    request.getLeaseToken(), request.getIdempotencyKey(), request.getSucceeded(),
                    blankToNull(request.getFailureReason()),
                    request.getPointsList().stream().map(BenchmarkJobGrpcService::point).toList(),
                    blankToNull(request.getExecutionProvider()), blankToNull(request.getOrtVersion()),
                    blankToNull(request.getSessionOptions()), blankToNull(request.getHardware()),
                    blankToNull(request.getModelSha256()), blankToNull(request.getRunnerVersion())), caller());
            return ReportResultResponse.newBuilder().setRecorded(answer.recorded()).addAllResultIds(answer.resultIds()).build();
        });
    }

    @Override
    public void reportArtifactSignature(ReportArtifactSignatureRequest request,
                                        StreamObserver<ReportArtifactSignatureResponse> response) {
        answer(response, () -> {
            ModelVersions.SignatureOutcome outcome = versions.reportSignature(request.getModelVersionId(),
                    new ModelVersions.SignatureReport(request.getSha256(), request.getOpset() > 0 ? request.getOpset() : null,
                            request.getInputsList().stream().map(BenchmarkJobGrpcService::tensor).toList(),
                            request.getOutputsList().stream().map(BenchmarkJobGrpcService::tensor).toList()), caller());
            return ReportArtifactSignatureResponse.newBuilder().setAccepted(outcome.accepted())
                    .setReason(outcome.reason() == null ? "" : outcome.reason()).build();
        });
    }

    private static LeaseJobResponse toProto(JobLeasing.Leased leased) {
        JobView job = leased.job();
        BenchmarkJob.Builder proto = BenchmarkJob.newBuilder()
                .setId(job.id())
                .setModelVersionId(job.modelVersionId())
                .setArtifact(Artifact.newBuilder().setUri(leased.artifactUri()).setSha256(leased.artifactSha256()))
                .setScenario(job.scenario())
                .addAllBatchSizes(job.sweep().batchSizes())
                .addAllConcurrencies(job.sweep().concurrencies())
                .addAllThreads(job.sweep().threads())
                .setSequenceLength(job.sweep().sequenceLength())
                .setDurationSeconds(job.durationSeconds())
                .addAllExecutionProviders(job.executionProviders())
                .setAllowFallback(job.allowFallback())
                .setAttempt(job.attempts());
        Optional.ofNullable(job.targetQps()).ifPresent(proto::setTargetQps);
        Optional.ofNullable(job.latencyBoundMs()).ifPresent(proto::setLatencyBoundMs);
        Optional.ofNullable(job.minQueries()).ifPresent(proto::setMinQueries);
        Optional.ofNullable(job.windowSeconds()).ifPresent(proto::setWindowSeconds);
        Optional.ofNullable(job.warmupSeconds()).ifPresent(proto::setWarmupSeconds);
        return LeaseJobResponse.newBuilder().setJob(proto).setLeaseToken(leased.token())
                .setLeaseExpiresAtEpochMs(leased.expiresAt().toEpochMilli()).build();
    }

    private static JobLeasing.Point point(MeasuredPoint p) {
        var latency = p.getLatencyMs();
        return new JobLeasing.Point(p.getBatchSize(), p.getConcurrency(), p.getThreads(), p.getThroughputPerS(),
                positive(latency.getP50()), positive(latency.getP90()), positive(latency.getP95()),
                positive(latency.getP99()), positive(latency.getP999()), positive(latency.getMax()), p.getQueries(),
                p.getDurationSeconds(), p.getValid(), blankToNull(p.getInvalidReason()), positive(p.getTargetQps()),
                positive(p.getAchievedQps()), p.getErrors(), p.getPeakRssBytes() > 0 ? p.getPeakRssBytes() : null,
                positive(p.getGeneratorLagP99Us()));
    }

    private static ModelVersions.TensorSignature tensor(TensorSignature t) {
        return new ModelVersions.TensorSignature(t.getName(), t.getDtype(), t.getShapeList());
    }

    /** Runs a domain call and answers its result, or the refusal as a status with a description. */
    private static <T> void answer(StreamObserver<T> response, Supplier<T> call) {
        T result;
        try {
            result = call.get();
        } catch (JobLeasing.Refused e) {
            Status status = switch (e.kind()) {
                case NOT_FOUND -> Status.NOT_FOUND;
                case LEASE_LOST -> Status.FAILED_PRECONDITION;
                case INVALID -> Status.INVALID_ARGUMENT;
            };
            response.onError(status.withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (ProblemException e) {
            Status status = switch (e.status()) {
                case 404 -> Status.NOT_FOUND;
                case 409 -> Status.ABORTED;
                default -> Status.INVALID_ARGUMENT;
            };
            response.onError(status.withDescription(describe(e)).asRuntimeException());
            return;
        }
        response.onNext(result);
        response.onCompleted();
    }

    private static String describe(ProblemException e) {
        StringBuilder description = new StringBuilder(e.getMessage() == null ? "refused" : e.getMessage());
        e.errors().forEach(error -> description.append("; ").append(error.field()).append(": ").append(error.reason()));
        return description.toString();
    }

    private static String caller() {
        var caller = GrpcAuthentication.CALLER.get();
        return caller == null ? "runner" : caller.user();
    }

    private static Double positive(double value) {
        return value > 0 && Double.isFinite(value) ? value : null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
