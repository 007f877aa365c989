package dev.inferplan.runner.models;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;

/**
 * The model's ONNX opset, read from the file itself: ONNX Runtime's Java API does not expose it.
 * onnx.proto: {@code ModelProto.opset_import = 8}, each an {@code OperatorSetIdProto {domain = 1;
 * version = 2}}; the opset is the version of the default domain ({@code ""} or {@code "ai.onnx"}),
 * custom domains ({@code com.microsoft}) have versions of their own. Every other field, the graph
 * with its weights among them, is skipped unread, so a large model costs a few reads and seeks.
 */
public final class ModelOpset {

    // tags: field number << 3 | wire type
    private static final int OPSET_IMPORT = 8 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED;
    private static final int DOMAIN = 1 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED;
    private static final int VERSION = 2 << 3 | WireFormat.WIRETYPE_VARINT;

    private ModelOpset() {
    }

    /**
     * Empty when the model imports no default-domain opset, or the file is not a readable
     * {@code ModelProto}: ONNX Runtime judges the file, this only reports what it can.
     */
    public static OptionalInt read(Path model) {
        try (InputStream file = Files.newInputStream(model)) {
            CodedInputStream in = CodedInputStream.newInstance(file);
            // protobuf-java 3.x's default, set all the same: the limit counts skipped bytes, and a lower one
            // (2.x had 64 MiB) fails nothing, the read just ends before opset_import, which follows the graph
            in.setSizeLimit(Integer.MAX_VALUE);
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                if (tag == OPSET_IMPORT) {
                    OptionalInt version = defaultDomainVersion(in);
                    if (version.isPresent()) {
                        return version;
                    }
                } else {
                    in.skipField(tag);
                }
            }
            return OptionalInt.empty();
        } catch (IOException e) {
            return OptionalInt.empty();
        }
    }

    /** One {@code OperatorSetIdProto}: its version when its domain is the default one. */
    private static OptionalInt defaultDomainVersion(CodedInputStream in) throws IOException {
        int outer = in.pushLimit(in.readRawVarint32());
        String domain = "";
        long version = 0;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case DOMAIN -> domain = in.readString();
                case VERSION -> version = in.readInt64();
                default -> in.skipField(tag);
            }
        }
        in.popLimit(outer);
        boolean defaultDomain = domain.isEmpty() || domain.equals("ai.onnx");
        return defaultDomain && version > 0 && version <= Integer.MAX_VALUE ? OptionalInt.of((int) version) : OptionalInt.empty();
    }
}
