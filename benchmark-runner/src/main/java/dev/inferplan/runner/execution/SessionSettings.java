package dev.inferplan.runner.execution;

import java.util.Locale;

/**
 * The session options a result was measured with (recorded with it: threads change everything).
 * {@code intraOpThreads} 0 means ONNX Runtime's default (one per physical core).
 */
public record SessionSettings(int intraOpThreads, int interOpThreads, String optimizationLevel, String executionMode,
                              boolean allowSpinning) {

    public static SessionSettings cpuThreads(int intraOpThreads) {
        return new SessionSettings(intraOpThreads, 1, "ALL_OPT", "SEQUENTIAL", true);
    }

    /**
     * Intra-op threads that sleep instead of spinning between runs: in an open loop the session
     * idles between arrivals, and spinning threads take the cores the load generator needs to
     * keep its schedule.
     */
    public SessionSettings withoutSpinning() {
        return new SessionSettings(intraOpThreads, interOpThreads, optimizationLevel, executionMode, false);
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
                + ", graphOptimizationLevel=" + optimizationLevel + ", executionMode=" + executionMode
                + ", intraOpSpinning=" + allowSpinning;
    }
}
