package dev.inferplan.runner.jobs;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.inferplan.contracts.grpc.catalog.BenchmarkJobServiceGrpc;
import dev.inferplan.contracts.grpc.catalog.HeartbeatRequest;
import dev.inferplan.contracts.grpc.catalog.HeartbeatResponse;
import dev.inferplan.contracts.grpc.catalog.LatencyMs;
import dev.inferplan.contracts.grpc.catalog.LeaseJobRequest;
import dev.inferplan.contracts.grpc.catalog.LeaseJobResponse;
import dev.inferplan.contracts.grpc.catalog.MeasuredPoint;
import dev.inferplan.contracts.grpc.catalog.RegisterPoolRequest;
import dev.inferplan.contracts.grpc.catalog.ReportArtifactSignatureRequest;
import dev.inferplan.contracts.grpc.catalog.ReportArtifactSignatureResponse;
import dev.inferplan.contracts.grpc.catalog.ReportResultRequest;
import dev.inferplan.contracts.grpc.catalog.TensorSignature;
import dev.inferplan.runner.execution.ExecutionProvider;
import dev.inferplan.runner.hardware.Hardware;
import dev.inferplan.runner.models.ModelSignature;
import dev.inferplan.runner.scenarios.Scenario;

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
                    job.getArtifact().getSha256(), Scenario.parse(job.getScenario()), job.getBatchSizesList(),
                    job.getConcurrenciesList(), job.getThreadsList(), job.getSequenceLength(), new HashMap<>(),
                    job.getDurationSeconds(), job.getTargetQps(), job.getLatencyBoundMs(),
                    job.getExecutionProvidersList().stream().map(ExecutionProvider::parse).toList(),
                    job.getAllowFallback(), job.getAttempt(), new BenchmarkJob.Tuning(job.getMinQueries(),
                    job.getWindowSeconds(), job.hasWarmupSeconds() ? job.getWarmupSeconds() : -1));
            return Optional.of(new Lease(mapped, job.getId(), response.getLeaseToken(), response.getLeaseExpiresAtEpochMs(), null));
        } catch (IllegalArgumentException e) {
            return Optional.of(new Lease(null, job.getId(), response.getLeaseToken(), response.getLeaseExpiresAtEpochMs(),
                    e.getMessage()));
        }
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
        for (PointResult p : points) {
            request.addPoints(MeasuredPoint.newBuilder()
                    .setBatchSize(p.batchSize()).setConcurrency(p.concurrency()).setThreads(p.intraOpThreads())
                    .setThroughputPerS(p.throughputPerS())
                    .setLatencyMs(LatencyMs.newBuilder().setP50(p.latencyMs().p50()).setP90(p.latencyMs().p90())
                            .setP95(p.latencyMs().p95()).setP99(p.latencyMs().p99()).setMax(p.latencyMs().max())
                            .setP999(p.latencyMs().p999()))
                    .setGeneratorLagP99Us(p.generatorLagP99Us())
                    .setQueries(p.queries()).setDurationSeconds(p.durationSeconds()).setValid(p.valid())
                    .setInvalidReason(p.invalidReason() == null ? "" : p.invalidReason())
                    .setTargetQps(p.targetQps()).setAchievedQps(p.achievedQps()).setErrors(p.errors())
                    .setPeakRssBytes(p.peakRssBytes() == null ? 0 : p.peakRssBytes()));
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
