package dev.inferplan.catalog.jobs;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.inferplan.catalog.benchmarks.HardwarePools;
import dev.inferplan.catalog.benchmarks.PoolCaller;
import dev.inferplan.catalog.benchmarks.PoolView;
import dev.inferplan.catalog.versions.ModelVersions;
import dev.inferplan.contracts.grpc.catalog.Artifact;
import dev.inferplan.contracts.grpc.catalog.BenchmarkJob;
import dev.inferplan.contracts.grpc.catalog.BenchmarkJobServiceGrpc;
import dev.inferplan.contracts.grpc.catalog.FidelityReport;
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
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * The job queue for runners (proto {@code BenchmarkJobService}, role runner or admin): an adapter
 * over the same domain methods as REST. Refusals are status codes with a description: NOT_FOUND,
 * INVALID_ARGUMENT, FAILED_PRECONDITION (the lease is no longer this runner's).
 */
@ApplicationScoped
public class BenchmarkJobGrpcService implements BenchmarkJobServiceGrpc.AsyncService, BindableService {

    private static final Logger LOGGER = Logger.getLogger(BenchmarkJobGrpcService.class.getName());

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
                    blankToNull(request.getRunnerVersion()), null), poolCaller());
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
        answer(response, () -> leasing.lease(request.getPool(), request.getRunnerId(), poolCaller())
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
                    blankToNull(request.getModelSha256()), blankToNull(request.getRunnerVersion()),
                    request.hasFidelity() ? fidelity(request.getFidelity()) : null), caller());
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
                .setAttempt(job.attempts())
                .setKind(job.kind() == null ? "BENCHMARK" : job.kind())
                .setSearch(job.search() == null ? "GRID" : job.search());
        Optional.ofNullable(leased.reference()).ifPresent(r -> {
            Artifact.Builder reference = Artifact.newBuilder().setUri(r.artifactUri()).setSha256(r.artifactSha256());
            Optional.ofNullable(r.artifactSizeBytes()).ifPresent(reference::setSizeBytes);
            proto.setReferenceArtifact(reference).setReferenceModelVersionId(r.versionId())
                    .setFidelityOutputKind(r.outputKind());
        });
        Optional.ofNullable(job.targetQps()).ifPresent(proto::setTargetQps);
        Optional.ofNullable(job.latencyBoundMs()).ifPresent(proto::setLatencyBoundMs);
        Optional.ofNullable(job.minQueries()).ifPresent(proto::setMinQueries);
        Optional.ofNullable(job.windowSeconds()).ifPresent(proto::setWindowSeconds);
        Optional.ofNullable(job.warmupSeconds()).ifPresent(proto::setWarmupSeconds);
        Optional.ofNullable(job.providerOptions()).ifPresent(o -> {
            var options = dev.inferplan.contracts.grpc.catalog.ProviderOptions.newBuilder();
            Optional.ofNullable(o.cudaDeviceId()).ifPresent(options::setCudaDeviceId);
            Optional.ofNullable(o.cudaMemoryLimitBytes()).ifPresent(options::setCudaMemoryLimitBytes);
            Optional.ofNullable(o.tensorrtFp16()).ifPresent(options::setTensorrtFp16);
            Optional.ofNullable(o.tensorrtEngineCacheDir()).ifPresent(options::setTensorrtEngineCacheDir);
            Optional.ofNullable(o.tensorrtWorkspaceBytes()).ifPresent(options::setTensorrtWorkspaceBytes);
            proto.setProviderOptions(options);
        });
        return LeaseJobResponse.newBuilder().setJob(proto).setLeaseToken(leased.token())
                .setLeaseExpiresAtEpochMs(leased.expiresAt().toEpochMilli()).build();
    }

    private static JobLeasing.Fidelity fidelity(FidelityReport f) {
        return new JobLeasing.Fidelity(f.getOutputKind(), f.getInputs(), blankToNull(f.getInputsDescription()),
                f.getMeanCosine(), f.getP5Cosine(), f.getMinCosine(),
                "CLASSIFIER".equals(f.getOutputKind()) ? f.getTop1Agreement() : null, f.getReferenceSha256());
    }

    private static JobLeasing.Point point(MeasuredPoint p) {
        var latency = p.getLatencyMs();
        return new JobLeasing.Point(p.getBatchSize(), p.getConcurrency(), p.getThreads(), p.getThroughputPerS(),
                positive(latency.getP50()), positive(latency.getP90()), positive(latency.getP95()),
                positive(latency.getP99()), positive(latency.getP999()), positive(latency.getMax()), p.getQueries(),
                p.getDurationSeconds(), p.getValid(), blankToNull(p.getInvalidReason()), positive(p.getTargetQps()),
                positive(p.getAchievedQps()), p.getErrors(), p.getPeakRssBytes() > 0 ? p.getPeakRssBytes() : null,
                positive(p.getGeneratorLagP99Us()), blankToNull(p.getStatus()),
                p.hasMlperfCompliant() ? p.getMlperfCompliant() : null, blankToNull(p.getMlperfRuleBroken()),
                blankToNull(p.getExecutionProvider()), blankToNull(p.getSessionOptions()), p.getSamples(),
                p.getLatencyHistogram().isEmpty() ? null : p.getLatencyHistogram().toByteArray(), figures(p));
    }

    /** The point's other figures as the result's configuration shows them (absent when the runner did not say). */
    static JsonObject figures(MeasuredPoint p) {
        JsonObjectBuilder json = Json.createObjectBuilder();
        if (!p.getStatus().isBlank()) {
            json.add("status", p.getStatus()).add("stable", p.getStable());
        }
        if (p.getSamples() > 0) {
            json.add("samples", p.getSamples());
        }
        if (p.getWindowsCount() > 0) {
            JsonArrayBuilder windows = Json.createArrayBuilder();
            p.getWindowsList().forEach(w -> windows.add(Json.createObjectBuilder().add("index", w.getIndex())
                    .add("queries", w.getQueries()).add("throughputPerS", w.getThroughputPerS()).add("p99Ms", w.getP99Ms())));
            json.add("windows", windows);
        }
        if (p.getRssBytes() > 0) {
            json.add("rssBytes", p.getRssBytes());
        }
        if (p.getGpusCount() > 0) {
            JsonArrayBuilder gpus = Json.createArrayBuilder();
            p.getGpusList().forEach(g -> gpus.add(Json.createObjectBuilder().add("index", g.getIndex())
                    .add("samples", g.getSamples()).add("meanUtilizationPercent", g.getMeanUtilizationPercent())
                    .add("maxUtilizationPercent", g.getMaxUtilizationPercent())
                    .add("meanMemoryUsedMib", g.getMeanMemoryUsedMib()).add("maxMemoryUsedMib", g.getMaxMemoryUsedMib())));
            json.add("gpus", gpus);
        }
        if (p.getGeneratorLagMaxUs() > 0) {
            json.add("generatorLagMaxUs", p.getGeneratorLagMaxUs());
        }
        text(json, "generatorScheduling", p.getGeneratorScheduling());
        text(json, "outputCheck", p.getOutputCheck());
        if (p.getCapacitySearchCount() > 0) {
            JsonArrayBuilder steps = Json.createArrayBuilder();
            p.getCapacitySearchList().forEach(c -> steps.add(Json.createObjectBuilder().add("qps", c.getQps())
                    .add("meetsBound", c.getMeetsBound()).add("p99Ms", c.getP99Ms())));
            json.add("capacitySearch", steps);
        }
        text(json, "executionProvider", p.getExecutionProvider());
        if (p.hasProviderDecision()) {
            var d = p.getProviderDecision();
            JsonArrayBuilder attempts = Json.createArrayBuilder();
            d.getAttemptsList().forEach(a -> attempts.add(Json.createObjectBuilder().add("provider", a.getProvider())
                    .add("used", a.getUsed()).add("outcome", a.getOutcome())));
            json.add("providerDecision", Json.createObjectBuilder()
                    .add("requested", Json.createArrayBuilder(d.getRequestedList())).add("allowFallback", d.getAllowFallback())
                    .add("ran", d.getRan()).add("fellBack", d.getFellBack()).add("attempts", attempts)
                    .add("reason", d.getReason()));
        }
        if (p.hasServiceLatencyMs()) {
            var l = p.getServiceLatencyMs();
            json.add("serviceLatencyMs", Json.createObjectBuilder().add("p50", l.getP50()).add("p90", l.getP90())
                    .add("p95", l.getP95()).add("p99", l.getP99()).add("p999", l.getP999()).add("max", l.getMax()));
        }
        if (p.getLatencyMeanMs() > 0) {
            json.add("latencyMeanMs", p.getLatencyMeanMs());
        }
        if (p.getSessionCreateMs() > 0) {
            json.add("sessionCreateMs", p.getSessionCreateMs());
        }
        if (p.getFirstInferenceMs() > 0) {
            json.add("firstInferenceMs", p.getFirstInferenceMs());
        }
        text(json, "rules", p.getRules());
        if (p.hasSearch()) {
            var trace = p.getSearch();
            JsonArrayBuilder measured = Json.createArrayBuilder();
            trace.getMeasuredList().forEach(m -> measured.add(Json.createObjectBuilder().add("batchSize", m.getBatchSize())
                    .add("concurrency", m.getConcurrency()).add("threads", m.getThreads())
                    .add("throughputPerS", m.getThroughputPerS()).add("p99Ms", m.getP99Ms()).add("status", m.getStatus())));
            json.add("search", Json.createObjectBuilder().add("strategy", trace.getStrategy()).add("measured", measured)
                    .add("stoppedBecause", trace.getStoppedBecause()));
        }
        return json.build();
    }

    private static void text(JsonObjectBuilder json, String name, String value) {
        if (value != null && !value.isBlank()) {
            json.add(name, value);
        }
    }

    private static ModelVersions.TensorSignature tensor(TensorSignature t) {
        return new ModelVersions.TensorSignature(t.getName(), t.getDtype(), t.getShapeList());
    }

    /**
     * Runs a domain call and answers its result, or the refusal as a status with a description; an
     * unforeseen failure as INTERNAL with an error id that is logged (a call left unanswered would hold
     * its runner until the deadline).
     */
    static <T> void answer(StreamObserver<T> response, Supplier<T> call) {
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
                case 403 -> Status.PERMISSION_DENIED;
                case 404 -> Status.NOT_FOUND;
                case 409 -> Status.ABORTED;
                default -> Status.INVALID_ARGUMENT;
            };
            response.onError(status.withDescription(describe(e)).asRuntimeException());
            return;
        } catch (RuntimeException e) {
            String errorId = UUID.randomUUID().toString();
            LOGGER.log(Level.SEVERE, "Unexpected failure in a job service call, error id " + errorId, e);
            response.onError(Status.INTERNAL.withDescription("an unexpected error occurred; quote error id " + errorId
                    + " when reporting it").asRuntimeException());
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

    private static PoolCaller poolCaller() {
        var caller = GrpcAuthentication.CALLER.get();
        return PoolCaller.of(caller.user(), caller.roles().contains(Roles.ADMIN), caller.rawToken());
    }

    private static Double positive(double value) {
        return value > 0 && Double.isFinite(value) ? value : null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
