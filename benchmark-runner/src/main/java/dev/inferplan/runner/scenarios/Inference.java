package dev.inferplan.runner.scenarios;

/**
 * One query against the system under test, run on the calling thread: an ONNX Runtime session
 * run in production, a controllable stand-in in tests. Implementations must be safe to call from
 * several threads at once and should not allocate per call.
 */
@FunctionalInterface
public interface Inference {

    void run() throws Exception;
}
