package dev.inferplan.runner.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.inferplan.contracts.artifacts.ArtifactUriPolicy;
import dev.inferplan.runner.BenchmarkFailure;
import dev.inferplan.runner.BenchmarkFailure.Kind;
import dev.inferplan.runner.TestModels;
import dev.inferplan.runner.models.ModelCache;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What ONNX Runtime 1.29 throws, as seen on this machine, and the kind each becomes. */
class OrtFailuresTest {

    @Test
    void anArenaThatCannotAllocateIsOutOfMemory() {
        OrtException e = new OrtException(OrtException.OrtErrorCode.ORT_FAIL, "Non-zero status code returned while running "
                + "FusedMatMul node. Name:'matmul/MatmulTransposeFusion/' Status Message: /onnxruntime_src/onnxruntime/core/"
                + "framework/bfc_arena.cc:359 void* onnxruntime::BFCArena::AllocateRawInternal(size_t, bool, "
                + "onnxruntime::Stream*) Failed to allocate memory for requested buffer of size 1125899906842624");
        assertEquals(Kind.OUT_OF_MEMORY, OrtFailures.classify("inference failed", e).kind());
    }

    @Test
    void anOutputJavaCannotHoldIsOutOfMemoryNotAnImpossibleSweep() {
        // a 16 GiB output (batch 1, 65,536 tokens of a Gram matrix): ONNX Runtime computed it, its JNI layer refused it
        BenchmarkFailure f = OrtFailures.classify("inference failed",
                new IllegalArgumentException("JNI NewDirectByteBuffer passed capacity > Integer.MAX_VALUE: (17179869184)"));
        assertEquals(Kind.OUT_OF_MEMORY, f.kind());
        assertEquals("OUT_OF_MEMORY: inference failed: an output is too large for a Java buffer: JNI NewDirectByteBuffer "
                + "passed capacity > Integer.MAX_VALUE: (17179869184)", f.reason());
    }

    @Test
    void theJvmOutOfMemoryIsOutOfMemory() {
        assertEquals(Kind.OUT_OF_MEMORY, OrtFailures.classify("inference failed",
                new OutOfMemoryError("Cannot reserve 2147483648 bytes of direct buffer memory")).kind());
    }

    @Test
    void aProtobufThatIsNotAModelIsNotOnnx() {
        assertEquals(Kind.NOT_ONNX, OrtFailures.classify("cannot open", new OrtException(
                OrtException.OrtErrorCode.ORT_INVALID_PROTOBUF, "Load model from x failed:Protobuf parsing failed.")).kind());
    }

    /** What the int8 all-MiniLM-L6-v2 (512 position embeddings) answers at sequence 513 and batch 1. */
    private static final String SEQUENCE_513 = "Non-zero status code returned while running Add node. Name:'/embeddings/Add_1' "
            + "Status Message: /onnxruntime_src/onnxruntime/core/providers/cpu/math/element_wise_ops.h:583 void "
            + "onnxruntime::BroadcastIterator::Append(ptrdiff_t, ptrdiff_t) axis == 1 || axis == largest was false. "
            + "Attempting to broadcast an axis by a dimension other than 1. 512 by 513";

    @Test
    void aSizeTheModelRefusesThatIsTheSequenceLengthIsAnImpossibleSweep() {
        BenchmarkFailure f = OrtFailures.classify("inference failed",
                new OrtException(OrtException.OrtErrorCode.ORT_FAIL, SEQUENCE_513), new DimensionBinding(1, 513, Map.of()));
        assertEquals(Kind.IMPOSSIBLE_SWEEP, f.kind());
        assertTrue(f.getMessage().startsWith("inference failed: sequence length 513 is longer than this model supports, "
                + "at most 512 (its Add node '/embeddings/Add_1' has 512 where the inputs have 513"), f.getMessage());
    }

    @Test
    void aSequenceShorterThanAModelWithAFixedLengthTakesDoesNotFitEither() {
        BenchmarkFailure f = OrtFailures.classify("inference failed", new OrtException(OrtException.OrtErrorCode.ORT_FAIL,
                SEQUENCE_513.replace("512 by 513", "100 by 512")), new DimensionBinding(1, 100, Map.of()));
        assertEquals(Kind.IMPOSSIBLE_SWEEP, f.kind());
        assertTrue(f.getMessage().startsWith("inference failed: sequence length 100 does not fit this model (its Add node "
                + "'/embeddings/Add_1' has 512 where the inputs have 100"), f.getMessage());
    }

    @Test
    void aRefusedSizeThatIsNotTheSequenceLengthOrCouldBeTheBatchStaysAnInferenceFailure() {
        OrtException e = new OrtException(OrtException.OrtErrorCode.ORT_FAIL, SEQUENCE_513);
        assertEquals(Kind.INFERENCE_FAILED, OrtFailures.classify("inference failed", e, new DimensionBinding(1, 128,
                Map.of())).kind());
        assertEquals(Kind.INFERENCE_FAILED, OrtFailures.classify("inference failed", e, new DimensionBinding(513, 513,
                Map.of())).kind());
        assertEquals(Kind.INFERENCE_FAILED, OrtFailures.classify("inference failed", e, new DimensionBinding(1, 0,
                Map.of())).kind());
    }

    @Test
    void anInputLeftUnboundIsStillAMissingBinding(@TempDir Path cache) throws OrtException {
        // the real int8 model run with input_ids alone: ONNX Runtime names the first input it lacks
        Path model = new ModelCache(cache, ArtifactUriPolicy.unrestricted()).fetch(TestModels.int8(), TestModels.INT8_SHA256).path();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(model.toString(), new OrtSession.SessionOptions());
             OnnxTensor ids = OnnxTensor.createTensor(env, new long[][] {{1000, 2000, 3000}})) {
            OrtException e = assertThrows(OrtException.class, () -> session.run(Map.of("input_ids", ids)).close());
            BenchmarkFailure f = OrtFailures.classify("inference failed", e, new DimensionBinding(1, 3, Map.of()));
            assertEquals(Kind.MISSING_INPUT_BINDING, f.kind());
            assertTrue(f.getMessage().contains("Missing Input: token_type_ids"), f.getMessage());
        }
    }
}
