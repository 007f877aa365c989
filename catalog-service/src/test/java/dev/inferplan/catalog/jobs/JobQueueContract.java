package dev.inferplan.catalog.jobs;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.inferplan.catalog.CatalogClient;
import dev.inferplan.catalog.CatalogServiceContract;
import dev.inferplan.contracts.grpc.catalog.BenchmarkEvidence;
import dev.inferplan.contracts.grpc.catalog.BenchmarkJobServiceGrpc;
import dev.inferplan.contracts.grpc.catalog.CatalogServiceGrpc;
import dev.inferplan.contracts.grpc.catalog.HardwarePool;
import dev.inferplan.contracts.grpc.catalog.StreamBenchmarkEvidenceRequest;
import dev.inferplan.contracts.grpc.common.Provenance;
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
import dev.inferplan.contracts.grpc.catalog.ReportResultResponse;
import dev.inferplan.contracts.grpc.catalog.TensorSignature;
import dev.inferplan.platform.testing.TestTokens;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import static dev.inferplan.catalog.CatalogClient.fields;
import static dev.inferplan.catalog.CatalogClient.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark job queue through REST (teams) and the real gRPC stub (runners, role runner),
 * on H2 or MariaDB per subclass: submit and validation, lease, heartbeat, report with results
 * linked to the job, idempotent re-report, lease expiry and re-queue with attempts, max attempts,
 * cancel, a lost lease's report refused, and two leasers racing for one job. Leases last 3 s here.
 */
public abstract class JobQueueContract extends CatalogServiceContract {

    @Test
    void registerPoolRefusesBadInputWithInvalidArgumentNamingTheFieldAndStoresNothing() {
        String pool = unique("bad-pool");
        RegisterPoolRequest good = RegisterPoolRequest.newBuilder().setPool(pool).addInstanceTypes("aws/g5.xlarge")
                .setAccelerator("nvidia-a10g").setAcceleratorCount(1).setCpuModel("AMD EPYC 7R32").setCpuCores(4)
                .setMemoryBytes(16L << 30).setRunnerVersion("test").build();
        assertRefused(good.toBuilder().setPool("").build(), "pool: 1 to 128 lowercase letters");
        assertRefused(good.toBuilder().setPool("   ").build(), "pool: ");
        assertRefused(good.toBuilder().setAccelerator("nvidia-zz9000").build(), "accelerator: a canonical accelerator id");
        assertRefused(good.toBuilder().setAccelerator("").build(), "accelerator: ");
        assertRefused(good.toBuilder().setAcceleratorCount(-1).build(), "acceleratorCount: at least 1 for an accelerator");
        assertRefused(good.toBuilder().setAcceleratorCount(0).build(), "acceleratorCount: ");
        assertRefused(good.toBuilder().setAccelerator("cpu").setAcceleratorCount(-2).build(), "acceleratorCount: ");
        assertRefused(good.toBuilder().setCpuCores(-4).build(), "cpuCores: positive");
        assertRefused(good.toBuilder().setMemoryBytes(-1).build(), "memoryBytes: positive");
        try (Response none = api().as("vera", "viewer", "/api/benchmarks/pools/" + pool).get()) {
            assertEquals(404, none.getStatus(), "no refused registration stored anything");
        }

        HardwarePool registered = runner().registerPool(good);
        assertEquals("nvidia-a10g", registered.getAccelerator());
        assertEquals(1, registered.getAcceleratorCount());
        assertEquals(4, registered.getCpuCores());
        assertEquals("nvidia-a10g", runner().registerPool(good.toBuilder().setAccelerator("NVIDIA A10G").build())
                .getAccelerator(), "a name the vocabulary knows, as nvidia-smi reports it, is stored as the canonical id");
    }

    private void assertRefused(RegisterPoolRequest request, String fieldAndReason) {
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> runner().registerPool(request));
        assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode(), refused::toString);
        assertTrue(refused.getStatus().getDescription().contains("; " + fieldAndReason),
                () -> fieldAndReason + " in: " + refused.getStatus().getDescription());
    }

    @Test
    void leasedJobIsHeartbeatReportedOnceAndItsResultsNameTheJob() {
        String pool = pool();
        long version = version();
        long job = submit(version, pool, "{\"batchSizes\": [1, 4], \"threads\": [2], \"sequenceLength\": 64}", "");
        JsonObject queued = api().get("/api/benchmarks/jobs/" + job);
        assertEquals("QUEUED", queued.getString("status"));
        assertEquals(0, queued.getInt("attempts"));
        assertEquals(List.of(1), queued.getJsonObject("sweep").getJsonArray("concurrencies").getValuesAs(
                jakarta.json.JsonNumber.class).stream().map(jakarta.json.JsonNumber::intValue).toList(), "default [1]");

        LeaseJobResponse lease = runner().leaseJob(lease(pool, "runner-a"));
        assertTrue(lease.hasJob());
        assertEquals(job, lease.getJob().getId());
        assertEquals(List.of(1, 4), lease.getJob().getBatchSizesList());
        assertEquals(List.of(2), lease.getJob().getThreadsList());
        assertEquals(64, lease.getJob().getSequenceLength());
        assertEquals("ab".repeat(32), lease.getJob().getArtifact().getSha256());
        assertEquals(1, lease.getJob().getAttempt());
        assertTrue(lease.getLeaseExpiresAtEpochMs() > System.currentTimeMillis());
        assertFalse(runner().leaseJob(lease(pool, "runner-b")).hasJob(), "one job, already leased");
        JsonObject leased = api().get("/api/benchmarks/jobs/" + job);
        assertEquals("LEASED", leased.getString("status"));
        assertEquals("runner-a", leased.getString("leasedBy"));
        assertEquals(1, leased.getInt("attempts"));

        HeartbeatResponse beat = runner().heartbeat(HeartbeatRequest.newBuilder().setJobId(job)
                .setLeaseToken(lease.getLeaseToken()).setProgressPercent(50).setEtaSeconds(7).build());
        assertFalse(beat.getStop());
        JsonObject running = api().get("/api/benchmarks/jobs/" + job);
        assertEquals("RUNNING", running.getString("status"));
        assertEquals(50.0, running.getJsonNumber("progressPercent").doubleValue());
        assertEquals(7, running.getInt("etaSeconds"));

        ReportResultRequest report = report(lease, "job-" + job + "-lease-" + lease.getLeaseToken(), 1, 4);
        ReportResultResponse first = runner().reportResult(report);
        assertTrue(first.getRecorded());
        assertEquals(2, first.getResultIdsCount());
        ReportResultResponse retried = runner().reportResult(report);
        assertFalse(retried.getRecorded(), "the same key again: the earlier outcome stands");
        assertEquals(first.getResultIdsList(), retried.getResultIdsList());

        JsonObject done = api().get("/api/benchmarks/jobs/" + job);
        assertEquals("SUCCEEDED", done.getString("status"));
        assertEquals(100.0, done.getJsonNumber("progressPercent").doubleValue());
        assertEquals(first.getResultIdsList(), done.getJsonArray("resultIds").getValuesAs(jakarta.json.JsonNumber.class)
                .stream().map(jakarta.json.JsonNumber::longValue).toList());
        List<JsonObject> results = api().as("vera", "viewer", "/api/benchmarks/results?modelVersion=" + version)
                .get(jakarta.json.JsonArray.class).getValuesAs(JsonObject.class);
        assertEquals(2, results.size(), "stored once");
        JsonObject result = results.get(0);
        assertEquals(job, result.getJsonNumber("jobId").longValue());
        assertEquals(2, result.getInt("threads"));
        assertEquals("MEASURED", result.getJsonObject("provenance").getString("kind"));
        assertTrue(result.getJsonObject("provenance").getString("source").contains("benchmark job " + job), result::toString);
        assertEquals(64, result.getJsonObject("config").getInt("sequenceLength"));
        assertEquals("ab".repeat(32), result.getJsonObject("config").getString("modelSha256"));
        assertEquals(31.5, result.getJsonObject("config").getJsonNumber("latencyP999Ms").doubleValue());
        assertEquals("1.29.0", result.getString("ortVersion"));
        assertTrue(runner().heartbeat(HeartbeatRequest.newBuilder().setJobId(job).setLeaseToken(lease.getLeaseToken())
                .build()).getStop(), "a finished job's runner is told to stop");
    }

    @Test
    void measuredResultsAreStreamedAsEvidenceWithTheirPoolAndReadAsCurves() {
        String pool = pool();
        long version = version();
        long job = submit(version, pool, "{\"batchSizes\": [1], \"concurrencies\": [1, 2]}", "");
        LeaseJobResponse lease = runner().leaseJob(lease(pool, "runner-a"));
        ReportResultRequest.Builder report = report(lease, "k-" + lease.getLeaseToken()).toBuilder();
        for (int concurrency : new int[] {2, 1}) {
            report.addPoints(MeasuredPoint.newBuilder().setBatchSize(1).setConcurrency(concurrency).setThreads(2)
                    .setThroughputPerS(100.0 * concurrency)
                    .setLatencyMs(LatencyMs.newBuilder().setP50(10).setP90(12).setP95(13).setP99(15.0 * concurrency).setMax(40))
                    .setQueries(500).setDurationSeconds(2.5).setValid(true));
        }
        assertEquals(2, runner().reportResult(report.build()).getResultIdsCount());
        assertEquals(job, lease.getJob().getId());

        List<JsonObject> curves = api().as("vera", "viewer", "/api/benchmarks/results/curves?modelVersion=" + version)
                .get(jakarta.json.JsonArray.class).getValuesAs(JsonObject.class);
        assertEquals(1, curves.size(), curves::toString);
        JsonObject series = curves.get(0);
        assertEquals(pool, series.getString("pool"));
        assertEquals("concurrency", series.getString("load"));
        assertEquals(2, series.getInt("threads"));
        List<JsonObject> points = series.getJsonArray("points").getValuesAs(JsonObject.class);
        assertEquals(List.of(1.0, 2.0), points.stream().map(p -> p.getJsonNumber("load").doubleValue()).toList());
        assertEquals(List.of(100.0, 200.0), points.stream().map(p -> p.getJsonNumber("throughputPerS").doubleValue()).toList());
        assertEquals(30.0, points.get(1).getJsonNumber("p99Ms").doubleValue());

        CatalogServiceGrpc.CatalogServiceBlockingStub catalog = CatalogServiceGrpc.newBlockingStub(channel(TestTokens.token("viewer")));
        List<BenchmarkEvidence> evidence = new ArrayList<>();
        catalog.streamBenchmarkEvidence(StreamBenchmarkEvidenceRequest.newBuilder().addModelVersionIds(version).build())
                .forEachRemaining(evidence::add);
        assertEquals(2, evidence.size());
        BenchmarkEvidence first = evidence.get(0);
        assertEquals(version, first.getModelVersionId());
        assertEquals("cpu", first.getAccelerator());
        assertEquals(List.of("aws/c7i.xlarge"), first.getInstanceTypesList());
        assertEquals(Provenance.Kind.MEASURED, first.getProvenance().getKind());
        assertTrue(first.getProvenance().getSource().contains("benchmark job " + job));
        List<BenchmarkEvidence> none = new ArrayList<>();
        catalog.streamBenchmarkEvidence(StreamBenchmarkEvidenceRequest.newBuilder().addModelVersionIds(version)
                .addAccelerators("nvidia-h100").build()).forEachRemaining(none::add);
        assertEquals(List.of(), none, "filtered by accelerator");
    }

    @Test
    void expiredLeaseIsRequeuedAndTheLostLeaseCanNeitherHeartbeatNorReport() throws InterruptedException {
        String pool = pool();
        long job = submit(version(), pool, "{\"batchSizes\": [1]}", "");
        LeaseJobResponse a = runner().leaseJob(lease(pool, "runner-a"));
        assertEquals(job, a.getJob().getId());
        // runner A dies: no heartbeat; after the 3 s lease the reaper re-queues the job
        JsonObject requeued = awaitStatus(job, "QUEUED", Duration.ofSeconds(10));
        assertEquals(1, requeued.getInt("attempts"));
        assertFalse(requeued.containsKey("leasedBy") && !requeued.isNull("leasedBy"));

        LeaseJobResponse b = runner().leaseJob(lease(pool, "runner-b"));
        assertEquals(job, b.getJob().getId());
        assertEquals(2, b.getJob().getAttempt());
        assertNotEquals(a.getLeaseToken(), b.getLeaseToken());
        assertTrue(runner().heartbeat(HeartbeatRequest.newBuilder().setJobId(job).setLeaseToken(a.getLeaseToken())
                .build()).getStop(), "A lost its lease");
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                () -> runner().reportResult(report(a, "job-" + job + "-lease-" + a.getLeaseToken(), 1)));
        assertEquals(Status.Code.FAILED_PRECONDITION, refused.getStatus().getCode());
        assertTrue(refused.getStatus().getDescription().contains("runner-b"), refused.getStatus()::getDescription);

        assertTrue(runner().reportResult(report(b, "job-" + job + "-lease-" + b.getLeaseToken(), 1)).getRecorded());
        JsonObject done = api().get("/api/benchmarks/jobs/" + job);
        assertEquals("SUCCEEDED", done.getString("status"));
        assertEquals(2, done.getInt("attempts"));
        assertEquals(1, done.getJsonArray("resultIds").size(), "finished once");
    }

    @Test
    void leaseThatExpiresOnTheLastAttemptFailsTheJobWithTheReason() {
        String pool = pool();
        long job = submit(version(), pool, "{\"batchSizes\": [1]}", ", \"maxAttempts\": 1");
        assertEquals(job, runner().leaseJob(lease(pool, "runner-a")).getJob().getId());
        JsonObject failed = awaitStatus(job, "FAILED", Duration.ofSeconds(10));
        assertTrue(failed.getString("failureReason").startsWith("LEASE_EXPIRED"), failed::toString);
        assertTrue(failed.getString("failureReason").contains("runner-a"), failed::toString);
        assertFalse(runner().leaseJob(lease(pool, "runner-b")).hasJob());
    }

    @Test
    void cancelledJobStopsItsRunnerAndRefusesItsReportAndCannotBeCancelledTwice() {
        String pool = pool();
        long version = version();
        long queued = submit(version, pool, "{\"batchSizes\": [1]}", "");
        long leasedJob = submit(version, pool, "{\"batchSizes\": [1]}", "");
        try (Response forbidden = api().post("vera", "viewer", "/api/benchmarks/jobs/" + queued + "/cancel", "{}")) {
            assertEquals(403, forbidden.getStatus());
        }
        try (Response cancelled = api().post("tina", "team", "/api/benchmarks/jobs/" + queued + "/cancel", "{}")) {
            assertEquals(200, cancelled.getStatus());
            assertEquals("CANCELLED", cancelled.readEntity(JsonObject.class).getString("status"));
        }

        LeaseJobResponse lease = runner().leaseJob(lease(pool, "runner-a"));
        assertEquals(leasedJob, lease.getJob().getId(), "the cancelled job is not leased");
        CatalogClient.Answer deleted = api().send("DELETE", "tina", "team", "/api/benchmarks/jobs/" + leasedJob, null);
        assertEquals(200, deleted.status(), deleted::body);
        assertTrue(runner().heartbeat(HeartbeatRequest.newBuilder().setJobId(leasedJob)
                .setLeaseToken(lease.getLeaseToken()).build()).getStop());
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                () -> runner().reportResult(report(lease, "k-" + lease.getLeaseToken(), 1)));
        assertEquals(Status.Code.FAILED_PRECONDITION, refused.getStatus().getCode());

        try (Response again = api().post("tina", "team", "/api/benchmarks/jobs/" + leasedJob + "/cancel", "{}")) {
            assertEquals(409, again.getStatus());
            JsonObject problem = again.readEntity(JsonObject.class);
            assertEquals("CANCELLED", problem.getJsonObject("current").getString("status"), problem::toString);
        }
        JsonObject page = api().get("/api/benchmarks/jobs?status=CANCELLED&pool=" + pool);
        assertEquals(2, page.getInt("total"));
        assertEquals(0, api().get("/api/benchmarks/jobs?status=QUEUED&modelVersion=" + version).getInt("total"));
    }

    @Test
    void failedOutcomeAndAModelThatIsNotTheCatalogsFailTheJobWithAReasonAndNoResults() {
        String pool = pool();
        long version = version();
        long failing = submit(version, pool, "{\"batchSizes\": [1]}", "");
        long mismatched = submit(version, pool, "{\"batchSizes\": [1]}", "");
        LeaseJobResponse first = runner().leaseJob(lease(pool, "runner-a"));
        assertTrue(runner().reportResult(ReportResultRequest.newBuilder().setJobId(failing)
                .setLeaseToken(first.getLeaseToken()).setIdempotencyKey("k-" + first.getLeaseToken()).setSucceeded(false)
                .setFailureReason("NOT_ONNX: the artifact is not an ONNX model").build()).getRecorded());
        JsonObject failed = api().get("/api/benchmarks/jobs/" + failing);
        assertEquals("FAILED", failed.getString("status"));
        assertEquals("NOT_ONNX: the artifact is not an ONNX model", failed.getString("failureReason"));

        LeaseJobResponse second = runner().leaseJob(lease(pool, "runner-a"));
        assertEquals(mismatched, second.getJob().getId(), "the runner takes the next job");
        runner().reportResult(report(second, "k-" + second.getLeaseToken(), 1).toBuilder().setModelSha256("cd".repeat(32)).build());
        JsonObject refused = api().get("/api/benchmarks/jobs/" + mismatched);
        assertEquals("FAILED", refused.getString("status"));
        assertTrue(refused.getString("failureReason").startsWith("SHA256_MISMATCH"), refused::toString);
        assertEquals(0, refused.getJsonArray("resultIds").size());
        assertEquals(0, api().as("vera", "viewer", "/api/benchmarks/results?modelVersion=" + version)
                .get(jakarta.json.JsonArray.class).size());
    }

    @Test
    void aReportWithAPointTheCatalogCannotHoldFailsTheJobOnceInsteadOfBeingRefused() {
        String pool = pool();
        long version = version();
        long job = submit(version, pool, "{\"batchSizes\": [1, 2]}", "");
        LeaseJobResponse lease = runner().leaseJob(lease(pool, "runner-a"));
        ReportResultRequest good = report(lease, "k-" + lease.getLeaseToken(), 1, 2);
        ReportResultRequest malformed = good.toBuilder().setPoints(1, good.getPoints(1).toBuilder()
                .setLatencyMs(good.getPoints(1).getLatencyMs().toBuilder().setP99(5))).build();  // p99 below p95
        ReportResultResponse first = runner().reportResult(malformed);
        assertTrue(first.getRecorded(), "recorded, so the runner stops re-sending it");
        assertFalse(runner().reportResult(malformed).getRecorded(), "a retry changes nothing");
        JsonObject failed = api().get("/api/benchmarks/jobs/" + job);
        assertEquals("FAILED", failed.getString("status"));
        assertTrue(failed.getString("failureReason").startsWith("INVALID_REPORT: point 2 (batch 2"), failed::toString);
        assertEquals(0, failed.getJsonArray("resultIds").size(), "no point of a malformed report is stored");
    }

    @Test
    void twoRunnersRacingForOneJobNeverBothGetIt() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String pool = pool();
                long job = submit(version(), pool, "{\"batchSizes\": [1]}", "");
                CountDownLatch start = new CountDownLatch(1);
                List<Future<LeaseJobResponse>> leases = new ArrayList<>();
                for (String runner : List.of("racer-1", "racer-2")) {
                    BenchmarkJobServiceGrpc.BenchmarkJobServiceBlockingStub stub = runner();
                    Callable<LeaseJobResponse> call = () -> {
                        start.await();
                        return stub.leaseJob(lease(pool, runner));
                    };
                    leases.add(threads.submit(call));
                }
                start.countDown();
                List<LeaseJobResponse> won = new ArrayList<>();
                for (Future<LeaseJobResponse> lease : leases) {
                    LeaseJobResponse response = lease.get();
                    if (response.hasJob()) {
                        won.add(response);
                    }
                }
                assertEquals(1, won.size(), "round " + round + ": exactly one leaser wins");
                assertEquals(job, won.get(0).getJob().getId());
                assertEquals(1, api().get("/api/benchmarks/jobs/" + job).getInt("attempts"));
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aReapOrALeaseInFlightHoldsOnlyTheJobsItTakes() throws SQLException {
        String pool = pool();
        String other = pool();
        long version = version();
        long first = submit(version, pool, "{\"batchSizes\": [1]}", "");
        long second = submit(version, pool, "{\"batchSizes\": [1]}", "");
        long elsewhere = submit(version, other, "{\"batchSizes\": [1]}", "");
        try (Connection reaper = dataSource.getConnection(); Connection leaser = dataSource.getConnection()) {
            reaper.setAutoCommit(false);
            leaser.setAutoCommit(false);
            // the reaper's statements, its transaction left open: a locking scan used to hold every
            // job row it read, so that a lease skipped the queued job (or waited on it)
            LockedJob.lockExpired(reaper, Instant.now());
            assertEquals(first, runner().leaseJob(lease(pool, "runner-a")).getJob().getId(), "not held by a reap");

            // another runner in the middle of leasing the pool's next job: it is skipped, not waited for
            assertEquals(second, LockedJob.lockLeasable(leaser, pool, Instant.now()).orElseThrow().id());
            assertFalse(runner().leaseJob(lease(pool, "runner-b")).hasJob(), "the only free job is being leased");
            assertEquals(elsewhere, runner().leaseJob(lease(other, "runner-c")).getJob().getId(), "another pool");
            leaser.rollback();
            reaper.rollback();
        }
        assertEquals(second, runner().leaseJob(lease(pool, "runner-b")).getJob().getId(), "released by the rollback");
    }

    @Test
    void impossibleJobsAreBadRequestsAndUnknownReferencesUnprocessableNamingTheField() {
        String pool = pool();
        long version = version();
        assertFields(400, List.of("sweep.batchSizes"), """
                {"modelVersionId": %d, "pool": "%s", "scenario": "OFFLINE", "sweep": {"batchSizes": []},
                 "durationSeconds": 10}""".formatted(version, pool));
        assertFields(400, List.of("sweep.batchSizes", "sweep.concurrencies"), """
                {"modelVersionId": %d, "pool": "%s", "scenario": "OFFLINE", "sweep": {"batchSizes": [0, 2048],
                 "concurrencies": []}, "durationSeconds": 10}""".formatted(version, pool));
        assertFields(400, List.of("targetQps"), """
                {"modelVersionId": %d, "pool": "%s", "scenario": "SERVER", "sweep": {"batchSizes": [1]},
                 "durationSeconds": 10}""".formatted(version, pool));
        assertFields(400, List.of("scenario", "sweep", "durationSeconds"), """
                {"modelVersionId": %d, "pool": "%s", "scenario": "BATCHY"}""".formatted(version, pool));
        assertFields(422, List.of("modelVersionId", "pool"), """
                {"modelVersionId": 999999, "pool": "no-such-pool", "scenario": "OFFLINE", "sweep": {"batchSizes": [1]},
                 "durationSeconds": 10}""");
        try (Response forbidden = api().post("vera", "viewer", "/api/benchmarks/jobs", """
                {"modelVersionId": %d, "pool": "%s", "scenario": "OFFLINE", "sweep": {"batchSizes": [1]},
                 "durationSeconds": 10}""".formatted(version, pool))) {
            assertEquals(403, forbidden.getStatus());
        }
        assertEquals(0, api().get("/api/benchmarks/jobs?pool=" + pool).getInt("total"), "nothing queued");
    }

    @Test
    void artifactSignatureIsCheckedAgainstTheSha256AndStoredOnce() {
        long version = version();
        ReportArtifactSignatureRequest.Builder signature = ReportArtifactSignatureRequest.newBuilder()
                .setModelVersionId(version).setSha256("cd".repeat(32))
                .addInputs(TensorSignature.newBuilder().setName("input_ids").setDtype("INT64").addShape("batch").addShape("sequence"))
                .addOutputs(TensorSignature.newBuilder().setName("last_hidden_state").setDtype("FLOAT").addShape("batch")
                        .addShape("sequence").addShape("384"));
        ReportArtifactSignatureResponse mismatch = runner().reportArtifactSignature(signature.build());
        assertFalse(mismatch.getAccepted());
        assertTrue(mismatch.getReason().contains("sha256 mismatch"), mismatch::getReason);
        assertFalse(api().get("/api/catalog/versions/" + version).getJsonObject("artifact").containsKey("ioSignature"));

        assertTrue(runner().reportArtifactSignature(signature.setSha256("AB".repeat(32)).build()).getAccepted());
        String stored = api().get("/api/catalog/versions/" + version).getJsonObject("artifact").get("ioSignature").toString();
        assertTrue(stored.contains("input_ids") && stored.contains("last_hidden_state"), stored);
        assertFalse(api().get("/api/catalog/versions/" + version).getJsonObject("artifact").containsKey("opset"),
                "reported without an opset (0), as runners before the opset reading did");

        // a later runner reads the opset: the signature stays the first one, the missing opset is filled once
        ReportArtifactSignatureResponse later = runner().reportArtifactSignature(signature.setOpset(11)
                .setOutputs(0, TensorSignature.newBuilder().setName("other").setDtype("FLOAT").addShape("1")).build());
        assertTrue(later.getAccepted());
        assertEquals("signature already recorded; opset recorded", later.getReason());
        JsonObject artifact = api().get("/api/catalog/versions/" + version).getJsonObject("artifact");
        assertEquals(11, artifact.getInt("opset"));
        assertEquals(stored, artifact.get("ioSignature").toString());
        assertEquals("signature already recorded", runner().reportArtifactSignature(signature.setOpset(13).build()).getReason());
        assertEquals(11, api().get("/api/catalog/versions/" + version).getJsonObject("artifact").getInt("opset"));
        assertEquals(1, api().get("/api/catalog/audit?entityType=version&entityId=" + version).getJsonArray("items").stream()
                .filter(e -> e.asJsonObject().getString("action").equals("OPSET_REPORTED")).count());
    }

    @Test
    void onlyRunnersAndAdminsUseTheJobService() {
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                () -> stub(TestTokens.token("viewer")).leaseJob(lease("any-pool", "r")));
        assertEquals(Status.Code.PERMISSION_DENIED, refused.getStatus().getCode());
        StatusRuntimeException unknown = assertThrows(StatusRuntimeException.class,
                () -> runner().heartbeat(HeartbeatRequest.newBuilder().setJobId(987654321).setLeaseToken("x").build()));
        assertEquals(Status.Code.NOT_FOUND, unknown.getStatus().getCode());
    }

    // --- helpers

    BenchmarkJobServiceGrpc.BenchmarkJobServiceBlockingStub runner() {
        return runners().runner();
    }

    private BenchmarkJobServiceGrpc.BenchmarkJobServiceBlockingStub stub(String token) {
        return runners().as(token);
    }

    private io.grpc.Channel channel(String token) {
        return runners().channel(token);
    }

    /** A new pool, registered the way a runner does it. */
    String pool() {
        return runners().pool();
    }

    long version() {
        return api().version(api().family(unique("bert"), "text-embedding"), "1.0.0");
    }

    long submit(long version, String pool, String sweep, String extra) {
        return api().created("tina", "team", "/api/benchmarks/jobs", """
                {"modelVersionId": %d, "pool": "%s", "scenario": "OFFLINE", "sweep": %s, "durationSeconds": 2,
                 "minQueries": 10 %s}""".formatted(version, pool, sweep, extra)).getJsonNumber("id").longValue();
    }

    static LeaseJobRequest lease(String pool, String runner) {
        return RunnerClient.lease(pool, runner);
    }

    static ReportResultRequest report(LeaseJobResponse lease, String key, int... batchSizes) {
        return RunnerClient.report(lease, key, batchSizes);
    }

    JsonObject awaitStatus(long job, String status, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        JsonObject current = api().get("/api/benchmarks/jobs/" + job);
        while (!status.equals(current.getString("status")) && Instant.now().isBefore(deadline)) {
            sleep(200);
            current = api().get("/api/benchmarks/jobs/" + job);
        }
        assertEquals(status, current.getString("status"), current::toString);
        return current;
    }

    private void assertFields(int status, List<String> expected, String body) {
        try (Response response = api().post("tina", "team", "/api/benchmarks/jobs", body)) {
            assertEquals(status, response.getStatus());
            assertEquals("application/problem+json", response.getMediaType().toString());
            List<String> named = fields(response.readEntity(JsonObject.class));
            assertTrue(named.containsAll(expected), () -> "expected " + expected + " in " + named);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
