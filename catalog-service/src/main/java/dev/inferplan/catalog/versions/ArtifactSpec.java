package dev.inferplan.catalog.versions;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import dev.inferplan.contracts.artifacts.ArtifactUriPolicy;
import dev.inferplan.platform.problem.Problem.FieldError;

/**
 * A model artifact as registered: where it is ({@code file:}, {@code https:}, or a {@code jar:file:}
 * entry such as a model file inside a Maven artifact, as the artifact rules allow), its sha256, its
 * format, and optionally its opset and size (the runner reports the IO signature later).
 * <p>
 * Format {@code hosted}: the model is a hosted endpoint (a model API) we do not hold: {@code uri} is the
 * endpoint ({@code https:}), no sha256, opset or size (there are no bytes to check, and no runner can
 * benchmark it), and {@code servedModel} names the model as per-unit price offers name it (pricing's
 * {@code served_model}), which is how the recommender prices it. Its evidence is PUBLISHED, with citations.
 */
public record ArtifactSpec(String uri, String sha256, String format, Integer opset, Long sizeBytes,
                           String servedModel) {

    static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    static final String HOSTED = "hosted";
    static final Set<String> FORMATS = Set.of("onnx", HOSTED);
    /** model_version.artifact_served_model is VARCHAR(128), as pricing's served_model. */
    static final int MAX_SERVED_MODEL = 128;
    static final int MAX_OPSET = 99;
    /** model_version.artifact_uri is VARCHAR(1000). */
    static final int MAX_URI_LENGTH = 1000;

    /** Adds an error per field at fault, named {@code <prefix>.<field>}; the URI and size by the artifact rules. */
    public void validate(String prefix, List<FieldError> errors, ArtifactUriPolicy rules) {
        if (format != null && HOSTED.equals(format.strip().toLowerCase(Locale.ROOT))) {
            validateHosted(prefix, errors);
            return;
        }
        if (servedModel != null) {
            errors.add(FieldError.field(prefix + ".servedModel", "only a hosted artifact (format hosted) serves a model"));
        }
        if (uri != null && uri.strip().length() > MAX_URI_LENGTH) {
            errors.add(FieldError.field(prefix + ".uri", "at most " + MAX_URI_LENGTH + " characters"));
        } else {
            rules.problem(uri).ifPresent(rule -> errors.add(FieldError.field(prefix + ".uri", rule)));
        }
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            errors.add(FieldError.field(prefix + ".sha256", "64 hexadecimal digits (the SHA-256 of the artifact's bytes)"));
        }
        if (format == null || !FORMATS.contains(format.toLowerCase(Locale.ROOT))) {
            errors.add(FieldError.field(prefix + ".format", "one of " + FORMATS));
        }
        if (opset != null && (opset < 1 || opset > MAX_OPSET)) {
            errors.add(FieldError.field(prefix + ".opset", "an ONNX opset between 1 and " + MAX_OPSET));
        }
        if (sizeBytes != null && sizeBytes < 1) {
            errors.add(FieldError.field(prefix + ".sizeBytes", "a positive number of bytes"));
        } else {
            try {
                rules.checkDeclaredSize(sizeBytes);
            } catch (ArtifactUriPolicy.Refused e) {
                errors.add(FieldError.field(prefix + ".sizeBytes", e.getMessage()));
            }
        }
    }

    private void validateHosted(String prefix, List<FieldError> errors) {
        if (uri == null || uri.strip().length() > MAX_URI_LENGTH || !uri.strip().startsWith("https://")) {
            errors.add(FieldError.field(prefix + ".uri", "a hosted artifact is its endpoint: an https: URI of at most "
                    + MAX_URI_LENGTH + " characters"));
        }
        if (sha256 != null) {
            errors.add(FieldError.field(prefix + ".sha256", "a hosted endpoint has no bytes to hash: leave it out"));
        }
        if (opset != null || sizeBytes != null) {
            errors.add(FieldError.field(prefix + (opset != null ? ".opset" : ".sizeBytes"),
                    "a hosted endpoint has no ONNX file: leave it out"));
        }
        if (servedModel == null || servedModel.isBlank() || servedModel.strip().length() > MAX_SERVED_MODEL) {
            errors.add(FieldError.field(prefix + ".servedModel", "the model the endpoint serves, as per-unit price"
                    + " offers name it (1.." + MAX_SERVED_MODEL + " characters)"));
        }
    }

    /** Whether the model is a hosted endpoint rather than a file we hold. */
    public boolean hosted() {
        return format != null && HOSTED.equals(format.strip().toLowerCase(Locale.ROOT));
    }

    public ArtifactSpec normalized() {
        if (hosted()) {
            return new ArtifactSpec(uri.strip(), null, HOSTED, null, null, servedModel.strip());
        }
        return new ArtifactSpec(uri.strip(), sha256.toLowerCase(Locale.ROOT), format.toLowerCase(Locale.ROOT), opset,
                sizeBytes, null);
    }
}
