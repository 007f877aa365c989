package dev.inferplan.catalog.versions;

import java.util.ArrayList;
import java.util.List;

import dev.inferplan.platform.problem.Problem.FieldError;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArtifactSpecTest {

    static final String SHA = "0123456789abcdef".repeat(4);

    @Test
    void acceptsFileHttpAndJarEntries() {
        for (String uri : List.of("file:/models/resnet50.onnx", "https://models.example.org/m.onnx",
                "jar:file:/root/.m2/repository/dev/langchain4j/x/1.0/x-1.0.jar!/all-minilm-l6-v2.onnx",
                "jar:https://repo.example.org/x.jar!/dir/model.onnx")) {
            assertEquals(List.of(), errors(new ArtifactSpec(uri, SHA, "onnx", 17, 1024L)), uri);
        }
    }

    @Test
    void refusesOtherSchemesJarsWithoutEntryAndNestedJars() {
        for (String uri : List.of("ftp://host/m.onnx", "s3://bucket/m.onnx", "jar:file:/m.jar", "jar:file:/m.jar!/",
                "jar:jar:file:/a.jar!/b.jar!/m.onnx", "http:///nohost.onnx", "not a uri", "")) {
            assertEquals(List.of("artifact.uri"), fields(new ArtifactSpec(uri, SHA, "onnx", null, null)), uri);
        }
    }

    @Test
    void namesMalformedShaFormatOpsetAndSize() {
        assertEquals(List.of("artifact.sha256", "artifact.format", "artifact.opset", "artifact.sizeBytes"),
                fields(new ArtifactSpec("file:/m.onnx", "xyz" + SHA.substring(3), "tflite", 0, 0L)));
        assertEquals(List.of("artifact.sha256"), fields(new ArtifactSpec("file:/m.onnx", SHA + "0", "onnx", null, null)));
    }

    @Test
    void normalizesCaseOfHashAndFormat() {
        ArtifactSpec normalized = new ArtifactSpec(" file:/m.onnx ", SHA.toUpperCase(), "ONNX", null, null).normalized();
        assertEquals("file:/m.onnx", normalized.uri());
        assertEquals(SHA, normalized.sha256());
        assertEquals("onnx", normalized.format());
        assertTrue(ModelVersions.LABEL.matcher("2.0.0-rc.1+build.5").matches());
        assertTrue(ModelVersions.LABEL.matcher("fcmae_ft_in22k_in1k_384").matches());
    }

    private static List<FieldError> errors(ArtifactSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        spec.validate("artifact", errors);
        return errors;
    }

    private static List<String> fields(ArtifactSpec spec) {
        return errors(spec).stream().map(FieldError::field).toList();
    }
}
