package dev.inferplan.runner.execution;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;
import dev.inferplan.runner.models.CachedModel;
import dev.inferplan.runner.models.ModelOpset;
import dev.inferplan.runner.models.ModelSignature;
import dev.inferplan.runner.models.ModelSignature.TensorSpec;

/**
 * One ONNX Runtime session on a cached model, shared by every thread of a point (an
 * {@code OrtSession} may be run concurrently; concurrency comes from threads, not from sessions).
 */
public final class ModelSession implements AutoCloseable {

    private final OrtRuntime runtime;
    private final CachedModel model;
    private final OrtSession session;
    private final ProviderDecision decision;
    private final SessionSettings settings;
    private final double createMs;
    private final ModelSignature signature;

    ModelSession(OrtRuntime runtime, CachedModel model, OrtSession session, ProviderDecision decision,
                 SessionSettings settings, double createMs) throws OrtException {
        this.runtime = runtime;
        this.model = model;
        this.session = session;
        this.decision = decision;
        this.settings = settings;
        this.createMs = createMs;
        // read after ONNX Runtime accepted the file: one that is not a model fails as NOT_ONNX with the runtime's reason
        OptionalInt opset = ModelOpset.read(model.path());
        this.signature = new ModelSignature(opset.isPresent() ? opset.getAsInt() : null, specs(session.getInputInfo()),
                specs(session.getOutputInfo()));
    }

    private static List<TensorSpec> specs(Map<String, NodeInfo> nodes) {
        List<TensorSpec> specs = new ArrayList<>();
        for (NodeInfo node : nodes.values()) {
            ValueInfo info = node.getInfo();
            if (info instanceof TensorInfo tensor) {
                long[] shape = tensor.getShape();
                String[] names = tensor.getDimensionNames();
                List<String> dims = new ArrayList<>();
                for (int i = 0; i < shape.length; i++) {
                    String name = names != null && i < names.length ? names[i] : "";
                    dims.add(shape[i] >= 0 ? Long.toString(shape[i]) : name == null || name.isEmpty() ? "?" : name);
                }
                specs.add(new TensorSpec(node.getName(), tensor.type.name(), dims));
            } else {
                specs.add(new TensorSpec(node.getName(), info.toString(), List.of()));
            }
        }
        return specs;
    }

    public ModelSignature signature() {
        return signature;
    }

    public ProviderDecision provider() {
        return decision;
    }

    public SessionSettings settings() {
        return settings;
    }

    public double sessionCreateMs() {
        return createMs;
    }

    public CachedModel model() {
        return model;
    }

    public InputTensors inputs(DimensionBinding binding, long seed) {
        return InputTensors.generate(runtime.environment(), signature, binding, seed);
    }

    /**
     * The hot path: runs over inputs created once, each load thread writing into output buffers of
     * its own. Its creation is the inputs' first run (timed: it pays for lazy initialization) and
     * reads the output shapes off it. Close it before the inputs.
     */
    public SessionInference inference(InputTensors inputs) {
        return new SessionInference(session, runtime.environment(), inputs);
    }

    /**
     * The first float output's values for these inputs, the material of the integrity check;
     * empty when the first output is not a float tensor.
     */
    public float[] firstOutput(InputTensors inputs) {
        try (OrtSession.Result result = session.run(inputs.tensors())) {
            OnnxValue value = result.get(0);
            if (value instanceof OnnxTensor tensor && tensor.getInfo().type == ai.onnxruntime.OnnxJavaType.FLOAT) {
                FloatBuffer buffer = tensor.getFloatBuffer();
                float[] values = new float[buffer.remaining()];
                buffer.get(values);
                return values;
            }
            return new float[0];
        } catch (OrtException | OutOfMemoryError | IllegalArgumentException e) {
            throw OrtFailures.classify("inference failed", e, inputs.binding());
        }
    }

    /** The first output of one run over the given inputs, with its shape (the fidelity check reads it). */
    public record FloatOutput(String name, long[] shape, float[] values) {
    }

    /** Runs once over inputs the caller made (and closes); the first output must be a float tensor. */
    public FloatOutput run(Map<String, ? extends OnnxTensor> inputs) {
        try (OrtSession.Result result = session.run(inputs)) {
            OnnxValue value = result.get(0);
            if (!(value instanceof OnnxTensor tensor) || tensor.getInfo().type != ai.onnxruntime.OnnxJavaType.FLOAT) {
                throw new IllegalArgumentException("the model's first output is not a float tensor");
            }
            FloatBuffer buffer = tensor.getFloatBuffer();
            float[] values = new float[buffer.remaining()];
            buffer.get(values);
            return new FloatOutput(session.getOutputNames().iterator().next(), tensor.getInfo().getShape(), values);
        } catch (OrtException | OutOfMemoryError e) {
            throw OrtFailures.classify("inference failed", e);
        }
    }

    public String describe() {
        return String.format(Locale.ROOT, "%s on %s, %s, created in %.1f ms", model.sha256().substring(0, 12),
                decision.ran(), settings.describe(), createMs);
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("closing the session failed: " + e.getMessage(), e);
        }
    }

}
