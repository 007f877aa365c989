package dev.inferplan.runner.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.inferplan.contracts.artifacts.ArtifactUriPolicy;
import dev.inferplan.contracts.benchmarks.ExecutionProvider;
import dev.inferplan.contracts.benchmarks.Scenario;
import dev.inferplan.runner.TestModels;
import dev.inferplan.runner.execution.OrtRuntime;
import dev.inferplan.runner.execution.ProviderOptions;
import dev.inferplan.runner.hardware.HardwareProbe;
import dev.inferplan.runner.jobs.BenchmarkJob;
import dev.inferplan.runner.jobs.JobControl;
import dev.inferplan.runner.jobs.JobExecutor;
import dev.inferplan.runner.jobs.JobOutcome;
import dev.inferplan.runner.models.CachedModel;
import dev.inferplan.runner.models.ModelCache;
import dev.inferplan.runner.models.ModelSignature;
import dev.inferplan.runner.sweeps.SweepProgress;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fidelity job on the real all-MiniLM-L6-v2 pair: int8 (langchain4j's quantized export) against
 * its fp32 parent, on the 40 fixed sentences tokenized by the tokenizer.json in the int8 model's jar.
 */
class FidelityJobTest {

    @TempDir
    static Path cacheDir;
    private static JobExecutor executor;

    private static final JobControl QUIET = new JobControl() {
        @Override
        public boolean cancelled() {
            return false;
        }

        @Override
        public void progress(SweepProgress progress, String point) {
        }

        @Override
        public void signatureRead(CachedModel model, ModelSignature signature) {
        }
    };

    @BeforeAll
    static void runtime() {
        executor = new JobExecutor(new ModelCache(cacheDir, ArtifactUriPolicy.unrestricted()), new OrtRuntime(),
                new HardwareProbe("test-pool", "aws/c7i.large").detect(), "benchmark-runner test");
    }

    private static BenchmarkJob fidelity(long id, java.net.URI model, String sha, java.net.URI parent, String parentSha) {
        return new BenchmarkJob(id, 200 + id, model, sha, Scenario.OFFLINE, List.of(1), List.of(1), List.of(2), 32,
                Map.of(), 1, 0, 0, List.of(ExecutionProvider.CPU), false, 1, BenchmarkJob.Tuning.STANDARD, 0,
                ProviderOptions.DEFAULT, new BenchmarkJob.Fidelity(199, parent, parentSha, 0, OutputKind.EMBEDDING));
    }

    @Test
    void int8MiniLmAgainstItsFp32ParentOnRealSentences() {
        JobOutcome outcome = executor.execute(fidelity(1, TestModels.int8(), TestModels.INT8_SHA256, TestModels.fp32(),
                TestModels.FP32_SHA256), QUIET);
        assertTrue(outcome.succeeded(), outcome.failureReason());
        FidelityReport report = outcome.fidelity();
        assertEquals(OutputKind.EMBEDDING, report.outputKind());
        assertEquals(40, report.inputs());
        assertTrue(report.inputsDescription().startsWith("real: 40 English sentences (benchmark-runner"
                + " fidelity/sentences-en.txt, written for inferplan, CC0), tokenized one by one by"
                + " all-minilm-l6-v2-q-tokenizer.json"), report.inputsDescription());
        assertEquals(TestModels.FP32_SHA256, report.referenceSha256());
        assertEquals(TestModels.INT8_SHA256, outcome.modelSha256());
        // int8 follows fp32 closely, but not exactly: the quantization costs something measurable
        // measured here: mean 0.992336, p5 0.989245, min 0.988284 (ONNX Runtime 1.29.0, CPU)
        assertTrue(report.meanCosine() > 0.985 && report.meanCosine() < 0.9999, "mean " + report.meanCosine());
        assertTrue(report.p5Cosine() <= report.meanCosine() && report.minCosine() <= report.p5Cosine(), report::toString);
        assertTrue(report.p5Cosine() > 0.9, report::toString);
        assertNull(report.top1Agreement(), "embeddings: no top-1");
        System.out.println("fidelity int8 vs fp32: " + report);
    }

    @Test
    void aModelAgainstItselfAgreesExactlyAndWithoutATokenizerTheInputsAreSyntheticAndSaySo(@TempDir Path bare)
            throws Exception {
        // the int8 file copied out of its jar: no tokenizer beside it
        CachedModel cached = new ModelCache(cacheDir, ArtifactUriPolicy.unrestricted()).fetch(TestModels.int8(), TestModels.INT8_SHA256);
        Path alone = Files.copy(cached.path(), bare.resolve("model.onnx"));
        JobOutcome outcome = executor.execute(fidelity(2, alone.toUri(), TestModels.INT8_SHA256, TestModels.int8(),
                TestModels.INT8_SHA256), QUIET);
        assertTrue(outcome.succeeded(), outcome.failureReason());
        FidelityReport report = outcome.fidelity();
        assertEquals(1.0, report.meanCosine(), 1e-6);
        assertEquals(1.0, report.minCosine(), 1e-6);
        assertEquals(40, report.inputs());
        assertTrue(report.inputsDescription().startsWith("synthetic: 40 generated inputs (batch 1, sequence 32,"),
                report.inputsDescription());
        assertTrue(report.inputsDescription().endsWith("no tokenizer.json beside the model"), report.inputsDescription());
    }
}
