package dev.inferplan.runner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.google.protobuf.CodedOutputStream;

/**
 * Small ONNX models written in the test, field by field in ONNX's protobuf format (onnx.proto:
 * ModelProto, GraphProto, NodeProto, ValueInfoProto), for what no shipped model does.
 */
public final class OnnxModels {

    private static final int FLOAT = 1;
    private static final int INT64 = 7;
    private static final int ATTRIBUTE_INT = 2;

    private OnnxModels() {
    }

    /**
     * One {@code opset_import} entry (OperatorSetIdProto); a null domain is left out of the entry,
     * as the MiniLM exports do, which also means the default domain.
     */
    public record Opset(String domain, long version) {
    }

    /**
     * {@code input_ids [batch_size, sequence_length]} (int64, like a text model's) to its Gram matrix
     * {@code [sequence_length, sequence_length]} (float): Cast, Transpose, MatMul. The input grows with
     * the sequence, the output with its square: at 2^20 tokens an 8 MiB input asks for a 4 TiB output,
     * which no allocator grants, so the first run fails for want of memory at once, touching none.
     * Opset 13 of the default domain.
     */
    public static Path gram(Path directory) {
        return gram(directory, "gram.onnx", new Opset("", 13));
    }

    /** The same model as {@code fileName}, importing {@code opsets} in that order (none: no field 8 at all). */
    public static Path gram(Path directory, String fileName, Opset... opsets) {
        try {
            byte[] castToFloat = message(o -> {
                o.writeString(1, "to");
                o.writeInt64(3, FLOAT);
                o.writeEnum(20, ATTRIBUTE_INT);
            });
            byte[] graph = message(o -> {
                o.writeByteArray(1, node("Cast", new String[] {"input_ids"}, "as_float", castToFloat));
                o.writeByteArray(1, node("Transpose", new String[] {"as_float"}, "transposed"));
                o.writeByteArray(1, node("MatMul", new String[] {"transposed", "as_float"}, "gram"));
                o.writeString(2, "gram");
                o.writeByteArray(11, valueInfo("input_ids", INT64, "batch_size", "sequence_length"));
                o.writeByteArray(12, valueInfo("gram", FLOAT, "sequence_length", "sequence_length"));
            });
            byte[] model = message(o -> {
                o.writeInt64(1, 8);
                o.writeString(2, "inferplan-test");
                o.writeByteArray(7, graph);
                for (Opset opset : opsets) {
                    o.writeByteArray(8, message(entry -> {
                        if (opset.domain() != null) {
                            entry.writeString(1, opset.domain());
                        }
                        entry.writeInt64(2, opset.version());
                    }));
                }
            });
            return Files.write(directory.resolve(fileName), model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    private interface Fields {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] message(Fields fields) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        fields.write(out);
        out.flush();
        return bytes.toByteArray();
    }

    private static byte[] node(String op, String[] inputs, String output, byte[]... attributes) throws IOException {
        return message(o -> {
            for (String input : inputs) {
                o.writeString(1, input);
            }
            o.writeString(2, output);
            o.writeString(3, op.toLowerCase(java.util.Locale.ROOT));
            o.writeString(4, op);
            for (byte[] attribute : attributes) {
                o.writeByteArray(5, attribute);
            }
        });
    }

    private static byte[] valueInfo(String name, int elementType, String... symbolicDims) throws IOException {
        byte[] shape = message(o -> {
            for (String dim : symbolicDims) {
                o.writeByteArray(1, message(d -> d.writeString(2, dim)));
            }
        });
        byte[] tensor = message(o -> {
            o.writeInt32(1, elementType);
            o.writeByteArray(2, shape);
        });
        byte[] type = message(o -> o.writeByteArray(1, tensor));
        return message(o -> {
            o.writeString(1, name);
            o.writeByteArray(2, type);
        });
    }
}
