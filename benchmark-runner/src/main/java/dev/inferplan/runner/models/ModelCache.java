package dev.inferplan.runner.models;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
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
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import dev.inferplan.contracts.artifacts.ArtifactUriPolicy;
import dev.inferplan.contracts.artifacts.ArtifactUriPolicy.FileLocation;
import dev.inferplan.contracts.artifacts.ArtifactUriPolicy.JarEntryLocation;
import dev.inferplan.contracts.artifacts.ArtifactUriPolicy.Location;
import dev.inferplan.contracts.artifacts.ArtifactUriPolicy.Refused;
import dev.inferplan.contracts.artifacts.ArtifactUriPolicy.RemoteLocation;
import dev.inferplan.runner.BenchmarkFailure;
import dev.inferplan.runner.BenchmarkFailure.Kind;

/**
 * Brings a model artifact ({@code file:}, {@code https:}, {@code jar:file:…!/entry}) into a local
 * cache named by its sha256, under the artifact rules (docs/security.md, "Model artifacts"): the URI
 * is checked before anything is read; a file or jar is read only if its real path (symlinks resolved)
 * is below a model root; a host is contacted only if every address it resolves to is allowed, and a
 * redirect is followed only to a URI the rules allow, checked the same way; at most the declared size
 * (when known) and never more than the maximum is copied. The digest is computed while copying and
 * compared with the one the catalog registered before the file is used; a cached file is reused only
 * under the hash that was verified when it was written.
 *
 * <p>A failure's reason (stored on the job, readable by every role) names the rule that was broken,
 * never what the target holds, its digest or a server's answer; those go to the runner's log.
 */
public final class ModelCache {

    private static final Logger LOG = Logger.getLogger(ModelCache.class.getName());
    private static final Duration HTTP_TIMEOUT = Duration.ofMinutes(5);
    static final int MAX_REDIRECTS = 5;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final Path directory;
    private final ArtifactUriPolicy rules;
    private final HttpClient http;

    /** {@code rules}: the runner's {@code runner.artifacts.*}, or {@link ArtifactUriPolicy#unrestricted()} for the CLI. */
    public ModelCache(Path directory, ArtifactUriPolicy rules) {
        this.directory = directory;
        this.rules = rules;
        // redirects are followed by hand, each one checked against the rules
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(20))
                .build();
    }

    public Path directory() {
        return directory;
    }

    /** {@link #fetch(URI, String, long)} without a declared size. */
    public CachedModel fetch(URI uri, String expectedSha256) {
        return fetch(uri, expectedSha256, 0);
    }

    /**
     * The verified local copy of {@code uri}. {@code expectedSha256} may be empty (a user's CLI run
     * of a local file): then the digest is computed and recorded, not checked. {@code declaredSizeBytes}
     * (0: unknown) caps what is read.
     */
    public CachedModel fetch(URI uri, String expectedSha256, long declaredSizeBytes) {
        String expected = expectedSha256 == null ? "" : expectedSha256.trim().toLowerCase(Locale.ROOT);
        if (!expected.isEmpty() && !expected.matches("[0-9a-f]{64}")) {
            throw new BenchmarkFailure(Kind.SHA256_MISMATCH, "the expected sha256 '" + expectedSha256 + "' is not 64 hex digits");
        }
        Location location = checked(uri);
        if (!expected.isEmpty()) {
            Path cached = directory.resolve(expected + ".onnx");
            if (Files.isRegularFile(cached)) {
                return new CachedModel(uri, cached, expected, size(cached));
            }
        }
        long limit = rules.readLimit(declaredSizeBytes);
        try {
            Files.createDirectories(directory);
            Path partial = Files.createTempFile(directory, "download-", ".part");
            try {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                try (InputStream in = open(uri, location, limit, declaredSizeBytes);
                     OutputStream out = new DigestOutputStream(Files.newOutputStream(partial), digest)) {
                    copy(in, out, limit, declaredSizeBytes);
                }
                String actual = HexFormat.of().formatHex(digest.digest());
                if (!expected.isEmpty() && !expected.equals(actual)) {
                    LOG.warning(() -> "artifact " + uri + " has sha256 " + actual + ", the catalog registered " + expected);
                    throw new BenchmarkFailure(Kind.SHA256_MISMATCH,
                            "the artifact's bytes do not match the sha256 the catalog registered, " + expected);
                }
                Path target = directory.resolve(actual + ".onnx");
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return new CachedModel(uri, target, actual, size(target));
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot read the artifact " + uri, e);
            throw new BenchmarkFailure(Kind.MODEL_UNREADABLE, "the artifact could not be read (the runner's log says why)", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailure(Kind.CANCELLED, "interrupted while downloading " + uri, e);
        }
    }

    private Location checked(URI uri) {
        try {
            return rules.check(uri);
        } catch (Refused e) {
            throw refused(e.getMessage());
        }
    }

    private InputStream open(URI uri, Location location, long limit, long declared)
            throws IOException, InterruptedException {
        return switch (location) {
            case FileLocation file -> {
                Path real = realBelowTheRoots(file.file());
                if (Files.size(real) > limit) {
                    throw tooLarge(limit, declared);
                }
                yield Files.newInputStream(real);
            }
            case JarEntryLocation jar -> entry(realBelowTheRoots(jar.jar()), jar.entry(), limit, declared);
            case RemoteLocation remote -> download(uri, remote, limit, declared);
        };
    }

    /**
     * The file's real path (every symlink resolved), if it is a regular file below the real path of a
     * model root: a link placed below a root cannot lead out of it.
     */
    private Path realBelowTheRoots(Path file) throws IOException {
        Path real = file.toRealPath();
        if (ArtifactUriPolicy.NEVER.stream().anyMatch(real::startsWith)
                || rules.fileRoots().stream().map(ModelCache::real).noneMatch(real::startsWith)) {
            LOG.warning(() -> "artifact " + file + " is " + real + ": refused");
            throw refused("a link leads outside the model roots (" + rules.configPrefix() + ".file-roots)");
        }
        if (!Files.isRegularFile(real)) {
            throw refused("an artifact is a regular file");
        }
        return real;
    }

    private static Path real(Path root) {
        try {
            return root.toRealPath();
        } catch (IOException absent) {
            return root;
        }
    }

    private InputStream entry(Path jar, String name, long limit, long declared) throws IOException {
        ZipFile zip = new ZipFile(jar.toFile());
        try {
            ZipEntry entry = zip.getEntry(name);
            if (entry == null || entry.isDirectory()) {
                throw new IOException("no entry '" + name + "' in " + jar);
            }
            if (entry.getSize() > limit) {
                throw tooLarge(limit, declared);
            }
            return new FilterInputStream(zip.getInputStream(entry)) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        zip.close();
                    }
                }
            };
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    /**
     * GETs the artifact, following at most {@link #MAX_REDIRECTS} redirects by hand: each hop's URI
     * must pass the rules, and its host's addresses are resolved and checked before it is contacted.
     */
    private InputStream download(URI uri, RemoteLocation first, long limit, long declared)
            throws IOException, InterruptedException {
        URI current = uri;
        RemoteLocation location = first;
        for (int hop = 0; ; hop++) {
            checkAddresses(location.host());
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(current).timeout(HTTP_TIMEOUT).GET()
                    .build(), HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            if (REDIRECTS.contains(status)) {
                response.body().close();
                Optional<String> to = response.headers().firstValue("Location");
                if (to.isEmpty()) {
                    throw new IOException("HTTP " + status + " without a Location from " + current);
                }
                if (hop == MAX_REDIRECTS) {
                    throw refused("at most " + MAX_REDIRECTS + " redirects are followed");
                }
                location = redirect(current, to.get());
                current = location.uri();
                continue;
            }
            if (status != 200) {
                response.body().close();
                throw new IOException("HTTP " + status + " from " + current);
            }
            OptionalLong length = response.headers().firstValueAsLong("Content-Length");
            if (length.isPresent() && length.getAsLong() > limit) {
                response.body().close();
                throw tooLarge(limit, declared);
            }
            return response.body();
        }
    }

    /** The redirect's target, if the rules allow it as an artifact URI of its own. */
    private RemoteLocation redirect(URI from, String location) {
        URI to;
        try {
            to = from.resolve(location.strip());
        } catch (IllegalArgumentException e) {
            throw refused("a redirect leads to something that is not a URI");
        }
        Location checked;
        try {
            checked = rules.check(to);
        } catch (Refused e) {
            throw refused("a redirect leads where the rules do not allow: " + e.getMessage());
        }
        if (!(checked instanceof RemoteLocation remote)) {
            throw refused("a redirect leads where the rules do not allow: away from http(s):");
        }
        return remote;
    }

    private void checkAddresses(String host) throws IOException {
        List<InetAddress> addresses = Arrays.asList(InetAddress.getAllByName(host));
        try {
            rules.checkAddresses(addresses);
        } catch (Refused e) {
            LOG.warning(() -> "artifact host " + host + " resolves to " + addresses + ": refused");
            throw refused(e.getMessage());
        }
    }

    /** Copies at most {@code limit} bytes; a source with more is refused as soon as it shows one more. */
    private void copy(InputStream in, OutputStream out, long limit, long declared) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long copied = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            copied += n;
            if (copied > limit) {
                throw tooLarge(limit, declared);
            }
            out.write(buffer, 0, n);
        }
    }

    private BenchmarkFailure tooLarge(long limit, long declared) {
        return declared > 0 && declared == limit
                ? refused("the artifact is larger than its declared size, " + declared + " bytes")
                : refused("the artifact is larger than the largest allowed, " + limit + " bytes ("
                        + rules.configPrefix() + ".max-bytes)");
    }

    private static BenchmarkFailure refused(String rule) {
        return new BenchmarkFailure(Kind.ARTIFACT_REFUSED, rule);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new BenchmarkFailure(Kind.MODEL_UNREADABLE, "cannot stat " + file + ": " + e, e);
        }
    }
}
