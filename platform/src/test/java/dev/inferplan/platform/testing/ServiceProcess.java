package dev.inferplan.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Another service of the suite started as a real process from its packaged jar
 * ({@code <module>/target/<module>.jar}), for tests that cross a process boundary (REST or gRPC
 * between two running services). The reactor packages the launched services first.
 */
public final class ServiceProcess implements AutoCloseable {

    private final String module;
    private final Process process;
    private final int port;
    private final Path log;
    private final Map<String, String> config;
    private final List<String> jvmOptions;

    private ServiceProcess(String module, Map<String, String> config, List<String> jvmOptions, Process process, int port,
                           Path log) {
        this.config = Map.copyOf(config);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.module = module;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the module's jar on a free port with the test keys and extra config, and waits until ready. */
    public static ServiceProcess start(String module, Map<String, String> config) {
        return start(module, config, List.of());
    }

    /** As {@link #start(String, Map)}, with JVM options after the defaults (a later {@code -Xmx} wins). */
    public static ServiceProcess start(String module, Map<String, String> config, List<String> jvmOptions) {
        // The free port is found before the process binds it: another process may take it in between
        // (seen with several builds on one machine). Such a start is tried again on another port.
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(module, config, jvmOptions, freePort());
            } catch (PortTaken e) {
                if (attempt == 3) {
                    throw new IllegalStateException(module + ": its port was taken three times", e);
                }
            }
        }
    }

    private static final class PortTaken extends RuntimeException {
        PortTaken(String message) {
            super(message);
        }
    }

    /**
     * Starts the same module with the same config and JVM options on the same port again (after
     * {@link #kill()} or {@link #close()}), as a restarted service its callers reach at the address they know.
     */
    public ServiceProcess restart() {
        return startOnce(module, config, jvmOptions, port);
    }

    private static ServiceProcess startOnce(String module, Map<String, String> config, List<String> jvmOptions, int port) {
        Path root = Path.of(System.getProperty("inferplan.repo.root", "..")).toAbsolutePath().normalize();
        Path jar = root.resolve(module).resolve("target").resolve(module + ".jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the module first (./mvnw package -pl " + module + ")");
        }
        TestKeys.install();
        Path workDir = Path.of("target", "processes", module + "-" + port).toAbsolutePath();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.addAll(jvmOptions);
        command.add("-Dserver.port=" + port);
        command.add("-Dmp.jwt.verify.publickey.location=" + System.getProperty("mp.jwt.verify.publickey.location"));
        command.add("-Dmp.jwt.verify.issuer=" + System.getProperty("mp.jwt.verify.issuer"));
        command.add("-DObjectStoreEnvironmentBean.objectStoreDir=" + workDir.resolve("narayana"));
        command.add("-Dcom.arjuna.ats.arjuna.objectstore.objectStoreDir=" + workDir.resolve("narayana"));
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        try {
            Files.createDirectories(workDir);
            Path log = workDir.resolve("service.log");
            Process process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            ServiceProcess service = new ServiceProcess(module, config, jvmOptions, process, port, log);
            // a loaded machine (several builds at once on 2 cores) has taken over a minute to start one service
            service.awaitReady(Duration.ofSeconds(Long.getLong("inferplan.process.ready-seconds", 180)));
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + module, e);
        }
    }

    public URI baseUri() {
        return URI.create("http://localhost:" + port);
    }

    /** The process's standard output and error. */
    public Path log() {
        return log;
    }

    public int port() {
        return port;
    }

    /**
     * One request to this service over HTTP/1.1 with a bearer token ({@code body} and {@code contentType} null:
     * none), answered within {@code timeout}.
     */
    public HttpResponse<String> send(String method, String path, String contentType, String body, String token,
                                     Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUri() + path))
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                String tail = tail();
                if (tail.contains("BindException") || tail.contains("Address already in use")) {
                    throw new PortTaken(module + " could not bind port " + port);
                }
                throw new IllegalStateException(module + " exited with " + process.exitValue() + "; log: " + tail);
            }
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(baseUri().resolve("/health/ready")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + module, e);
            }
            sleep();
        }
        close();
        throw new IllegalStateException(module + " was not ready within " + timeout + "; log: " + tail());
    }

    /** Kills the process the hard way, as a crash would (used to test lease expiry). */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static Map<String, String> config(String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("key/value pairs expected");
        }
        Map<String, String> config = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put(keyValues[i], keyValues[i + 1]);
        }
        return config;
    }
}
