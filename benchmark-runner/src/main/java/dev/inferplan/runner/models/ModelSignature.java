package dev.inferplan.runner.models;

import java.util.List;

/**
 * The IO signature read from an ONNX Runtime session, and the opset read from the model file
 * ({@link ModelOpset}; null when the file names none): reported to the catalog the first time a
 * model is loaded, and the basis for generating inputs.
 */
public record ModelSignature(Integer opset, List<TensorSpec> inputs, List<TensorSpec> outputs) {

    public ModelSignature {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /**
     * One tensor: {@code dtype} as ONNX Runtime's Java type ({@code INT64}, {@code FLOAT}); each
     * dimension is a number when fixed, or its symbolic name ({@code batch_size}), or {@code ?}
     * when the model leaves it unnamed.
     */
    public record TensorSpec(String name, String dtype, List<String> shape) {

        public TensorSpec {
            shape = List.copyOf(shape);
        }
    }
}
