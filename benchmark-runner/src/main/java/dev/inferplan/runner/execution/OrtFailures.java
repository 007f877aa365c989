package dev.inferplan.runner.execution;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.inferplan.runner.BenchmarkFailure;
import dev.inferplan.runner.BenchmarkFailure.Kind;

/** Turns what ONNX Runtime throws into a failure reason an operator can act on. */
final class OrtFailures {

    /**
     * ONNX Runtime's element-wise broadcast refusing two sizes ({@code BroadcastIterator::Append}),
     * and the node it ran: how a BERT-like model says the sequence is longer than its position table
     * ({@code Add node. Name:'/embeddings/Add_1' … other than 1. 512 by 513}).
     */
    private static final Pattern BROADCAST = Pattern.compile(
            "Attempting to broadcast an axis by a dimension other than 1\\. (\\d+) by (\\d+)");
    private static final Pattern NODE = Pattern.compile("running (\\w+) node\\. Name:'([^']*)'");

    private OrtFailures() {
    }

    /**
     * A failed run on inputs generated for {@code binding}. When the size the model refuses is the
     * job's sequence length, the point cannot run on this model ({@code IMPOSSIBLE_SWEEP}): the
     * reason names the length asked for and the model's size there; anything else is classified
     * by {@link #classify(String, Throwable)}.
     */
    static BenchmarkFailure classify(String context, Throwable error, DimensionBinding binding) {
        BenchmarkFailure failure = classify(context, error);
        if (error instanceof BenchmarkFailure || failure.kind() != Kind.INFERENCE_FAILED) {
            return failure;
        }
        String message = String.valueOf(error.getMessage());
        Matcher broadcast = BROADCAST.matcher(message);
        long sequence = binding.sequenceLength();
        // when the batch size is the same number, which of the two the model refuses is not known
        if (sequence <= 0 || sequence == binding.batchSize() || !broadcast.find()) {
            return failure;
        }
        long first = Long.parseLong(broadcast.group(1));
        long second = Long.parseLong(broadcast.group(2));
        if ((first == sequence) == (second == sequence)) {
            return failure;
        }
        long model = first == sequence ? second : first;
        Matcher node = NODE.matcher(message);
        String where = node.find() ? "its " + node.group(1) + " node '" + node.group(2) + "'" : "the model";
        String problem = model < sequence
                ? "sequence length " + sequence + " is longer than this model supports, at most " + model
                : "sequence length " + sequence + " does not fit this model";
        return new BenchmarkFailure(Kind.IMPOSSIBLE_SWEEP, context + ": " + problem + " (" + where + " has " + model
                + " where the inputs have " + sequence + "; ONNX Runtime: " + broadcast.group() + ")", error);
    }

    static BenchmarkFailure classify(String context, Throwable error) {
        if (error instanceof BenchmarkFailure failure) {
            return failure;
        }
        if (error instanceof OutOfMemoryError) {
            return new BenchmarkFailure(Kind.OUT_OF_MEMORY, context + ": " + error.getMessage(), error);
        }
        if (error instanceof IllegalArgumentException && String.valueOf(error.getMessage()).contains("Integer.MAX_VALUE")) {
            // ONNX Runtime ran, but Java cannot hold an output of 2 GiB or more in one buffer
            return new BenchmarkFailure(Kind.OUT_OF_MEMORY, context + ": an output is too large for a Java buffer: "
                    + error.getMessage(), error);
        }
        String message = String.valueOf(error.getMessage());
        return new BenchmarkFailure(kindOf(message), context + ": " + message, error);
    }

    static Kind kindOf(String ortMessage) {
        String m = ortMessage.toLowerCase(Locale.ROOT);
        if (m.contains("bad_alloc") || m.contains("failed to allocate") || m.contains("out of memory")
                || m.contains("cudaerrormemoryallocation")) {
            return Kind.OUT_OF_MEMORY;
        }
        if (m.contains("invalid_protobuf") || m.contains("protobuf parsing failed") || m.contains("no graph was found")
                || m.contains("model_path must not be empty") || m.contains("invalid_graph")
                || m.contains("missing opset in the model")) {
            return Kind.NOT_ONNX;
        }
        if (m.contains("missing input") || m.contains("invalid input name") || m.contains("invalid_argument")) {
            return Kind.MISSING_INPUT_BINDING;
        }
        return Kind.INFERENCE_FAILED;
    }
}
