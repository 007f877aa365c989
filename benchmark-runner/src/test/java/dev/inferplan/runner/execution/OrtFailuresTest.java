package dev.inferplan.runner.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnxruntime.OrtException;
import dev.inferplan.runner.BenchmarkFailure;
import dev.inferplan.runner.BenchmarkFailure.Kind;

import org.junit.jupiter.api.Test;

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
}
