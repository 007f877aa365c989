package dev.inferplan.runner.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.OptionalInt;

import dev.inferplan.contracts.artifacts.ArtifactUriPolicy;
import dev.inferplan.runner.OnnxModels;
import dev.inferplan.runner.OnnxModels.Opset;
import dev.inferplan.runner.TestModels;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The opset read from real model files and from models written in the test.
 * The MiniLM values were found apart from this code: a 20-line Python script that walks the
 * files' protobuf varints by hand (python onnx is not installed here) printed, for both files,
 * ir_version 6 and one opset_import entry, {@code domain} absent, {@code version} 11; the fp32
 * file's graph (field 7, 90,387,579 bytes) comes before it.
 */
class ModelOpsetTest {

    @TempDir
    static Path cacheDir;

    @Test
    void theInt8MiniLmIsOpset11() {
        CachedModel model = new ModelCache(cacheDir, ArtifactUriPolicy.unrestricted()).fetch(TestModels.int8(), TestModels.INT8_SHA256);
        assertEquals(OptionalInt.of(11), ModelOpset.read(model.path()));
    }

    @Test
    void theFp32MiniLmIsOpset11ThoughItsOpsetFollowsA90MbGraph() {
        // with a 64 MiB size limit the read would end quietly after the graph: unknown, not 11
        CachedModel model = new ModelCache(cacheDir, ArtifactUriPolicy.unrestricted()).fetch(TestModels.fp32(), TestModels.FP32_SHA256);
        assertEquals(OptionalInt.of(11), ModelOpset.read(model.path()));
    }

    @Test
    void aModelWrittenInTheTestReportsTheOpsetItWrote(@TempDir Path models) {
        assertEquals(OptionalInt.of(13), ModelOpset.read(OnnxModels.gram(models)));
        assertEquals(OptionalInt.of(17), ModelOpset.read(OnnxModels.gram(models, "absent-domain.onnx", new Opset(null, 17))));
        assertEquals(OptionalInt.of(18), ModelOpset.read(OnnxModels.gram(models, "ai-onnx.onnx", new Opset("ai.onnx", 18))));
    }

    @Test
    void aCustomDomainIsPassedOverForTheDefaultOne(@TempDir Path models) {
        assertEquals(OptionalInt.of(14), ModelOpset.read(OnnxModels.gram(models, "custom-first.onnx",
                new Opset("com.microsoft", 1), new Opset("ai.onnx.ml", 3), new Opset("", 14))));
    }

    @Test
    void withoutADefaultDomainTheOpsetIsUnknown(@TempDir Path models) {
        assertEquals(OptionalInt.empty(), ModelOpset.read(OnnxModels.gram(models, "no-opset.onnx")));
        assertEquals(OptionalInt.empty(), ModelOpset.read(OnnxModels.gram(models, "custom-only.onnx",
                new Opset("com.microsoft", 1))));
    }

    @Test
    void aFileThatIsNotAModelIsUnknownNotAnError(@TempDir Path models) {
        CachedModel tokenizer = new ModelCache(cacheDir, ArtifactUriPolicy.unrestricted()).fetch(TestModels.notOnnx(), "");
        assertEquals(OptionalInt.empty(), ModelOpset.read(tokenizer.path()));
        assertEquals(OptionalInt.empty(), ModelOpset.read(models.resolve("missing.onnx")));
    }
}
