package dev.inferplan.catalog.versions;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import dev.inferplan.platform.problem.Problem.FieldError;

/**
 * A model artifact as registered: where it is ({@code file:}, {@code http(s):}, or a {@code jar:}
 * entry such as a model file inside a Maven artifact), its sha256, its format, and optionally its
 * opset and size (the runner reports the IO signature later).
 */
public record ArtifactSpec(String uri, String sha256, String format, Integer opset, Long sizeBytes) {

    static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    static final Set<String> SCHEMES = Set.of("file", "http", "https", "jar");
    static final Set<String> FORMATS = Set.of("onnx");

    /** Adds an error per field at fault, named {@code <prefix>.<field>}. */
    public void validate(String prefix, List<FieldError> errors) {
        uriProblem(uri).ifPresent(reason -> errors.add(FieldError.field(prefix + ".uri", reason)));
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            errors.add(FieldError.field(prefix + ".sha256", "64 hexadecimal digits (the SHA-256 of the artifact's bytes)"));
        }
        if (format == null || !FORMATS.contains(format.toLowerCase(Locale.ROOT))) {
            errors.add(FieldError.field(prefix + ".format", "one of " + FORMATS));
        }
        if (opset != null && (opset < 1 || opset > 99)) {
            errors.add(FieldError.field(prefix + ".opset", "an ONNX opset between 1 and 99"));
        }
        if (sizeBytes != null && sizeBytes < 1) {
            errors.add(FieldError.field(prefix + ".sizeBytes", "a positive number of bytes"));
        }
    }

    public ArtifactSpec normalized() {
        return new ArtifactSpec(uri.strip(), sha256.toLowerCase(Locale.ROOT), format.toLowerCase(Locale.ROOT), opset,
                sizeBytes);
    }

    static java.util.Optional<String> uriProblem(String value) {
        String allowed = "a file:, http(s): or jar:<file-or-http-uri>!/<entry> URI of at most 1000 characters";
        if (value == null || value.isBlank() || value.length() > 1000) {
            return java.util.Optional.of(allowed);
        }
        try {
            URI uri = new URI(value.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!SCHEMES.contains(scheme)) {
                return java.util.Optional.of(allowed);
            }
            if (scheme.equals("jar")) {
                String inner = uri.getRawSchemeSpecificPart();
                int separator = inner.indexOf("!/");
                if (separator < 0 || separator + 2 == inner.length()) {
                    return java.util.Optional.of("a jar: URI names the entry after '!/': jar:file:/m.jar!/model.onnx");
                }
                String jar = inner.substring(0, separator);
                if (jar.regionMatches(true, 0, "jar:", 0, 4) || uriProblem(jar).isPresent()) {
                    return java.util.Optional.of("the jar itself must be at a file: or http(s): URI");
                }
                return java.util.Optional.empty();
            }
            if (!scheme.equals("file") && (uri.getHost() == null || uri.getHost().isBlank())) {
                return java.util.Optional.of("an http(s) URI needs a host");
            }
            return java.util.Optional.empty();
        } catch (URISyntaxException e) {
            return java.util.Optional.of(allowed + " (" + e.getReason() + ")");
        }
    }
}
