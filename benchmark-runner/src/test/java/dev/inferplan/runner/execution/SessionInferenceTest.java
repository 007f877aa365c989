package dev.inferplan.runner.execution;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.inferplan.contracts.artifacts.ArtifactUriPolicy;
import dev.inferplan.contracts.benchmarks.ExecutionProvider;
import dev.inferplan.contracts.benchmarks.Scenario;
import dev.inferplan.runner.TestModels;
import dev.inferplan.runner.models.CachedModel;
import dev.inferplan.runner.models.ModelCache;
import dev.inferplan.runner.models.ModelSignature.TensorSpec;
import dev.inferplan.runner.scenarios.Inference;
import dev.inferplan.runner.scenarios.LoadPoint;
import dev.inferplan.runner.scenarios.Measurement;
import dev.inferplan.runner.scenarios.RunRules;
import dev.inferplan.runner.scenarios.ScenarioRun;

import ai.onnxruntime.OnnxTensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pinned outputs on the real all-MiniLM-L6-v2 int8 model: what the hot path writes into, and how many. */
class SessionInferenceTest {

    @TempDir
    Path cacheDir;

    private ModelSession session;
    private InputTensors inputs;

    @BeforeEach
    void open() {
        CachedModel model = new ModelCache(cacheDir, ArtifactUriPolicy.unrestricted()).fetch(TestModels.int8(), TestModels.INT8_SHA256);
        session = new OrtRuntime().open(model, SessionSettings.cpuThreads(1), List.of(ExecutionProvider.CPU), false);
        inputs = session.inputs(new DimensionBinding(2, 16, Map.of()), 7);
    }

    @AfterEach
    void close() {
        inputs.close();
        session.close();
    }

    @Test
    void everyTensorOutputIsPinnedWithTheShapeOfARun() {
        try (SessionInference inference = session.inference(inputs)) {
            Set<String> outputs = session.signature().outputs().stream().map(TensorSpec::name).collect(Collectors.toSet());
            assertEquals(outputs, inference.pinnedOutputs());
            assertTrue(inference.firstRunMs() > 0);
            try (Inference.Worker worker = inference.worker()) {
                OnnxTensor pinned = ((SessionInference.PinnedWorker) worker).outputs().get(session.signature().outputs().get(0).name());
                assertArrayEquals(new long[] {2, 16, 384}, pinned.getInfo().getShape());
            }
        }
    }

    @Test
    void aWorkersRunWritesTheModelsOutputIntoItsOwnBuffer() throws Exception {
        float[] expected = session.firstOutput(inputs);
        try (SessionInference inference = session.inference(inputs);
             Inference.Worker worker = inference.worker()) {
            OnnxTensor pinned = ((SessionInference.PinnedWorker) worker).outputs().get(session.signature().outputs().get(0).name());
            FloatBuffer before = pinned.getFloatBuffer();
            assertEquals(0f, before.get(0), "a fresh buffer holds zeros until a run writes it");
            worker.run();
            FloatBuffer written = pinned.getFloatBuffer();
            float[] actual = new float[written.remaining()];
            written.get(actual);
            assertArrayEquals(expected, actual, 1e-5f);
        }
    }

    @Test
    void concurrentThreadsHaveTheirOwnBuffersAndLaterRunsReuseThem() {
        try (SessionInference inference = session.inference(inputs)) {
            try (Inference.Worker a = inference.worker(); Inference.Worker b = inference.worker()) {
                assertNotSame(((SessionInference.PinnedWorker) a).outputs(), ((SessionInference.PinnedWorker) b).outputs());
            }
            RunRules rules = RunRules.of(Scenario.OFFLINE, 0.5).withMinQueries(1).withWarmupSeconds(0.2);
            LoadPoint point = new LoadPoint(Scenario.OFFLINE, 2, 2, 0, 0, 1);
            for (int run = 0; run < 2; run++) {
                Measurement m = new ScenarioRun(inference, point, rules, () -> false, (w, max) -> { }).measure();
                assertEquals(0, m.errors());
                assertTrue(m.queries() > 0);
            }
            assertEquals(2, inference.outputSets(), "two threads at a time: two sets, reused by the warm-up and both runs");
        }
    }

    @Test
    void aClosedInferenceHandsOutNoMoreBuffers() {
        SessionInference inference = session.inference(inputs);
        Inference.Worker held = inference.worker();
        Map<String, OnnxTensor> outputs = ((SessionInference.PinnedWorker) held).outputs();
        inference.close();
        assertThrows(IllegalStateException.class, inference::worker);
        held.close();   // a thread still running when the point closed frees its buffers as it stops
        assertSame(outputs, ((SessionInference.PinnedWorker) held).outputs());
        assertTrue(outputs.values().stream().allMatch(OnnxTensor::isClosed));
    }
}
