package dev.inferplan.runner.execution;

import java.util.Locale;

import dev.inferplan.runner.BenchmarkFailure;
import dev.inferplan.runner.BenchmarkFailure.Kind;

/** Turns what ONNX Runtime throws into a failure reason an operator can act on. */
final class OrtFailures {

    private OrtFailures() {
    }

    static BenchmarkFailure classify(String context, Throwable error) {
        if (error instanceof BenchmarkFailure failure) {
            return failure;
        }
        if (error instanceof OutOfMemoryError) {
            return new BenchmarkFailure(Kind.OUT_OF_MEMORY, context + ": " + error.getMessage(), error);
        }
        if (error instanceof IllegalArgumentException && String.valueOf(error.getMessage()).contains("Integer.MAX_VALUE")) {
            // ONNX Runtime ran, but Java cannot hold an output of 2 GiB or more in one buffer
            return new BenchmarkFailure(Kind.OUT_OF_MEMORY, context + ": an output is too large for a Java buffer: "
                    + error.getMessage(), error);
        }
        String message = String.valueOf(error.getMessage());
        return new BenchmarkFailure(kindOf(message), context + ": " + message, error);
    }

    static Kind kindOf(String ortMessage) {
        String m = ortMessage.toLowerCase(Locale.ROOT);
        if (m.contains("bad_alloc") || m.contains("failed to allocate") || m.contains("out of memory")
                || m.contains("cudaerrormemoryallocation")) {
            return Kind.OUT_OF_MEMORY;
        }
        if (m.contains("invalid_protobuf") || m.contains("protobuf parsing failed") || m.contains("no graph was found")
                || m.contains("model_path must not be empty") || m.contains("invalid_graph")) {
            return Kind.NOT_ONNX;
        }
        if (m.contains("missing input") || m.contains("invalid input name") || m.contains("invalid_argument")) {
            return Kind.MISSING_INPUT_BINDING;
        }
        return Kind.INFERENCE_FAILED;
    }
}
