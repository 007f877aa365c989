package dev.inferplan.runner.execution;

import java.util.Locale;

/**
 * The session options a result was measured with (recorded with it: threads change everything).
 * {@code intraOpThreads} 0 means ONNX Runtime's default (one per physical core).
 */
public record SessionSettings(int intraOpThreads, int interOpThreads, String optimizationLevel, String executionMode) {

    public static SessionSettings cpuThreads(int intraOpThreads) {
        return new SessionSettings(intraOpThreads, 1, "ALL_OPT", "SEQUENTIAL");
    }

    public SessionSettings {
        if (intraOpThreads < 0 || interOpThreads < 0) {
            throw new IllegalArgumentException("thread counts cannot be negative");
        }
        optimizationLevel = optimizationLevel.toUpperCase(Locale.ROOT);
        executionMode = executionMode.toUpperCase(Locale.ROOT);
    }

    public String describe() {
        return "intraOpThreads=" + intraOpThreads + ", interOpThreads=" + interOpThreads
                + ", graphOptimizationLevel=" + optimizationLevel + ", executionMode=" + executionMode;
    }
}
