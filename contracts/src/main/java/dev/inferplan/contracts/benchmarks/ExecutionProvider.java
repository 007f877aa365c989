package dev.inferplan.contracts.benchmarks;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The ONNX Runtime execution providers a benchmark job may ask for, in ONNX Runtime's own order of
 * preference: TensorRT (which needs CUDA registered behind it), then CUDA, then CPU.
 */
public enum ExecutionProvider {
    TENSORRT,
    CUDA,
    CPU;

    /** "TENSORRT", "TensorRT", "tensor_rt", "cuda", "cpu"; empty for anything else. */
    public static Optional<ExecutionProvider> find(String text) {
        String normalized = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace("_", "");
        return Arrays.stream(values()).filter(p -> p.name().equals(normalized)).findFirst();
    }

    public static ExecutionProvider parse(String text) {
        return find(text).orElseThrow(() -> new IllegalArgumentException("unknown execution provider '" + text
                + "'; expected TENSORRT, CUDA or CPU"));
    }
}
