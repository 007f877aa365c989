package dev.inferplan.runner.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

import dev.inferplan.runner.BenchmarkFailure;
import dev.inferplan.runner.BenchmarkFailure.Kind;

/**
 * Brings a model artifact ({@code file:}, {@code http(s):}, {@code jar:file:…!/entry}) into a local
 * cache named by its sha256. The digest is computed while copying and compared with the one the
 * catalog registered before the file is used; a cached file is reused only under the hash that
 * was verified when it was written.
 */
public final class ModelCache {

    private static final Duration HTTP_TIMEOUT = Duration.ofMinutes(5);

    private final Path directory;
    private final HttpClient http;

    public ModelCache(Path directory) {
        this.directory = directory;
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20))
                .build();
    }

    public Path directory() {
        return directory;
    }

    /**
     * The verified local copy of {@code uri}. {@code expectedSha256} may be empty (a user's CLI run
     * of a local file): then the digest is computed and recorded, not checked.
     */
    public CachedModel fetch(URI uri, String expectedSha256) {
        String expected = expectedSha256 == null ? "" : expectedSha256.trim().toLowerCase(Locale.ROOT);
        if (!expected.isEmpty() && !expected.matches("[0-9a-f]{64}")) {
            throw new BenchmarkFailure(Kind.SHA256_MISMATCH, "the expected sha256 '" + expectedSha256 + "' is not 64 hex digits");
        }
        if (!expected.isEmpty()) {
            Path cached = directory.resolve(expected + ".onnx");
            if (Files.isRegularFile(cached)) {
                return new CachedModel(uri, cached, expected, size(cached));
            }
        }
        try {
            Files.createDirectories(directory);
            Path partial = Files.createTempFile(directory, "download-", ".part");
            try {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                try (InputStream in = open(uri);
                     OutputStream out = new DigestOutputStream(Files.newOutputStream(partial), digest)) {
                    in.transferTo(out);
                }
                String actual = HexFormat.of().formatHex(digest.digest());
                if (!expected.isEmpty() && !expected.equals(actual)) {
                    throw new BenchmarkFailure(Kind.SHA256_MISMATCH,
                            "artifact " + uri + " has sha256 " + actual + ", the catalog registered " + expected);
                }
                Path target = directory.resolve(actual + ".onnx");
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return new CachedModel(uri, target, actual, size(target));
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new BenchmarkFailure(Kind.MODEL_UNREADABLE, "cannot read the artifact " + uri + ": " + e, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailure(Kind.CANCELLED, "interrupted while downloading " + uri, e);
        }
    }

    private InputStream open(URI uri) throws IOException, InterruptedException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "http", "https" -> {
                HttpResponse<InputStream> response = http.send(
                        HttpRequest.newBuilder(uri).timeout(HTTP_TIMEOUT).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() != 200) {
                    response.body().close();
                    throw new IOException("HTTP " + response.statusCode());
                }
                yield response.body();
            }
            // jar: URLs are opened without caching so a rebuilt jar is never read through a stale handle
            case "file", "jar" -> {
                var connection = uri.toURL().openConnection();
                connection.setUseCaches(false);
                yield connection.getInputStream();
            }
            default -> throw new IOException("unsupported scheme '" + scheme + "' (file:, http:, https:, jar:)");
        };
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new BenchmarkFailure(Kind.MODEL_UNREADABLE, "cannot stat " + file + ": " + e, e);
        }
    }
}
