package dev.inferplan.runner.jobs;

import java.net.URI;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.inferplan.contracts.benchmarks.ExecutionProvider;
import dev.inferplan.contracts.benchmarks.Scenario;
import dev.inferplan.contracts.grpc.catalog.BenchmarkJobServiceGrpc;
import dev.inferplan.contracts.grpc.catalog.CapacityStep;
import dev.inferplan.contracts.grpc.catalog.GpuSummary;
import dev.inferplan.contracts.grpc.catalog.HeartbeatRequest;
import dev.inferplan.contracts.grpc.catalog.HeartbeatResponse;
import dev.inferplan.contracts.grpc.catalog.LatencyMs;
import dev.inferplan.contracts.grpc.catalog.LeaseJobRequest;
import dev.inferplan.contracts.grpc.catalog.LeaseJobResponse;
import dev.inferplan.contracts.grpc.catalog.MeasuredPoint;
import dev.inferplan.contracts.grpc.catalog.MeasurementWindow;
import dev.inferplan.contracts.grpc.catalog.ProviderAttempt;
import dev.inferplan.contracts.grpc.catalog.RegisterPoolRequest;
import dev.inferplan.contracts.grpc.catalog.ReportArtifactSignatureRequest;
import dev.inferplan.contracts.grpc.catalog.ReportArtifactSignatureResponse;
import dev.inferplan.contracts.grpc.catalog.ReportResultRequest;
import dev.inferplan.contracts.grpc.catalog.SearchStep;
import dev.inferplan.contracts.grpc.catalog.TensorSignature;
import dev.inferplan.runner.execution.ProviderDecision;
import dev.inferplan.runner.execution.ProviderOptions;
import dev.inferplan.runner.fidelity.FidelityReport;
import dev.inferplan.runner.fidelity.OutputKind;
import dev.inferplan.runner.hardware.Hardware;
import dev.inferplan.runner.models.ModelSignature;
import dev.inferplan.runner.sweeps.SearchTrace;
import dev.inferplan.runner.sweeps.SweepPoint;

import com.google.protobuf.ByteString;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

/**
 * The catalog's {@code BenchmarkJobService} over gRPC (grpc-java's transport through platform's
 * {@code ServiceChannel}, the runner's own token on every call, a deadline on each).
 */
public final class GrpcJobQueue implements JobQueue {

    private final BenchmarkJobServiceGrpc.BenchmarkJobServiceBlockingStub stub;
    private final long timeoutMs;
    private final URI uri;

    public GrpcJobQueue(io.grpc.Channel channel, URI uri, long timeoutMs) {
        this.stub = BenchmarkJobServiceGrpc.newBlockingStub(channel);
        this.uri = uri;
        this.timeoutMs = timeoutMs;
    }

    public URI uri() {
        return uri;
    }

    private BenchmarkJobServiceGrpc.BenchmarkJobServiceBlockingStub call() {
        return stub.withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void registerPool(Hardware hardware, String runnerVersion) {
        Hardware.Gpu gpu = hardware.gpus().isEmpty() ? null : hardware.gpus().get(0);
        call().registerPool(RegisterPoolRequest.newBuilder()
                .setPool(hardware.pool())
                .addAllInstanceTypes(hardware.instanceTypes())
                .setAccelerator(gpu == null ? "cpu" : gpu.accelerator() == null ? gpu.name() : gpu.accelerator())
                .setAcceleratorCount(hardware.gpus().size())
                .setCpuModel(hardware.cpuModel())
                .setCpuCores(hardware.cpuCores())
                .setMemoryBytes(hardware.memoryBytes())
                .setRunnerVersion(runnerVersion)
                .build());
    }

    @Override
    public Optional<Lease> lease(String pool, String runnerId) {
        LeaseJobResponse response = call().leaseJob(LeaseJobRequest.newBuilder().setPool(pool).setRunnerId(runnerId).build());
        if (!response.hasJob()) {
            return Optional.empty();
        }
        var job = response.getJob();
        try {
            BenchmarkJob mapped = new BenchmarkJob(job.getId(), job.getModelVersionId(), URI.create(job.getArtifact().getUri()),
                    job.getArtifact().getSha256(), Scenario.require(job.getScenario()), job.getBatchSizesList(),
                    job.getConcurrenciesList(), job.getThreadsList(), job.getSequenceLength(), new HashMap<>(),
                    job.getDurationSeconds(), job.getTargetQps(), job.getLatencyBoundMs(),
                    job.getExecutionProvidersList().stream().map(ExecutionProvider::parse).toList(),
                    job.getAllowFallback(), job.getAttempt(), new BenchmarkJob.Tuning(job.getMinQueries(),
                    job.getWindowSeconds(), job.hasWarmupSeconds() ? job.getWarmupSeconds() : -1),
                    Math.max(0, job.getArtifact().getSizeBytes()), providerOptions(job), fidelity(job),
                    "QUICK".equalsIgnoreCase(job.getSearch()));
            return Optional.of(new Lease(mapped, job.getId(), response.getLeaseToken(), response.getLeaseExpiresAtEpochMs(), null));
        } catch (IllegalArgumentException e) {
            return Optional.of(new Lease(null, job.getId(), response.getLeaseToken(), response.getLeaseExpiresAtEpochMs(),
                    e.getMessage()));
        }
    }

    private static BenchmarkJob.Fidelity fidelity(dev.inferplan.contracts.grpc.catalog.BenchmarkJob job) {
        if (!"FIDELITY".equals(job.getKind())) {
            return null;
        }
        var reference = job.getReferenceArtifact();
        return new BenchmarkJob.Fidelity(job.getReferenceModelVersionId(), URI.create(reference.getUri()),
                reference.getSha256(), Math.max(0, reference.getSizeBytes()),
                OutputKind.parse(job.getFidelityOutputKind().isBlank() ? "EMBEDDING" : job.getFidelityOutputKind()));
    }

    private static ProviderOptions providerOptions(dev.inferplan.contracts.grpc.catalog.BenchmarkJob job) {
        if (!job.hasProviderOptions()) {
            return ProviderOptions.DEFAULT;
        }
        var o = job.getProviderOptions();
        return new ProviderOptions(o.getCudaDeviceId(), o.getCudaMemoryLimitBytes(), o.getTensorrtFp16(),
                o.getTensorrtEngineCacheDir(), o.getTensorrtWorkspaceBytes());
    }

    @Override
    public HeartbeatAnswer heartbeat(Lease lease, double progressPercent, long etaSeconds) {
        HeartbeatResponse response = call().heartbeat(HeartbeatRequest.newBuilder()
                .setJobId(lease.jobId()).setLeaseToken(lease.token())
                .setProgressPercent(progressPercent).setEtaSeconds(etaSeconds).build());
        return new HeartbeatAnswer(response.getStop(), response.getLeaseExpiresAtEpochMs());
    }

    @Override
    public boolean report(Lease lease, String idempotencyKey, JobOutcome outcome, Hardware hardware, String runnerVersion) {
        ReportResultRequest.Builder request = ReportResultRequest.newBuilder()
                .setJobId(lease.jobId()).setLeaseToken(lease.token()).setIdempotencyKey(idempotencyKey)
                .setSucceeded(outcome.succeeded())
                .setFailureReason(outcome.failureReason() == null ? "" : outcome.failureReason())
                .setModelSha256(outcome.modelSha256() == null ? "" : outcome.modelSha256())
                .setRunnerVersion(runnerVersion)
                .setHardware(json(hardware));
        List<PointResult> points = outcome.points();
        if (!points.isEmpty()) {
            PointResult first = points.get(0);
            request.setExecutionProvider(first.executionProvider()).setOrtVersion(first.ortVersion())
                    .setSessionOptions(first.sessionOptions());
        }
        SearchTrace trace = outcome.search();
        for (PointResult p : points) {
            MeasuredPoint point = point(p);
            if (trace != null && trace.best() != null && trace.best().equals(new SweepPoint(p.batchSize(), p.concurrency(),
                    p.intraOpThreads()))) {
                // the chosen point carries how the search got there
                var search = dev.inferplan.contracts.grpc.catalog.SearchTrace.newBuilder().setStrategy(trace.strategy())
                        .setStoppedBecause(trace.stoppedBecause());
                trace.measured().forEach(step -> search.addMeasured(SearchStep.newBuilder()
                        .setBatchSize(step.point().batchSize()).setConcurrency(step.point().concurrency())
                        .setThreads(step.point().intraOpThreads()).setThroughputPerS(step.throughputPerS())
                        .setP99Ms(step.p99Ms()).setStatus(step.status())));
                point = point.toBuilder().setSearch(search).build();
            }
            request.addPoints(point);
        }
        if (outcome.fidelity() != null) {
            FidelityReport f = outcome.fidelity();
            var fidelity = dev.inferplan.contracts.grpc.catalog.FidelityReport.newBuilder()
                    .setOutputKind(f.outputKind().name()).setInputs(f.inputs()).setInputsDescription(f.inputsDescription())
                    .setMeanCosine(f.meanCosine()).setP5Cosine(f.p5Cosine()).setMinCosine(f.minCosine())
                    .setReferenceSha256(f.referenceSha256()).setOutputName(f.outputName() == null ? "" : f.outputName());
            if (f.top1Agreement() != null) {
                fidelity.setTop1Agreement(f.top1Agreement());
            }
            request.setFidelity(fidelity);
        }
        try {
            return call().reportResult(request.build()).getRecorded();
        } catch (io.grpc.StatusRuntimeException e) {
            if (e.getStatus().getCode() == io.grpc.Status.Code.FAILED_PRECONDITION) {
                // the lease was lost (the job re-leased, cancelled or finished): the catalog will never take
                // this report, so it is dropped rather than kept pending forever
                java.util.logging.Logger.getLogger(GrpcJobQueue.class.getName()).warning(() -> "job " + lease.jobId()
                        + ": the catalog refused the report: " + e.getStatus().getDescription());
                return false;
            }
            throw e;
        }
    }

    /** Everything the runner knew about one point: its own provider, decision and session options among it. */
    static MeasuredPoint point(PointResult p) {
        MeasuredPoint.Builder point = MeasuredPoint.newBuilder()
                .setBatchSize(p.batchSize()).setConcurrency(p.concurrency()).setThreads(p.intraOpThreads())
                .setThroughputPerS(p.throughputPerS())
                .setLatencyMs(latency(p.latencyMs()))
                .setLatencyMeanMs(p.latencyMs().mean())
                .setGeneratorLagP99Us(p.generatorLagP99Us())
                .setGeneratorLagMaxUs(p.generatorLagMaxUs())
                .setQueries(p.queries()).setSamples(p.samples()).setDurationSeconds(p.durationSeconds())
                .setValid(p.valid())
                .setInvalidReason(p.invalidReason() == null ? "" : p.invalidReason())
                .setStatus(p.status()).setStable(p.stable())
                .setTargetQps(p.targetQps()).setAchievedQps(p.achievedQps()).setErrors(p.errors())
                .setPeakRssBytes(p.peakRssBytes() == null ? 0 : p.peakRssBytes())
                .setRssBytes(p.rssBytes() == null ? 0 : p.rssBytes())
                .setOutputCheck(p.outputCheck() == null ? "" : p.outputCheck())
                .setExecutionProvider(p.executionProvider())
                .setSessionOptions(p.sessionOptions())
                .setSessionCreateMs(p.sessionCreateMs()).setFirstInferenceMs(p.firstInferenceMs())
                .setRules(p.rules() == null ? "" : p.rules())
                .setMlperfCompliant(p.mlperfCompliant())
                .setMlperfRuleBroken(p.mlperfRuleBroken() == null ? "" : p.mlperfRuleBroken());
        if (p.generatorScheduling() != null) {
            point.setGeneratorScheduling(p.generatorScheduling());
        }
        if (p.serviceLatencyMs() != null) {
            point.setServiceLatencyMs(latency(p.serviceLatencyMs()));
        }
        if (p.latencyHistogram() != null) {
            point.setLatencyHistogram(ByteString.copyFrom(Base64.getDecoder().decode(p.latencyHistogram())));
        }
        p.windows().forEach(w -> point.addWindows(MeasurementWindow.newBuilder().setIndex(w.index())
                .setQueries(w.queries()).setThroughputPerS(w.throughputPerS()).setP99Ms(w.p99Ms())));
        p.gpuSummary().forEach(g -> point.addGpus(GpuSummary.newBuilder().setIndex(g.index()).setSamples(g.samples())
                .setMeanUtilizationPercent(g.meanUtilizationPercent()).setMaxUtilizationPercent(g.maxUtilizationPercent())
                .setMeanMemoryUsedMib(g.meanMemoryUsedMib()).setMaxMemoryUsedMib(g.maxMemoryUsedMib())));
        if (p.capacitySearch() != null) {
            p.capacitySearch().forEach(step -> point.addCapacitySearch(CapacityStep.newBuilder().setQps(step.qps())
                    .setMeetsBound(step.meetsBound()).setP99Ms(step.p99Ms())));
        }
        if (p.provider() != null) {
            ProviderDecision d = p.provider();
            var decision = dev.inferplan.contracts.grpc.catalog.ProviderDecision.newBuilder()
                    .addAllRequested(d.requested().stream().map(Enum::name).toList())
                    .setAllowFallback(d.allowFallback()).setRan(d.ran().name()).setFellBack(d.fellBack())
                    .setReason(d.describe());
            d.attempts().forEach(a -> decision.addAttempts(ProviderAttempt.newBuilder().setProvider(a.provider().name())
                    .setUsed(a.used()).setOutcome(a.outcome())));
            point.setProviderDecision(decision);
        }
        return point.build();
    }

    private static LatencyMs latency(PointResult.LatencyMs l) {
        return LatencyMs.newBuilder().setP50(l.p50()).setP90(l.p90()).setP95(l.p95()).setP99(l.p99()).setMax(l.max())
                .setP999(l.p999()).build();
    }

    @Override
    public void reportSignature(long modelVersionId, String sha256, ModelSignature signature) {
        ReportArtifactSignatureRequest.Builder request = ReportArtifactSignatureRequest.newBuilder()
                .setModelVersionId(modelVersionId).setSha256(sha256)
                .setOpset(signature.opset() == null ? 0 : signature.opset());
        signature.inputs().forEach(t -> request.addInputs(tensor(t)));
        signature.outputs().forEach(t -> request.addOutputs(tensor(t)));
        ReportArtifactSignatureResponse response = call().reportArtifactSignature(request.build());
        if (!response.getAccepted()) {
            throw new IllegalStateException("the catalog refused the signature: " + response.getReason());
        }
    }

    private static TensorSignature tensor(ModelSignature.TensorSpec spec) {
        return TensorSignature.newBuilder().setName(spec.name()).setDtype(spec.dtype()).addAllShape(spec.shape()).build();
    }

    private static String json(Object value) {
        try (Jsonb jsonb = JsonbBuilder.create()) {
            return jsonb.toJson(value);
        } catch (Exception e) {
            throw new IllegalStateException("cannot serialize " + value, e);
        }
    }
}
