package dev.inferplan.runner.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.inferplan.contracts.artifacts.ArtifactUriPolicy;
import dev.inferplan.contracts.benchmarks.ExecutionProvider;
import dev.inferplan.contracts.benchmarks.Scenario;
import dev.inferplan.runner.OnnxModels;
import dev.inferplan.runner.TestModels;
import dev.inferplan.runner.execution.OrtRuntime;
import dev.inferplan.runner.hardware.Hardware;
import dev.inferplan.runner.hardware.HardwareProbe;
import dev.inferplan.runner.models.ModelCache;
import dev.inferplan.runner.status.RunnerStatus;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service mode against an in-memory queue, with real ONNX Runtime runs of the int8 model. */
class LeaseLoopTest {

    @TempDir
    static Path cacheDir;
    private static Hardware hardware;
    private static JobExecutor executor;

    @BeforeAll
    static void runtime() {
        hardware = new HardwareProbe("cpu-pool", "").detect();
        executor = new JobExecutor(new ModelCache(cacheDir, ArtifactUriPolicy.unrestricted()), new OrtRuntime(), hardware, "test");
    }

    private static LeaseLoop loop(FakeJobQueue queue, String runnerId) {
        return new LeaseLoop(queue, executor, hardware, "test", new RunnerStatus("cpu-pool", runnerId),
                new LeaseLoop.Timing(Duration.ofMillis(50), Duration.ofMillis(100)));
    }

    @Test
    void aFailedJobIsReportedWithItsReasonAndTheNextJobRuns() {
        FakeJobQueue queue = new FakeJobQueue(10_000);
        queue.add(Jobs.offline(1, TestModels.int8(), "2".repeat(64), 1));
        queue.add(Jobs.offline(2, TestModels.notOnnx(), "", 1));
        queue.add(Jobs.int8Offline(3));
        LeaseLoop loop = loop(queue, "r1");
        assertTrue(loop.runOnce());
        assertTrue(loop.runOnce());
        assertTrue(loop.runOnce());
        assertFalse(loop.runOnce(), "the queue is empty");
        assertTrue(queue.outcomesOf(1).get(0).failureReason().startsWith("SHA256_MISMATCH: "));
        assertTrue(queue.outcomesOf(2).get(0).failureReason().startsWith("NOT_ONNX: "));
        JobOutcome good = queue.outcomesOf(3).get(0);
        assertTrue(good.succeeded(), good.failureReason());
        assertEquals(1, good.points().size());
        assertEquals(1, queue.signatures.size(), "the signature is reported when the model is first loaded");
        assertEquals(11, queue.signatures.get(0).opset(), "with the opset read from the file");
    }

    @Test
    void everyJobThatCannotBeMeasuredFailsWithItsReasonAndTheRunnerTakesTheNext(@TempDir Path models) {
        FakeJobQueue queue = new FakeJobQueue(10_000);
        queue.add(Jobs.offline(11, TestModels.notOnnx(), "", 1));
        queue.add(Jobs.offline(12, TestModels.int8(), "4".repeat(64), 1));
        queue.add(Jobs.withSequence(Jobs.int8Offline(13), 0, List.of(1), Scenario.OFFLINE));
        queue.add(Jobs.withProviders(Jobs.int8Offline(14), List.of(ExecutionProvider.CUDA), false));
        // a model whose output is the square of its sequence length: 2^24 tokens ask for a 1 PiB tensor
        queue.add(Jobs.withSequence(Jobs.offline(15, OnnxModels.gram(models).toUri(), "", 1), 1 << 24, List.of(1),
                Scenario.OFFLINE));
        queue.add(Jobs.withSequence(Jobs.int8Offline(16), 32, List.of(8), Scenario.SINGLE_STREAM));
        queue.add(Jobs.int8Offline(17));
        RunnerStatus status = new RunnerStatus("cpu-pool", "r1");
        LeaseLoop loop = new LeaseLoop(queue, executor, hardware, "test", status,
                new LeaseLoop.Timing(Duration.ofMillis(50), Duration.ofMillis(100)));
        for (int i = 0; i < 7; i++) {
            assertTrue(loop.runOnce(), "job " + (11 + i) + " was leased and reported");
        }
        assertFalse(loop.runOnce(), "the queue is empty");

        assertReason(queue, 11, "NOT_ONNX: cannot open ", "as an ONNX model");
        assertReason(queue, 12, "SHA256_MISMATCH: ", "4444");
        assertReason(queue, 13, "MISSING_INPUT_BINDING: ", "'sequence_length'");
        assertReason(queue, 14, "PROVIDER_REFUSED: ", "CUDA refused");
        assertReason(queue, 15, "OUT_OF_MEMORY: ", "Failed to allocate memory for requested buffer of size 1125899906842624");
        assertReason(queue, 16, "IMPOSSIBLE_SWEEP: ", "batch sizes and concurrencies must be [1]");
        JobOutcome next = queue.outcomesOf(17).get(0);
        assertTrue(next.succeeded(), next.failureReason());
        assertEquals(6, status.snapshot().jobsFailed());
        assertEquals(1, status.snapshot().jobsSucceeded());
    }

    @Test
    void aJobWhoseArtifactBreaksTheRulesFailsNamingTheRuleAndNothingOfTheTarget(@TempDir Path outside) throws Exception {
        Path key = java.nio.file.Files.writeString(outside.resolve("private.pem"), "-----BEGIN PRIVATE KEY-----\n");
        ArtifactUriPolicy rules = ArtifactUriPolicy.of("runner.artifacts", List.of("jar", "file", "https"),
                List.of(TestModels.directory().toString()), List.of(), List.of(), 1L << 30);
        JobExecutor restricted = new JobExecutor(new ModelCache(cacheDir.resolve("restricted"), rules), new OrtRuntime(),
                hardware, "test");
        FakeJobQueue queue = new FakeJobQueue(10_000);
        queue.add(Jobs.offline(21, key.toUri(), "5".repeat(64), 1));
        queue.add(Jobs.offline(22, java.net.URI.create("https://169.254.169.254/latest/meta-data"), "5".repeat(64), 1));
        queue.add(Jobs.int8Offline(23));
        LeaseLoop loop = new LeaseLoop(queue, restricted, hardware, "test", new RunnerStatus("cpu-pool", "r1"),
                new LeaseLoop.Timing(Duration.ofMillis(50), Duration.ofMillis(100)));
        for (int i = 0; i < 3; i++) {
            assertTrue(loop.runOnce());
        }
        assertEquals("ARTIFACT_REFUSED: outside the model roots (runner.artifacts.file-roots)",
                queue.outcomesOf(21).get(0).failureReason());
        assertEquals("ARTIFACT_REFUSED: the host is not one of the allowed hosts (runner.artifacts.hosts)",
                queue.outcomesOf(22).get(0).failureReason());
        assertTrue(queue.outcomesOf(23).get(0).succeeded(), "a model below the roots still runs");
    }

    private static void assertReason(FakeJobQueue queue, long jobId, String prefix, String detail) {
        List<JobOutcome> outcomes = queue.outcomesOf(jobId);
        assertEquals(1, outcomes.size(), "job " + jobId + " reported once");
        JobOutcome outcome = outcomes.get(0);
        assertFalse(outcome.succeeded());
        assertTrue(outcome.failureReason().startsWith(prefix) && outcome.failureReason().contains(detail),
                "job " + jobId + ": " + outcome.failureReason());
        assertEquals(prefix.substring(0, prefix.indexOf(':')), outcome.failureKind());
    }

    @Test
    void aReportWhoseAnswerWasLostIsSentAgainUnderTheSameKeyAndStoredOnce() {
        FakeJobQueue queue = new FakeJobQueue(10_000);
        queue.add(Jobs.offline(4, TestModels.int8(), "3".repeat(64), 1));
        queue.dropAcks = 1;
        LeaseLoop loop = loop(queue, "r1");
        assertThrows(IllegalStateException.class, loop::runOnce);
        assertTrue(loop.hasPendingReport());
        assertTrue(loop.runOnce(), "the pending report goes first");
        assertFalse(loop.hasPendingReport());
        assertEquals(2, queue.reportCalls.get());
        assertEquals(1, queue.reports.size());
        assertTrue(queue.reports.keySet().iterator().next().startsWith("job-4-lease-"));
    }

    @Test
    void theCatalogSayingStopEndsTheJobWithoutAReport() {
        FakeJobQueue queue = new FakeJobQueue(10_000);
        queue.add(Jobs.withDuration(Jobs.int8Offline(5), 30));
        queue.cancelAll = true;
        long start = System.nanoTime();
        assertTrue(loop(queue, "r1").runOnce());
        assertTrue((System.nanoTime() - start) / 1e9 < 10, "stopped long before its 30 s");
        assertTrue(queue.reports.isEmpty());
        assertFalse(queue.heartbeats.isEmpty());
    }

    @Test
    void aRunnerThatDiesLosesItsLeaseAndTheJobFinishesOnceElsewhere() throws Exception {
        FakeJobQueue queue = new FakeJobQueue(300);
        queue.add(Jobs.int8Offline(6));
        // runner A leases the job and dies: no heartbeat, no report
        JobQueue.Lease dead = queue.lease("cpu-pool", "runner-a").orElseThrow();
        LeaseLoop b = loop(queue, "runner-b");
        assertFalse(b.runOnce(), "while A's lease holds, nothing is queued");
        Thread.sleep(400);
        assertTrue(b.runOnce(), "after the lease timeout the job is re-queued and B takes it");
        List<JobOutcome> outcomes = queue.outcomesOf(6);
        assertEquals(1, outcomes.size());
        assertTrue(outcomes.get(0).succeeded(), outcomes.get(0).failureReason());
        // a zombie A reporting late is refused: the job finished once
        assertThrows(IllegalStateException.class, () -> queue.report(dead, "job-6-lease-" + dead.token(),
                outcomes.get(0), hardware, "test"));
        assertEquals(1, queue.outcomesOf(6).size());
    }

    @Test
    void aMalformedJobIsFailedWithItsReason() {
        FakeJobQueue queue = new FakeJobQueue(10_000) {
            @Override
            public synchronized java.util.Optional<Lease> lease(String pool, String runnerId) {
                java.util.Optional<Lease> l = super.lease(pool, runnerId);
                return l.map(x -> new Lease(null, x.jobId(), x.token(), x.expiresAtEpochMs(),
                        "unknown execution provider 'ROCM'; expected TENSORRT, CUDA or CPU"));
            }
        };
        queue.add(Jobs.int8Offline(7));
        assertTrue(loop(queue, "r1").runOnce());
        assertEquals("IMPOSSIBLE_SWEEP: unknown execution provider 'ROCM'; expected TENSORRT, CUDA or CPU",
                queue.outcomesOf(7).get(0).failureReason());
    }
}
