package dev.inferplan.runner.execution;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import dev.inferplan.runner.BenchmarkFailure;
import dev.inferplan.runner.BenchmarkFailure.Kind;
import dev.inferplan.runner.models.ModelSignature;
import dev.inferplan.runner.models.ModelSignature.TensorSpec;

/**
 * Inputs generated to a model's signature, created once per point and shared by every thread
 * (ONNX Runtime only reads them). Each tensor wraps a direct, native-order buffer, which ONNX
 * Runtime uses in place; a heap buffer would be copied into a fresh direct one on every creation.
 * Token ids are random in [1000, 29000): above BERT's special and unused ids, inside every common
 * WordPiece vocabulary (30,522); masks are all ones, token types zeros; floats uniform in [0, 1).
 */
public final class InputTensors implements AutoCloseable {

    private static final int FIRST_TOKEN_ID = 1000;
    private static final int LAST_TOKEN_ID = 29_000;

    private final Map<String, OnnxTensor> tensors;
    private final Map<String, List<Long>> shapes;
    private final long bytes;
    private final DimensionBinding binding;

    private InputTensors(Map<String, OnnxTensor> tensors, Map<String, List<Long>> shapes, long bytes,
                         DimensionBinding binding) {
        this.tensors = tensors;
        this.shapes = shapes;
        this.bytes = bytes;
        this.binding = binding;
    }

    public static InputTensors generate(OrtEnvironment env, ModelSignature signature, DimensionBinding binding, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
        Map<String, List<Long>> shapes = new LinkedHashMap<>();
        long bytes = 0;
        try {
            for (TensorSpec input : signature.inputs()) {
                long[] shape = binding.shapeOf(input);
                long elements = Arrays.stream(shape).reduce(1, Math::multiplyExact);
                long needed = elements * elementBytes(input.dtype());
                if (needed > Integer.MAX_VALUE) {
                    throw new OutOfMemoryError("input '" + input.name() + "' needs " + needed + " bytes, more than one buffer holds");
                }
                OnnxTensor tensor = create(env, input, shape, elements, random);
                tensors.put(input.name(), tensor);
                shapes.put(input.name(), Arrays.stream(shape).boxed().toList());
                bytes += needed;
            }
            return new InputTensors(Map.copyOf(tensors), Map.copyOf(shapes), bytes, binding);
        } catch (OutOfMemoryError e) {
            tensors.values().forEach(OnnxTensor::close);
            throw new BenchmarkFailure(Kind.OUT_OF_MEMORY, "inputs for batch " + binding.batchSize()
                    + " and sequence " + binding.sequenceLength() + " do not fit in memory: " + e.getMessage(), e);
        } catch (OrtException | ArithmeticException e) {
            tensors.values().forEach(OnnxTensor::close);
            throw new BenchmarkFailure(Kind.MISSING_INPUT_BINDING, "cannot create the inputs: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            tensors.values().forEach(OnnxTensor::close);
            throw e;
        }
    }

    private static OnnxTensor create(OrtEnvironment env, TensorSpec input, long[] shape, long elements,
                                     SplittableRandom random) throws OrtException {
        String name = input.name().toLowerCase(Locale.ROOT);
        int n = Math.toIntExact(elements);
        switch (input.dtype()) {
            case "INT64" -> {
                ByteBuffer buffer = direct(n * 8L);
                var values = buffer.asLongBuffer();
                for (int i = 0; i < n; i++) {
                    values.put(i, integerValue(name, i, shape, random));
                }
                return OnnxTensor.createTensor(env, values, shape);
            }
            case "INT32" -> {
                ByteBuffer buffer = direct(n * 4L);
                var values = buffer.asIntBuffer();
                for (int i = 0; i < n; i++) {
                    values.put(i, (int) integerValue(name, i, shape, random));
                }
                return OnnxTensor.createTensor(env, values, shape);
            }
            case "FLOAT" -> {
                ByteBuffer buffer = direct(n * 4L);
                var values = buffer.asFloatBuffer();
                for (int i = 0; i < n; i++) {
                    values.put(i, (float) random.nextDouble());
                }
                return OnnxTensor.createTensor(env, values, shape);
            }
            case "UINT8" -> {
                ByteBuffer buffer = direct(n);
                for (int i = 0; i < n; i++) {
                    buffer.put(i, (byte) random.nextInt(256));
                }
                return OnnxTensor.createTensor(env, buffer, shape, OnnxJavaType.UINT8);
            }
            default -> throw new BenchmarkFailure(Kind.MISSING_INPUT_BINDING, "input '" + input.name()
                    + "' has the type " + input.dtype() + ", for which the runner generates no data");
        }
    }

    private static int elementBytes(String dtype) {
        return switch (dtype) {
            case "INT64", "DOUBLE" -> 8;
            case "UINT8", "INT8", "BOOL" -> 1;
            default -> 4;
        };
    }

    private static long integerValue(String name, int index, long[] shape, SplittableRandom random) {
        if (name.contains("mask")) {
            return 1;
        }
        if (name.contains("type")) {
            return 0;
        }
        if (name.contains("position")) {
            return shape.length > 1 ? index % shape[shape.length - 1] : index;
        }
        return random.nextInt(FIRST_TOKEN_ID, LAST_TOKEN_ID);
    }

    private static ByteBuffer direct(long bytes) {
        if (bytes > Integer.MAX_VALUE) {
            throw new OutOfMemoryError(bytes + " bytes exceed one direct buffer");
        }
        return ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.nativeOrder());
    }

    public Map<String, OnnxTensor> tensors() {
        return tensors;
    }

    public Map<String, List<Long>> shapes() {
        return shapes;
    }

    public long bytes() {
        return bytes;
    }

    /** What the inputs were generated for: a run that fails names the sequence length it was given. */
    public DimensionBinding binding() {
        return binding;
    }

    @Override
    public void close() {
        tensors.values().forEach(OnnxTensor::close);
    }
}
