package dev.inferplan.runner.execution;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.inferplan.runner.BenchmarkFailure;
import dev.inferplan.runner.BenchmarkFailure.Kind;
import dev.inferplan.runner.scenarios.Inference;

/**
 * A session's runs over one point's inputs. Each load thread gets output tensors of its own,
 * allocated once and handed to ONNX Runtime to write into ("pinned outputs"), so the hot path
 * allocates no tensors: without them ONNX Runtime allocates, and the close frees, every output on
 * every run. Output shapes are read off the first run, made at creation (the inputs never change,
 * so neither do they); outputs that cannot be pinned (strings, maps, sequences) are still allocated
 * per run.
 * Buffers go back to a pool when a thread stops, so a point's successive runs (a capacity search)
 * reuse them: at most as many sets as the point's concurrency.
 */
public final class SessionInference implements Inference, AutoCloseable {

    private final OrtSession session;
    private final OrtEnvironment env;
    private final Map<String, OnnxTensor> inputs;
    private final DimensionBinding binding;
    private final Map<String, OutputSpec> pinnable;
    private final Set<String> allocated;
    private final ArrayDeque<Map<String, OnnxTensor>> free = new ArrayDeque<>();
    private int made;
    private final double firstRunMs;
    private boolean closed;

    /** An output's shape and element type, as one run produced it. */
    record OutputSpec(long[] shape, OnnxJavaType type) {

        long bytes() {
            return Arrays.stream(shape).reduce(1, Math::multiplyExact) * type.size;
        }
    }

    SessionInference(OrtSession session, OrtEnvironment env, InputTensors inputs) {
        this.session = session;
        this.env = env;
        this.inputs = inputs.tensors();
        this.binding = inputs.binding();
        Map<String, OutputSpec> specs = new HashMap<>();
        Set<String> others = new HashSet<>();
        long start = System.nanoTime();
        try (OrtSession.Result result = session.run(this.inputs)) {
            for (Map.Entry<String, OnnxValue> output : result) {
                if (output.getValue() instanceof OnnxTensor tensor && pinnable(tensor.getInfo())) {
                    specs.put(output.getKey(), new OutputSpec(tensor.getInfo().getShape(), tensor.getInfo().type));
                } else {
                    others.add(output.getKey());
                }
            }
        } catch (OrtException | OutOfMemoryError | IllegalArgumentException e) {
            throw OrtFailures.classify("the first inference failed", e, binding);
        }
        this.firstRunMs = (System.nanoTime() - start) / 1e6;
        this.pinnable = Map.copyOf(specs);
        this.allocated = Set.copyOf(others);
    }

    private static boolean pinnable(TensorInfo info) {
        return info.type != OnnxJavaType.STRING && info.type != OnnxJavaType.UNKNOWN && info.type.size > 0;
    }

    /** A run with outputs allocated by ONNX Runtime and freed at once (a first run, a warm-up). */
    @Override
    public void run() throws Exception {
        try (OrtSession.Result ignored = session.run(inputs)) {
            // outputs are not read while measuring
        } catch (OrtException | OutOfMemoryError | IllegalArgumentException e) {
            throw OrtFailures.classify("inference failed", e, binding);
        }
    }

    @Override
    public Worker worker() {
        return new PinnedWorker(take());
    }

    /** A load thread's runs, into its own output buffers until it closes. */
    final class PinnedWorker implements Worker {

        private final Map<String, OnnxTensor> outputs;

        private PinnedWorker(Map<String, OnnxTensor> outputs) {
            this.outputs = outputs;
        }

        @Override
        public void run() {
            try (OrtSession.Result ignored = session.run(inputs, allocated, outputs)) {
                // the pinned outputs belong to this worker; closing the result frees only the others
            } catch (OrtException | OutOfMemoryError | IllegalArgumentException e) {
                throw OrtFailures.classify("inference failed", e, binding);
            }
        }

        Map<String, OnnxTensor> outputs() {
            return outputs;
        }

        @Override
        public void close() {
            give(outputs);
        }
    }

    /** The time of the first run over these inputs, apart from steady state (lazy initialization). */
    public double firstRunMs() {
        return firstRunMs;
    }

    /** The names of the outputs written into buffers made once per thread. */
    public Set<String> pinnedOutputs() {
        return pinnable.keySet();
    }

    /** How many sets of output buffers were made so far (at most the concurrency of the point). */
    public synchronized int outputSets() {
        return made;
    }

    private synchronized Map<String, OnnxTensor> take() {
        if (closed) {
            throw new IllegalStateException("the point's inference is closed");
        }
        Map<String, OnnxTensor> outputs = free.poll();
        if (outputs == null) {
            outputs = allocate();
            made++;
        }
        return outputs;
    }

    private synchronized void give(Map<String, OnnxTensor> outputs) {
        if (closed) {
            outputs.values().forEach(OnnxTensor::close);
        } else {
            free.push(outputs);
        }
    }

    private Map<String, OnnxTensor> allocate() {
        Map<String, OnnxTensor> outputs = new HashMap<>();
        try {
            for (Map.Entry<String, OutputSpec> output : pinnable.entrySet()) {
                OutputSpec spec = output.getValue();
                long bytes = spec.bytes();
                if (bytes > Integer.MAX_VALUE) {
                    throw new OutOfMemoryError("output '" + output.getKey() + "' needs " + bytes + " bytes, more than one buffer holds");
                }
                ByteBuffer buffer = ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.nativeOrder());
                outputs.put(output.getKey(), OnnxTensor.createTensor(env, buffer, spec.shape(), spec.type()));
            }
            return Map.copyOf(outputs);
        } catch (OrtException | OutOfMemoryError | ArithmeticException e) {
            outputs.values().forEach(OnnxTensor::close);
            throw new BenchmarkFailure(Kind.OUT_OF_MEMORY, "cannot allocate the outputs for a load thread: " + e.getMessage(), e);
        }
    }

    /** Frees every set of output buffers; sets still held by running threads are freed when they stop. */
    @Override
    public synchronized void close() {
        closed = true;
        free.forEach(outputs -> outputs.values().forEach(OnnxTensor::close));
        free.clear();
    }
}
