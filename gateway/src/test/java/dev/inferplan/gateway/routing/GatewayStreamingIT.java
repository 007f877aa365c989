package dev.inferplan.gateway.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import dev.inferplan.platform.testing.ServiceProcess;
import dev.inferplan.platform.testing.TestTokens;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 200 MB through the gateway each way, the gateway running with a 64 MB heap (issue 16: bodies are
 * streamed, never held). The other end is a byte counter served by the test at the pricing service's
 * address: what is under test is the gateway's memory, and the pricing service cannot parse a 200 MB
 * list on this machine within a test's time. The counter answers the byte count and SHA-256 of what
 * arrived, and sends back a deterministic stream of the size asked for.
 */
class GatewayStreamingIT {

    private static final long SIZE = 200L * 1024 * 1024;
    private static final String HEAP = "-Xmx64m";

    private static HttpServer counter;
    private static ServiceProcess gateway;
    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws IOException {
        counter = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        counter.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        counter.createContext("/api/pricing/imports", GatewayStreamingIT::count);
        counter.createContext("/api/pricing/download", GatewayStreamingIT::download);
        counter.start();
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        gateway = ServiceProcess.start("gateway", ServiceProcess.config(
                "inferplan.services.pricing", "http://127.0.0.1:" + counter.getAddress().getPort(),
                "inferplan.services.catalog", "http://127.0.0.1:" + closedPort,
                "inferplan.services.recommender", "http://127.0.0.1:" + closedPort,
                "inferplan.services.runner", "http://127.0.0.1:" + closedPort), List.of(HEAP));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (counter != null) {
            counter.stop(0);
        }
    }

    @Test
    void a200MegabyteUploadStreamsThroughASmallHeap() throws Exception {
        MessageDigest sent = sha256();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(gateway.baseUri() + "/api/pricing/imports?format=suite-csv&provider=big"))
                .header("Authorization", TestTokens.bearer("admin")).header("Content-Type", "text/csv")
                .timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> new DigestInputStream(pattern(SIZE), sent)), SIZE))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(SIZE + " " + HexFormat.of().formatHex(sent.digest()), response.body());
        assertGatewayAlive();
    }

    @Test
    void a200MegabyteDownloadStreamsThroughASmallHeap() throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(
                        URI.create(gateway.baseUri() + "/api/pricing/download?bytes=" + SIZE))
                .header("Authorization", TestTokens.bearer("viewer")).timeout(Duration.ofMinutes(5)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        MessageDigest received = sha256();
        long bytes;
        try (InputStream body = new DigestInputStream(response.body(), received)) {
            bytes = body.transferTo(OutputStream.nullOutputStream());
        }
        assertEquals(SIZE, bytes);
        MessageDigest expected = sha256();
        try (InputStream reference = new DigestInputStream(pattern(SIZE), expected)) {
            reference.transferTo(OutputStream.nullOutputStream());
        }
        assertEquals(HexFormat.of().formatHex(expected.digest()), HexFormat.of().formatHex(received.digest()));
        assertGatewayAlive();
    }

    @Test
    void aServiceThatRefusesConnectionsIsA502NamingIt() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gateway.baseUri() + "/api/catalog/families"))
                .header("Authorization", TestTokens.bearer("viewer")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(502, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(response.body().contains("catalog-service did not accept a connection"), response.body());
    }

    private static void assertGatewayAlive() throws Exception {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(gateway.baseUri() + "/health/live")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), "the gateway survived with " + HEAP + ": " + health.body());
    }

    private static void count(HttpExchange exchange) throws IOException {
        MessageDigest digest = sha256();
        long bytes;
        try (InputStream body = new DigestInputStream(exchange.getRequestBody(), digest)) {
            bytes = body.transferTo(OutputStream.nullOutputStream());
        }
        byte[] answer = (bytes + " " + HexFormat.of().formatHex(digest.digest())).getBytes();
        exchange.sendResponseHeaders(200, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    private static void download(HttpExchange exchange) throws IOException {
        long bytes = Long.parseLong(exchange.getRequestURI().getQuery().replace("bytes=", ""));
        exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, bytes);
        try (InputStream in = pattern(bytes); OutputStream out = exchange.getResponseBody()) {
            in.transferTo(out);
        }
    }

    /** {@code size} bytes of a repeating non-trivial pattern, generated as read. */
    private static InputStream pattern(long size) {
        return new InputStream() {
            private long position;

            @Override
            public int read() {
                return position < size ? (int) ((position * 31 + (position++ >>> 12)) & 0xff) : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (position >= size) {
                    return -1;
                }
                int n = (int) Math.min(length, size - position);
                for (int i = 0; i < n; i++) {
                    buffer[offset + i] = (byte) ((position * 31 + (position++ >>> 12)) & 0xff);
                }
                return n;
            }
        };
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
