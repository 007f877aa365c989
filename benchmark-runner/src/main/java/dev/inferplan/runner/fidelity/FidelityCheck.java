package dev.inferplan.runner.fidelity;

import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import dev.inferplan.runner.execution.ModelSession;
import dev.inferplan.runner.execution.ModelSession.FloatOutput;

/**
 * The quality cost of a derived model (quantized, distilled, pruned, converted), measured: both
 * models run on the same fixed inputs, one at a time, and their first outputs are compared. For
 * embeddings the per-input cosine similarity of the sentence vectors (token embeddings mean-pooled
 * over the attention mask, as sentence-transformers pools all-MiniLM-L6-v2); for classifiers whether
 * the top class agrees.
 */
public final class FidelityCheck {

    private FidelityCheck() {
    }

    public static FidelityReport compare(ModelSession reference, ModelSession candidate, FidelityInputs inputs,
                                         OutputKind kind) {
        int n = inputs.inputs().size();
        double[] cosines = new double[n];
        int agreeing = 0;
        String outputName = null;
        for (int i = 0; i < n; i++) {
            Map<String, OnnxTensor> input = inputs.inputs().get(i);
            FloatOutput parent = reference.run(input);
            FloatOutput derived = candidate.run(input);
            if (!Arrays.equals(parent.shape(), derived.shape())) {
                throw new IllegalArgumentException("the models' outputs differ in shape: " + Arrays.toString(parent.shape())
                        + " (parent) and " + Arrays.toString(derived.shape()));
            }
            outputName = derived.name();
            long[] mask = mask(input);
            float[] a = kind == OutputKind.EMBEDDING ? pooled(parent, mask) : parent.values();
            float[] b = kind == OutputKind.EMBEDDING ? pooled(derived, mask) : derived.values();
            cosines[i] = cosine(a, b);
            if (kind == OutputKind.CLASSIFIER && argmax(a) == argmax(b)) {
                agreeing++;
            }
        }
        double[] sorted = cosines.clone();
        Arrays.sort(sorted);
        return new FidelityReport(kind, n, inputs.description(), round(Arrays.stream(cosines).average().orElse(0)),
                round(percentile(sorted, 5)), round(sorted.length == 0 ? 0 : sorted[0]),
                kind == OutputKind.CLASSIFIER ? round((double) agreeing / n) : null, reference.model().sha256(), outputName);
    }

    /** Nearest rank: the smallest value with at least p% of the values at or below it. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** [1, tokens, dim] → the mean over the tokens the mask keeps; [1, dim] as it is. */
    static float[] pooled(FloatOutput output, long[] mask) {
        long[] shape = output.shape();
        if (shape.length != 3) {
            return output.values();
        }
        int tokens = (int) shape[1];
        int dim = (int) shape[2];
        float[] sum = new float[dim];
        int kept = 0;
        for (int t = 0; t < tokens; t++) {
            if (mask != null && t < mask.length && mask[t] == 0) {
                continue;
            }
            kept++;
            for (int d = 0; d < dim; d++) {
                sum[d] += output.values()[t * dim + d];
            }
        }
        for (int d = 0; d < dim; d++) {
            sum[d] /= Math.max(1, kept);
        }
        return sum;
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return na == 0 || nb == 0 ? (na == nb ? 1 : 0) : dot / Math.sqrt(na * nb);
    }

    private static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    private static long[] mask(Map<String, OnnxTensor> input) {
        OnnxTensor mask = input.get("attention_mask");
        if (mask == null) {
            return null;
        }
        LongBuffer buffer = mask.getLongBuffer();
        long[] values = new long[buffer.remaining()];
        buffer.get(values);
        return values;
    }

    private static double round(double value) {
        return Math.round(value * 1_000_000.0) / 1_000_000.0;
    }
}
