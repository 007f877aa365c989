package dev.inferplan.gateway.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.inferplan.platform.testing.DelayingProxy;
import dev.inferplan.platform.testing.ServiceProcess;
import dev.inferplan.platform.testing.TestTokens;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17, fault 5: the gateway's upstream connection dropped mid-answer. A real pricing-service process
 * holds a book of 1,000 offers; a {@link DelayingProxy} between the gateway and pricing cuts the connection
 * after part of the offers' page has passed. The caller must see a failure it can detect (the connection
 * closed before the chunked body's end, never a shortened body that ends like a whole one), or a 502
 * problem naming the service when nothing was sent yet; the gateway stays up, serves the next request
 * whole, and logs and counts the cut. The log lines of a request end with its trace id and request id.
 */
class UpstreamCutIT {

    private static final String H2 = ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    private static final int OFFERS = 1000;
    private static final String PAGE = "/api/pricing/offers?provider=onprem&limit=" + OFFERS;
    /** Past the status line and headers, well inside the page (about 400 KB). */
    private static final long CUT_AFTER_BYTES = 64 * 1024;
    private static final int CUTS = 10;

    private static ServiceProcess pricing;
    private static DelayingProxy proxy;
    private static ServiceProcess gateway;
    private static int wholePageBytes;
    private static final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        pricing = ServiceProcess.start("pricing-service", ServiceProcess.config("DB_URL", "jdbc:h2:mem:pricing" + H2,
                "pricing.seed.enabled", "false"));
        StringBuilder csv = new StringBuilder("region,instance_type,vcpus,memory_gib,purchase_option,price,currency,unit\n");
        for (int i = 0; i < OFFERS; i++) {
            csv.append("dc-1,node-").append(i).append(",8,32,ON_DEMAND,1.25,USD,hour\n");
        }
        HttpResponse<String> imported = http.send(HttpRequest.newBuilder(
                        pricing.baseUri().resolve("/api/pricing/imports?format=suite-csv&provider=onprem&mode=strict&wait=true"))
                .header("Authorization", TestTokens.bearer("admin")).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, imported.statusCode(), imported.body());

        proxy = DelayingProxy.to(pricing.baseUri());
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        gateway = ServiceProcess.start("gateway", ServiceProcess.config(
                "inferplan.services.pricing", proxy.uri().toString(),
                "inferplan.services.catalog", "http://127.0.0.1:" + closedPort,
                "inferplan.services.recommender", "http://127.0.0.1:" + closedPort,
                "inferplan.services.runner", "http://127.0.0.1:" + closedPort));

        HttpResponse<String> direct = http.send(HttpRequest.newBuilder(pricing.baseUri().resolve(PAGE))
                .header("Authorization", TestTokens.bearer("viewer")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(OFFERS, offers(direct.body()), "the page holds every offer");
        wholePageBytes = direct.body().getBytes(StandardCharsets.UTF_8).length;
        assertTrue(wholePageBytes > 2 * CUT_AFTER_BYTES, "the cut falls inside the body: " + wholePageBytes + " bytes");
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (pricing != null) {
            pricing.close();
        }
    }

    @Test
    void anAnswerCutMidBodyFailsTheCallerDetectablyAndTheGatewayServesTheNextWhole() throws Exception {
        List<Outcome> cut = new ArrayList<>();
        proxy.cutAnswersAfter(CUT_AFTER_BYTES);
        try {
            for (int i = 0; i < CUTS; i++) {
                // a new cut per request: each connection counts from its own answer's first byte
                proxy.cutAnswersAfter(CUT_AFTER_BYTES);
                cut.add(fetch("cut-" + i));
            }
        } finally {
            proxy.stopCutting();
        }
        for (Outcome outcome : cut) {
            assertTrue(outcome.failure() != null, "a cut answer must fail, not end like a whole one: " + outcome);
            assertTrue(outcome.bytes() < wholePageBytes, outcome.toString());
            assertTrue(outcome.status() == 0 || outcome.status() == 200, outcome.toString());
        }

        Outcome whole = fetch("after-the-cuts");
        assertEquals(200, whole.status(), whole.toString());
        assertEquals(null, whole.failure(), whole.toString());
        assertEquals(wholePageBytes, whole.bytes());
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(gateway.baseUri().resolve("/health/live")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), health.body());

        String log = Files.readString(gateway.log());
        for (int i = 0; i < CUTS; i++) {
            // the line ends with the request's trace and request id, as every line written in a request does
            String ids = " trace-id=" + traceId("cut-" + i) + " request-id=cut-" + i;
            assertTrue(log.lines().anyMatch(line -> line.contains("-> pricing-service 200 cut: pricing-service failed"
                            + " while answering after ") && line.endsWith(ids)),
                    "the gateway logs the cut of request cut-" + i + " with" + ids);
        }
        // pricing's lines of the request that got through carry the trace the caller started
        String after = " trace-id=" + traceId("after-the-cuts") + " request-id=after-the-cuts";
        assertTrue(Files.readString(pricing.log()).lines().anyMatch(line -> line.endsWith(after)),
                "pricing-service logs the request with" + after);
        assertTrue(counted("cut") >= CUTS, "gateway_upstream_failures_total{failure=cut} counts the cuts");

        long failedWithin = cut.stream().mapToLong(Outcome::millis).max().orElseThrow();
        System.out.printf("[reliability] fault 5: %d requests of a %d-byte page cut after %d bytes: %d failed"
                        + " (%s), 0 complete-looking; slowest failure %d ms; the next request 200 whole (%d bytes)%n",
                CUTS, wholePageBytes, CUT_AFTER_BYTES, cut.stream().filter(o -> o.failure() != null).count(),
                cut.stream().map(o -> (o.status() == 0 ? "no status" : "status " + o.status()) + " + "
                        + o.bytes() + " bytes, " + o.failure()).distinct().toList(), failedWithin, whole.bytes());
    }

    @Test
    void anAnswerCutBeforeItsFirstByteIsA502NamingTheService() throws Exception {
        proxy.cutAnswersAfter(0);
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(gateway.baseUri().resolve(PAGE))
                    .header("Authorization", TestTokens.bearer("viewer")).header("X-Request-Id", "cut-before-answer")
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } finally {
            proxy.stopCutting();
        }
        assertEquals(502, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(response.body().contains("pricing-service failed while answering"), response.body());
        assertEquals("cut-before-answer", response.headers().firstValue("X-Request-Id").orElse(""));

        Outcome whole = fetch("after-the-refusal");
        assertEquals(200, whole.status(), whole.toString());
        assertEquals(wholePageBytes, whole.bytes());
        assertTrue(counted("no-answer") >= 1, "gateway_upstream_failures_total{failure=no-answer} counts it");
    }

    /** What the caller saw: the status (0 if none came), the body's bytes, and the failure, if any. */
    record Outcome(int status, long bytes, String failure, long millis) {
    }

    private static Outcome fetch(String requestId) throws InterruptedException {
        long started = System.nanoTime();
        int status = 0;
        long bytes = 0;
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(gateway.baseUri().resolve(PAGE))
                    .header("Authorization", TestTokens.bearer("viewer")).header("X-Request-Id", requestId)
                    .header("traceparent", "00-" + traceId(requestId) + "-00f067aa0ba902b7-01")
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofInputStream());
            status = response.statusCode();
            try (InputStream body = response.body()) {
                byte[] buffer = new byte[8192];
                for (int read; (read = body.read(buffer)) >= 0; ) {
                    bytes += read;
                }
            }
            return new Outcome(status, bytes, null, (System.nanoTime() - started) / 1_000_000);
        } catch (IOException e) {
            return new Outcome(status, bytes, e.getClass().getSimpleName() + ": " + e.getMessage(),
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** A trace id of the request's own (32 hex digits), so that its log lines can be told apart. */
    private static String traceId(String requestId) {
        return String.format("%032x", new java.math.BigInteger(1, requestId.getBytes(StandardCharsets.UTF_8)))
                .substring(0, 32);
    }

    private static int offers(String page) {
        JsonObject json = Json.createReader(new StringReader(page)).readObject();
        return json.getJsonArray("items").size();
    }

    /** {@code gateway_upstream_failures_total} for pricing-service and this kind of failure, from /metrics. */
    private static double counted(String failure) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(gateway.baseUri().resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Pattern line = Pattern.compile("^gateway_upstream_failures_total\\{([^}]*)}\\s+(\\S+)", Pattern.MULTILINE);
        Matcher matcher = line.matcher(metrics);
        while (matcher.find()) {
            if (matcher.group(1).contains("failure=\"" + failure + "\"")
                    && matcher.group(1).contains("service=\"pricing-service\"")) {
                return Double.parseDouble(matcher.group(2));
            }
        }
        return 0;
    }
}
