package dev.inferplan.runner.execution;

import java.util.Arrays;
import java.util.Locale;

/** The execution providers a job may ask for, in fallback order: TensorRT, then CUDA, then CPU. */
public enum ExecutionProvider {
    TENSORRT,
    CUDA,
    CPU;

    public static ExecutionProvider parse(String text) {
        String normalized = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace("_", "");
        return Arrays.stream(values())
                .filter(p -> p.name().equals(normalized))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown execution provider '" + text
                        + "'; expected TENSORRT, CUDA or CPU"));
    }
}
