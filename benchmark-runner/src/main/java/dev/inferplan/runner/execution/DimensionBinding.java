package dev.inferplan.runner.execution;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.inferplan.runner.BenchmarkFailure;
import dev.inferplan.runner.BenchmarkFailure.Kind;
import dev.inferplan.runner.models.ModelSignature.TensorSpec;

/**
 * Binds a model's symbolic dimensions for one point: the first is the batch, a sequence-like one
 * ({@code sequence_length}, {@code seq}, {@code tokens}) the job's sequence length, any other by
 * name from the job. A dimension nothing binds is a failure that names it.
 */
public record DimensionBinding(int batchSize, int sequenceLength, Map<String, Long> named) {

    public DimensionBinding {
        named = Map.copyOf(named);
    }

    public long[] shapeOf(TensorSpec input) {
        List<String> dims = input.shape();
        List<Long> shape = new ArrayList<>();
        for (int i = 0; i < dims.size(); i++) {
            shape.add(bind(input, i, dims.get(i)));
        }
        return shape.stream().mapToLong(Long::longValue).toArray();
    }

    private long bind(TensorSpec input, int position, String dim) {
        if (dim.matches("\\d+")) {
            long fixed = Long.parseLong(dim);
            if (position == 0 && fixed != batchSize) {
                throw new BenchmarkFailure(Kind.IMPOSSIBLE_SWEEP, "input '" + input.name()
                        + "' has a fixed batch dimension of " + fixed + "; batch size " + batchSize + " cannot run");
            }
            return fixed;
        }
        if (named.containsKey(dim)) {
            return named.get(dim);
        }
        if (position == 0) {
            return batchSize;
        }
        String lower = dim.toLowerCase(Locale.ROOT);
        boolean sequenceLike = lower.contains("seq") || lower.contains("len") || lower.contains("token")
                || (dim.equals("?") && position == 1 && input.shape().size() == 2);
        if (sequenceLike) {
            if (sequenceLength <= 0) {
                throw new BenchmarkFailure(Kind.MISSING_INPUT_BINDING, "input '" + input.name()
                        + "' has the symbolic dimension '" + dim + "' and the job binds no sequence length");
            }
            return sequenceLength;
        }
        throw new BenchmarkFailure(Kind.MISSING_INPUT_BINDING, "input '" + input.name() + "' has the symbolic dimension '"
                + dim + "' (position " + position + ") and the job binds no value for it");
    }
}
