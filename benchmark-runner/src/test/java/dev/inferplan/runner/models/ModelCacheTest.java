package dev.inferplan.runner.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.inferplan.runner.BenchmarkFailure;
import dev.inferplan.runner.TestModels;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCacheTest {

    @TempDir
    Path cacheDir;

    @Test
    void aJarEntryIsVerifiedAndCachedUnderItsHash() throws Exception {
        CachedModel model = new ModelCache(cacheDir).fetch(TestModels.int8(), TestModels.INT8_SHA256);
        assertEquals(TestModels.INT8_SHA256, model.sha256());
        assertEquals(cacheDir.resolve(TestModels.INT8_SHA256 + ".onnx"), model.path());
        assertEquals(22_972_370, model.sizeBytes());
        assertEquals(22_972_370, Files.size(model.path()));
    }

    @Test
    void aCachedModelIsReusedWithoutReadingTheSourceAgain() throws Exception {
        Path source = Files.copy(Path.of(new ModelCache(cacheDir).fetch(TestModels.int8(), "").path().toString()),
                cacheDir.resolve("copy.onnx"));
        ModelCache cache = new ModelCache(cacheDir.resolve("second"));
        cache.fetch(source.toUri(), TestModels.INT8_SHA256);
        Files.delete(source);
        assertEquals(TestModels.INT8_SHA256, cache.fetch(source.toUri(), TestModels.INT8_SHA256).sha256());
    }

    @Test
    void aShaMismatchIsRefusedAndNothingIsCached() throws Exception {
        String wrong = "0".repeat(64);
        BenchmarkFailure f = assertThrows(BenchmarkFailure.class, () -> new ModelCache(cacheDir).fetch(TestModels.int8(), wrong));
        assertEquals(BenchmarkFailure.Kind.SHA256_MISMATCH, f.kind());
        assertTrue(f.getMessage().contains("has sha256 " + TestModels.INT8_SHA256 + ", the catalog registered " + wrong), f.getMessage());
        try (var files = Files.list(cacheDir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void unreadableSourcesAndSchemesAreClearFailures() {
        ModelCache cache = new ModelCache(cacheDir);
        assertEquals(BenchmarkFailure.Kind.MODEL_UNREADABLE, assertThrows(BenchmarkFailure.class,
                () -> cache.fetch(cacheDir.resolve("missing.onnx").toUri(), "")).kind());
        assertTrue(assertThrows(BenchmarkFailure.class, () -> cache.fetch(URI.create("s3://bucket/m.onnx"), ""))
                .getMessage().contains("unsupported scheme 's3'"));
        assertEquals(BenchmarkFailure.Kind.SHA256_MISMATCH, assertThrows(BenchmarkFailure.class,
                () -> cache.fetch(TestModels.int8(), "abc")).kind());
    }
}
