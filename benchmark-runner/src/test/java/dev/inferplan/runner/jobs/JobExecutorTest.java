package dev.inferplan.runner.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import dev.inferplan.contracts.artifacts.ArtifactUriPolicy;
import dev.inferplan.contracts.benchmarks.ExecutionProvider;
import dev.inferplan.contracts.benchmarks.MeasurementStatus;
import dev.inferplan.contracts.benchmarks.Scenario;
import dev.inferplan.runner.OnnxModels;
import dev.inferplan.runner.TestModels;
import dev.inferplan.runner.execution.OrtRuntime;
import dev.inferplan.runner.execution.OutputCheck;
import dev.inferplan.runner.execution.ProviderOptions;
import dev.inferplan.runner.hardware.HardwareProbe;
import dev.inferplan.runner.models.ModelCache;
import dev.inferplan.runner.models.ModelSignature;
import dev.inferplan.runner.scenarios.FakeInference;
import dev.inferplan.runner.scenarios.LoadPoint;
import dev.inferplan.runner.scenarios.Measurement;
import dev.inferplan.runner.scenarios.RunRules;
import dev.inferplan.runner.scenarios.ScenarioRun;
import dev.inferplan.runner.sweeps.SweepProgress;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real ONNX Runtime on CPU with the real int8 all-MiniLM-L6-v2, and every way a job can fail. */
class JobExecutorTest {

    @TempDir
    static Path cacheDir;
    private static JobExecutor executor;

    @BeforeAll
    static void runtime() {
        executor = new JobExecutor(new ModelCache(cacheDir, ArtifactUriPolicy.unrestricted()), new OrtRuntime(), new HardwareProbe("test-pool", "aws/c7i.large").detect(),
                "benchmark-runner test");
    }

    private static final JobControl QUIET = new Jobs.QuietControl();

    @Test
    void offlineOnTheInt8ModelRecordsEverythingMeasurementAsksFor() throws Exception {
        Jobs.QuietControl control = new Jobs.QuietControl();
        JobOutcome outcome = executor.execute(Jobs.int8Offline(1), control);
        assertTrue(outcome.succeeded(), outcome.failureReason());
        PointResult p = outcome.points().get(0);
        assertEquals("OFFLINE", p.scenario());
        assertEquals("test-pool", p.pool());
        assertEquals(101, p.modelVersionId());
        assertEquals("CPU", p.executionProvider());
        assertEquals("1.29.0", p.ortVersion());
        assertEquals(TestModels.INT8_SHA256, p.modelSha256());
        assertEquals(11, p.modelOpset(), "the int8 file's opset_import (ModelOpsetTest)");
        assertEquals(List.of(2L, 32L), p.inputShapes().get("input_ids"));
        assertEquals(p.queries() * 2, p.samples());
        assertTrue(p.throughputPerS() > 0 && p.latencyMs().p99() >= p.latencyMs().p50());
        assertTrue(p.sessionOptions().contains("intraOpThreads=2"), p.sessionOptions());
        assertTrue(p.sessionCreateMs() > 0 && p.firstInferenceMs() > 0);
        assertTrue(p.outputCheck().contains("vs first run"), p.outputCheck());
        assertNotNull(p.rssBytes());
        assertTrue(p.peakRssBytes() >= 22_000_000L, "the model is resident: " + p.peakRssBytes());
        assertEquals(List.of("input_ids", "attention_mask", "token_type_ids"),
                control.signature().inputs().stream().map(ModelSignature.TensorSpec::name).toList());
        assertEquals(List.of("batch_size", "sequence_length"), control.signature().inputs().get(0).shape());
        assertEquals(11, control.signature().opset());
        assertEquals("aws/c7i.large", p.hardware().instanceTypes().get(0));

        // the verdict: VALID only when the status is; a quick job's point is not MLPerf-compliant, and says why
        assertEquals(p.status().equals("VALID"), p.valid(), p.status() + " " + p.invalidReason());
        assertFalse(p.mlperfCompliant());
        assertTrue(p.mlperfRuleBroken().contains("minQueries 1 below MLPerf's 24576 samples for OFFLINE"),
                p.mlperfRuleBroken());
        assertTrue(p.mlperfRuleBroken().contains("shorter than the standard 5 s"), p.mlperfRuleBroken());
        // every query's latency, HdrHistogram's compressed encoding: as many values as queries, the same p99
        Histogram histogram = Histogram.decodeFromCompressedByteBuffer(
                ByteBuffer.wrap(Base64.getDecoder().decode(p.latencyHistogram())), 0);
        assertEquals(p.queries(), histogram.getTotalCount());
        assertEquals(p.latencyMs().p99(), histogram.getValueAtPercentile(99) / 1e6, p.latencyMs().p99() * 0.002);
        // the provider decision behind the provider that ran
        assertEquals(ExecutionProvider.CPU, p.provider().ran());
        assertEquals(List.of(ExecutionProvider.CPU), p.provider().requested());
        assertFalse(p.provider().fellBack());
        assertEquals(List.of(), p.gpuSummary(), "no GPU here");
    }

    @Test
    void aPointWhoseWindowsNeverAgreeIsUnstableAndNotValidWithTheReason() throws Exception {
        // the service time grows 1.3x every 50 ms window: no two windows agree within 10%, every rule holds
        long start = System.nanoTime();
        FakeInference drifting = new FakeInference(call -> (long) (1e6 * Math.pow(1.3, (System.nanoTime() - start) / 50e6)));
        Measurement m = new ScenarioRun(drifting, new LoadPoint(Scenario.SINGLE_STREAM, 1, 1, 0, 0, 1),
                RunRules.of(Scenario.SINGLE_STREAM, 0.15).withWindowSeconds(0.05).withWarmupSeconds(0).withMinQueries(1),
                () -> false, (w, max) -> { }).measure();
        assertTrue(m.valid(), "every run rule held: " + m.invalidReason());
        assertFalse(m.stable());
        JobExecutor.Verdict verdict = JobExecutor.verdict(m, new OutputCheck(true, "repeatable"));
        assertEquals(MeasurementStatus.UNSTABLE, verdict.status());
        assertFalse(verdict.status().valid());
        assertTrue(verdict.reason().startsWith("UNSTABLE: the last windows never agreed within the stability tolerance"
                + " in 10 windows"), verdict.reason());
        // and the same run under a failed output check is INVALID, naming it first
        JobExecutor.Verdict broken = JobExecutor.verdict(m, new OutputCheck(false, "NaN in output 0"));
        assertEquals(MeasurementStatus.INVALID, broken.status());
        assertEquals("output check failed: NaN in output 0", broken.reason());
    }

    private static JobOutcome failing(BenchmarkJob job, String kind) {
        JobOutcome outcome = executor.execute(job, QUIET);
        assertFalse(outcome.succeeded());
        assertEquals(kind, outcome.failureKind(), outcome.failureReason());
        assertTrue(outcome.failureReason().startsWith(kind + ": "), outcome.failureReason());
        return outcome;
    }

    @Test
    void theOpsetOfTheDefaultDomainIsRecordedWhenTheModelImportsOthersToo(@TempDir Path models) {
        Path model = OnnxModels.gram(models, "gram-with-custom-domain.onnx", new OnnxModels.Opset("com.microsoft", 1),
                new OnnxModels.Opset("", 13));
        Jobs.QuietControl control = new Jobs.QuietControl();
        JobOutcome outcome = executor.execute(Jobs.withSequence(Jobs.offline(14, model.toUri(), "", 1), 4, List.of(1),
                Scenario.OFFLINE), control);
        assertTrue(outcome.succeeded(), outcome.failureReason());
        assertEquals(13, outcome.points().get(0).modelOpset());
        assertEquals(13, control.signature().opset());
    }

    @Test
    void aModelImportingNoDefaultDomainOpsetRunsWithTheOpsetUnknown(@TempDir Path models) {
        // ONNX Runtime refuses a model with no opset_import at all ("Missing opset in the model"), so this
        // is the unknown a runnable model can have
        Path model = OnnxModels.gram(models, "gram-custom-only.onnx", new OnnxModels.Opset("com.microsoft", 1));
        JobOutcome outcome = executor.execute(Jobs.withSequence(Jobs.offline(15, model.toUri(), "", 1), 4, List.of(1),
                Scenario.OFFLINE), QUIET);
        assertTrue(outcome.succeeded(), outcome.failureReason());
        assertNull(outcome.points().get(0).modelOpset());
        assertNull(outcome.signature().opset());
    }

    @Test
    void aSequenceLongerThanTheModelSupportsIsAnImpossibleSweepNamingBothLengths() {
        // all-MiniLM-L6-v2 has 512 position embeddings; ONNX Runtime fails the first run at '/embeddings/Add_1'
        JobOutcome o = failing(Jobs.withSequence(Jobs.int8Offline(16), 513, List.of(1), Scenario.OFFLINE), "IMPOSSIBLE_SWEEP");
        assertEquals("IMPOSSIBLE_SWEEP: the first inference failed: sequence length 513 is longer than this model supports, at most 512 "
                + "(its Add node '/embeddings/Add_1' has 512 where the inputs have 513; ONNX Runtime: Attempting to broadcast "
                + "an axis by a dimension other than 1. 512 by 513)", o.failureReason());
    }

    @Test
    void aModelWithNoOpsetImportIsNotAValidOnnxModel(@TempDir Path models) {
        Path model = OnnxModels.gram(models, "gram-no-opset.onnx");
        JobOutcome o = failing(Jobs.withSequence(Jobs.offline(17, model.toUri(), "", 1), 4, List.of(1), Scenario.OFFLINE),
                "NOT_ONNX");
        assertTrue(o.failureReason().contains("Missing opset"), o.failureReason());
    }

    @Test
    void aFileThatIsNotOnnxFailsAsSuch() {
        failing(Jobs.offline(2, TestModels.notOnnx(), "", 1), "NOT_ONNX");
    }

    @Test
    void aShaMismatchFailsBeforeTheModelIsUsed() {
        failing(Jobs.offline(3, TestModels.int8(), "1".repeat(64), 1), "SHA256_MISMATCH");
    }

    @Test
    void aTextModelWithoutSequenceLengthIsAMissingBinding() {
        JobOutcome o = failing(Jobs.withSequence(Jobs.int8Offline(4), 0, List.of(1), Scenario.OFFLINE), "MISSING_INPUT_BINDING");
        assertTrue(o.failureReason().contains("'sequence_length'"), o.failureReason());
    }

    @Test
    void tensorRtOnThisCpuMachineIsRefusedWithTheRuntimesReasonOrFallsBackOnlyWhenAllowed() {
        // the real ONNX Runtime (onnxruntime_gpu) on a machine without CUDA: TensorRT needs CUDA behind it, which
        // cannot load (libcublasLt.so.12), so TensorRT is refused as a whole
        BenchmarkJob trt = Jobs.withProviderOptions(Jobs.withProviders(Jobs.int8Offline(31), List.of(ExecutionProvider.TENSORRT),
                false), new ProviderOptions(0, 1L << 30, true, cacheDir.resolve("trt").toString(), 1L << 30));
        JobOutcome refused = failing(trt, "PROVIDER_REFUSED");
        assertTrue(refused.failureReason().startsWith("PROVIDER_REFUSED: requested [TENSORRT] without fallback: TENSORRT "),
                refused.failureReason());
        assertFalse(refused.failureReason().contains("CPU"), "no fallback: CPU is never tried");

        JobOutcome fellBack = executor.execute(Jobs.withProviderOptions(Jobs.withProviders(Jobs.int8Offline(32),
                List.of(ExecutionProvider.TENSORRT), true), trt.providerOptions()), QUIET);
        assertTrue(fellBack.succeeded(), fellBack.failureReason());
        PointResult p = fellBack.points().get(0);
        assertEquals("CPU", p.executionProvider(), "the result records what ran");
        assertEquals(List.of(ExecutionProvider.TENSORRT, ExecutionProvider.CUDA, ExecutionProvider.CPU),
                p.provider().attempts().stream().map(a -> a.provider()).toList());
        assertFalse(p.provider().attempts().get(0).used());
        assertFalse(p.provider().attempts().get(1).used());
        assertTrue(p.provider().fellBack());
        assertFalse(p.sessionOptions().contains("tensorrt"), "the GPU options did not apply: " + p.sessionOptions());
    }

    @Test
    void cudaWithoutFallbackOnThisMachineIsRefusedNotACrash() {
        JobOutcome o = failing(Jobs.withProviders(Jobs.int8Offline(5), List.of(ExecutionProvider.CUDA), false), "PROVIDER_REFUSED");
        assertTrue(o.failureReason().contains("CUDA refused"), o.failureReason());
        // and the runner goes on: the same executor measures the next job
        assertTrue(executor.execute(Jobs.withProviders(Jobs.int8Offline(6), List.of(ExecutionProvider.CUDA), true), QUIET)
                .points().get(0).providerDecision().startsWith("CPU (requested [CUDA]; CUDA: refused"));
    }

    @Test
    void inputsTooLargeForMemoryAreAnOutOfMemoryFailure() {
        failing(Jobs.withSequence(Jobs.int8Offline(7), 4_000_000, List.of(1024), Scenario.OFFLINE), "OUT_OF_MEMORY");
    }

    @Test
    void aRunThatAsksOnnxRuntimeForMoreMemoryThanExistsIsAnOutOfMemoryFailure(@TempDir Path models) {
        // batch 1 and 2^24 tokens: 128 MiB of input, a 2^24 × 2^24 float output (1 PiB) that no allocator grants
        JobOutcome o = failing(Jobs.withSequence(Jobs.offline(9, OnnxModels.gram(models).toUri(), "", 1), 1 << 24,
                List.of(1), Scenario.OFFLINE), "OUT_OF_MEMORY");
        assertTrue(o.failureReason().contains("Failed to allocate memory for requested buffer of size 1125899906842624"),
                o.failureReason());
    }

    @Test
    void inASweepTheFailureNamesThePoint(@TempDir Path models) {
        JobOutcome o = failing(Jobs.withSequence(Jobs.offline(10, OnnxModels.gram(models).toUri(), "", 1), 1 << 24,
                List.of(1, 2), Scenario.OFFLINE), "OUT_OF_MEMORY");
        assertTrue(o.failureReason().startsWith("OUT_OF_MEMORY: point 1 of 2 (batch 1, concurrency 1, threads 2): "),
                o.failureReason());
    }

    @Test
    void theJvmRunningOutOfMemoryFailsTheJobAndTheExecutorGoesOn() {
        JobOutcome o = executor.execute(Jobs.int8Offline(11), throwingOnProgress(new OutOfMemoryError("Java heap space")));
        assertEquals("OUT_OF_MEMORY: the runner's JVM ran out of memory: Java heap space", o.failureReason());
        assertTrue(executor.execute(Jobs.int8Offline(12), QUIET).succeeded());
    }

    @Test
    void anUnforeseenErrorFailsTheJobWithWhatHappened() {
        JobOutcome o = executor.execute(Jobs.int8Offline(13), throwingOnProgress(new IllegalStateException("boom")));
        assertEquals("INFERENCE_FAILED: unexpected java.lang.IllegalStateException: boom", o.failureReason());
        assertFalse(o.succeeded());
    }

    /** A control whose progress report throws: something going wrong inside a job that no rule foresaw. */
    private static JobControl throwingOnProgress(Throwable error) {
        return new JobControl() {
            @Override
            public boolean cancelled() {
                return false;
            }

            @Override
            public void progress(SweepProgress progress, String point) {
                if (error instanceof RuntimeException e) {
                    throw e;
                }
                throw (Error) error;
            }
        };
    }

    @Test
    void anImpossibleSweepFailsBeforeLoadingAnything() {
        failing(Jobs.withSequence(Jobs.int8Offline(8), 32, List.of(8), Scenario.SINGLE_STREAM), "IMPOSSIBLE_SWEEP");
    }
}
