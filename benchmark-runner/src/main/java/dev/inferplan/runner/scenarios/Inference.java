package dev.inferplan.runner.scenarios;

/**
 * One query against the system under test, run on the calling thread: an ONNX Runtime session
 * run in production, a controllable stand-in in tests. Implementations must be safe to call from
 * several threads at once and should not allocate per call.
 */
@FunctionalInterface
public interface Inference {

    void run() throws Exception;

    /**
     * What one load thread runs for as long as it lives, closed when it stops. By default this
     * inference itself, shared; a session hands each thread output buffers of its own, which
     * concurrent runs could not share.
     */
    default Worker worker() {
        return new Worker() {
            @Override
            public void run() throws Exception {
                Inference.this.run();
            }

            @Override
            public void close() {
            }
        };
    }

    /** One load thread's inference. */
    interface Worker extends AutoCloseable {

        void run() throws Exception;

        @Override
        void close();
    }
}
