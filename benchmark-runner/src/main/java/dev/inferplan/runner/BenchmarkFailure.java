package dev.inferplan.runner;

/**
 * Why a benchmark job cannot be measured: the reason is stored on the job in the catalog (and
 * printed by the CLI), and the runner goes on with the next job. Never a crash.
 */
public class BenchmarkFailure extends RuntimeException {

    /** What went wrong, in the words an operator searches for. */
    public enum Kind {
        /** The artifact URI, a link it leads through, a redirect or its size breaks the artifact rules. */
        ARTIFACT_REFUSED,
        MODEL_UNREADABLE,
        NOT_ONNX,
        SHA256_MISMATCH,
        MISSING_INPUT_BINDING,
        PROVIDER_REFUSED,
        OUT_OF_MEMORY,
        IMPOSSIBLE_SWEEP,
        INFERENCE_FAILED,
        CANCELLED
    }

    private final Kind kind;

    public BenchmarkFailure(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public BenchmarkFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** The text stored on the job: kind and message, e.g. {@code SHA256_MISMATCH: expected ab12…, got cd34…}. */
    public String reason() {
        return kind + ": " + getMessage();
    }
}
