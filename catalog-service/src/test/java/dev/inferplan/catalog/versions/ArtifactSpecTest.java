package dev.inferplan.catalog.versions;

import java.util.ArrayList;
import java.util.List;

import dev.inferplan.contracts.artifacts.ArtifactUriPolicy;
import dev.inferplan.platform.problem.Problem.FieldError;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArtifactSpecTest {

    static final String SHA = "0123456789abcdef".repeat(4);

    static final ArtifactUriPolicy RULES = ArtifactUriPolicy.of("catalog.artifacts", List.of("jar", "file", "https"),
            List.of("/models", "/root/.m2/repository"), List.of("models.example.org"), List.of(), 1L << 30);

    @Test
    void acceptsFilesAndJarEntriesBelowTheRootsAndHttpsToTheListedHosts() {
        for (String uri : List.of("file:/models/resnet50.onnx", "https://models.example.org/m.onnx",
                "jar:file:/root/.m2/repository/dev/langchain4j/x/1.0/x-1.0.jar!/all-minilm-l6-v2.onnx")) {
            assertEquals(List.of(), errors(new ArtifactSpec(uri, SHA, "onnx", 17, 1024L, null)), uri);
        }
    }

    @Test
    void refusesOtherSchemesJarsWithoutEntryNestedJarsAndWhatTheRulesForbid() {
        for (String uri : List.of("ftp://host/m.onnx", "s3://bucket/m.onnx", "jar:file:/models/m.jar",
                "jar:file:/models/m.jar!/", "jar:jar:file:/models/a.jar!/b.jar!/m.onnx", "http:///nohost.onnx",
                "not a uri", "", "jar:https://models.example.org/x.jar!/dir/model.onnx", "file:/etc/shadow",
                "https://127.0.0.1/m.onnx", "http://models.example.org/m.onnx", "file:/models/" + "m".repeat(1000))) {
            assertEquals(List.of("artifact.uri"), fields(new ArtifactSpec(uri, SHA, "onnx", null, null, null)), uri);
        }
    }

    @Test
    void aDeclaredSizeAboveTheMaximumIsRefused() {
        assertEquals(List.of(), fields(new ArtifactSpec("file:/models/m.onnx", SHA, "onnx", null, 1L << 30, null)));
        assertEquals(List.of("artifact.sizeBytes"),
                fields(new ArtifactSpec("file:/models/m.onnx", SHA, "onnx", null, (1L << 30) + 1, null)));
    }

    @Test
    void namesMalformedShaFormatOpsetAndSize() {
        assertEquals(List.of("artifact.sha256", "artifact.format", "artifact.opset", "artifact.sizeBytes"),
                fields(new ArtifactSpec("file:/models/m.onnx", "xyz" + SHA.substring(3), "tflite", 0, 0L, null)));
        assertEquals(List.of("artifact.sha256"),
                fields(new ArtifactSpec("file:/models/m.onnx", SHA + "0", "onnx", null, null, null)));
    }

    @Test
    void normalizesCaseOfHashAndFormat() {
        ArtifactSpec normalized = new ArtifactSpec(" file:/m.onnx ", SHA.toUpperCase(), "ONNX", null, null, null).normalized();
        assertEquals("file:/m.onnx", normalized.uri());
        assertEquals(SHA, normalized.sha256());
        assertEquals("onnx", normalized.format());
        assertTrue(ModelVersions.LABEL.matcher("2.0.0-rc.1+build.5").matches());
        assertTrue(ModelVersions.LABEL.matcher("fcmae_ft_in22k_in1k_384").matches());
    }

    private static List<FieldError> errors(ArtifactSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        spec.validate("artifact", errors, RULES);
        return errors;
    }

    private static List<String> fields(ArtifactSpec spec) {
        return errors(spec).stream().map(FieldError::field).toList();
    }

    @Test
    void aHostedEndpointNeedsItsServedModelAndNoFileFields() {
        assertEquals(List.of(), fields(new ArtifactSpec("https://api.example.com/v1/chat", null, "hosted", null, null,
                "example-hosted-llm")), "any https endpoint: the file rules are not about endpoints");
        assertEquals(List.of("artifact.uri", "artifact.sha256", "artifact.servedModel"),
                fields(new ArtifactSpec("file:/models/m.onnx", SHA, "HOSTED", null, null, " ")));
        assertEquals(List.of("artifact.servedModel"),
                fields(new ArtifactSpec("file:/models/m.onnx", SHA, "onnx", null, null, "x")));
        ArtifactSpec normalized = new ArtifactSpec(" https://api.example.com/v1 ", null, "Hosted", null, null,
                " example-hosted-llm ").normalized();
        assertEquals("hosted", normalized.format());
        assertEquals("example-hosted-llm", normalized.servedModel());
    }
}
