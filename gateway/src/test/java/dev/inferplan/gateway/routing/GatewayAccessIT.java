package dev.inferplan.gateway.routing;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import dev.inferplan.platform.testing.ServiceProcess;
import dev.inferplan.platform.testing.TestTokens;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The gateway as a process in front of the real catalog, pricing and recommender processes (issue 16):
 * every route × every role and every kind of bad token, the request id and trace context reaching the
 * services' logs, rate limits, size limits, security headers, and a slow and a stopped service.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayAccessIT {

    private static final String H2 = ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    private static final int TIMEOUT_MS = 8000;
    private static final int MAX_BODY = 65_536;

    private static final List<ServiceProcess> processes = new ArrayList<>();
    private static ServiceProcess catalog;
    private static ServiceProcess recommender;
    private static ServiceProcess gateway;
    /** The runner's address: accepts connections and never answers. */
    private static ServerSocket silentRunner;
    private static final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startTheSuite() throws IOException {
        catalog = start("catalog-service", ServiceProcess.config("DB_URL", "jdbc:h2:mem:catalog" + H2,
                "catalog.seed.enabled", "false"));
        ServiceProcess pricing = start("pricing-service", ServiceProcess.config("DB_URL", "jdbc:h2:mem:pricing" + H2,
                "pricing.seed.enabled", "false"));
        recommender = start("recommender-service", ServiceProcess.config(
                "catalog.grpc.uri", catalog.baseUri().toString(), "pricing.grpc.uri", pricing.baseUri().toString()));
        silentRunner = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        gateway = start("gateway", ServiceProcess.config(
                "inferplan.services.catalog", catalog.baseUri().toString(),
                "inferplan.services.pricing", pricing.baseUri().toString(),
                "inferplan.services.recommender", recommender.baseUri().toString(),
                "inferplan.services.runner", "http://127.0.0.1:" + silentRunner.getLocalPort(),
                "gateway.proxy.timeout-ms", Integer.toString(TIMEOUT_MS),
                "gateway.max-request-bytes", Integer.toString(MAX_BODY),
                // a caller with no known role: 2 at once, one more every 5 s
                "gateway.rate-limit.default.per-second", "0.2",
                "gateway.rate-limit.default.burst", "2"));
    }

    private static ServiceProcess start(String module, Map<String, String> config) {
        ServiceProcess process = ServiceProcess.start(module, config);
        processes.add(process);
        return process;
    }

    @AfterAll
    static void stopTheSuite() throws IOException {
        processes.forEach(ServiceProcess::close);
        if (silentRunner != null) {
            silentRunner.close();
        }
    }

    /** A route: its call, and the roles the service lets through with the status they get. */
    record Route(String method, String path, String body, List<String> allowed, int allowedStatus) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static final List<String> EVERYONE = List.of("viewer", "team", "reviewer", "admin", "runner");
    private static final List<String> PEOPLE = List.of("viewer", "team", "reviewer", "admin");

    static List<Route> routes() {
        return List.of(
                new Route("GET", "/api/catalog/families", null, EVERYONE, 200),
                new Route("POST", "/api/catalog/families", "{}", List.of("team", "admin"), 422),
                new Route("POST", "/api/catalog/tasks", "{}", List.of("reviewer", "admin"), 422),
                new Route("GET", "/api/catalog/audit", null, PEOPLE, 200),
                new Route("GET", "/api/catalog/versions?task=text-embedding", null, EVERYONE, 200),
                new Route("GET", "/api/benchmarks/pools", null, EVERYONE, 200),
                new Route("GET", "/api/benchmarks/jobs", null, EVERYONE, 200),
                new Route("POST", "/api/benchmarks/jobs", "{}", List.of("team", "admin"), 400),
                new Route("GET", "/api/pricing/offers?limit=5", null, EVERYONE, 200),
                new Route("GET", "/api/pricing/sources", null, PEOPLE, 200),
                new Route("PUT", "/api/pricing/fx-rates/EUR", "{}", List.of("admin"), 422),
                new Route("POST", "/api/pricing/accelerators", "{}", List.of("admin"), 400),
                new Route("GET", "/api/recommendations/upstreams", null, PEOPLE, 200),
                new Route("GET", "/api/gateway/upstreams", null, PEOPLE, 200));
    }

    static Stream<Arguments> everyRouteAndRole() {
        List<Arguments> cases = new ArrayList<>();
        for (Route route : routes()) {
            for (String role : EVERYONE) {
                cases.add(Arguments.of(route, role, route.allowed().contains(role) ? route.allowedStatus() : 403));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} as {1} -> {2}")
    @MethodSource("everyRouteAndRole")
    @Order(1)
    void everyRouteAnswersEachRoleAsItsServiceDecides(Route route, String role, int expected) throws Exception {
        HttpResponse<String> response = call(route, "Bearer " + TestTokens.token(role));
        assertEquals(expected, response.statusCode(), response::body);
        if (expected >= 400) {
            assertProblem(response);
        }
    }

    static Stream<Arguments> everyRouteAndBadToken() {
        Map<String, Supplier<String>> tokens = Map.of(
                "missing", () -> null,
                "expired", () -> "Bearer " + TestTokens.expired("admin"),
                "forged", () -> "Bearer " + TestTokens.forged("admin"),
                "alg=none", () -> "Bearer " + TestTokens.unsigned("admin"),
                "not a JWT", () -> "Bearer not.a.jwt",
                "Basic", () -> "Basic YWRtaW46YWRtaW4=");
        List<Arguments> cases = new ArrayList<>();
        for (Route route : routes()) {
            tokens.forEach((kind, token) -> cases.add(Arguments.of(route, kind, token)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} with a {1} token -> 401")
    @MethodSource("everyRouteAndBadToken")
    @Order(1)
    void everyRouteRefusesACallerWithoutAValidToken(Route route, String kind, Supplier<String> token) throws Exception {
        HttpResponse<String> response = call(route, token.get());
        assertEquals(401, response.statusCode(), response::body);
        assertProblem(response);
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"), kind);
    }

    @Test
    @Order(2)
    void theRequestIdAndTraceContextReachTheServiceAndTheIdComesBack() throws Exception {
        String refused = "it-refused-" + UUID.randomUUID();
        HttpResponse<String> refusal = http.send(HttpRequest.newBuilder(gateway("/api/catalog/families"))
                .header("X-Request-Id", refused).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, refusal.statusCode());
        assertEquals(refused, refusal.headers().firstValue("X-Request-Id").orElseThrow());

        String id = "it-" + UUID.randomUUID();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(gateway("/api/catalog/families"))
                .header("Authorization", TestTokens.bearer("viewer")).header("X-Request-Id", id)
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(List.of(id), response.headers().allValues("X-Request-Id"));
        awaitLogLine(catalog, "x-request-id=" + id + " trace-id=" + traceId + " GET /api/catalog/families -> 200");
        awaitLogLine(gateway, "x-request-id=" + id + " trace-id=" + traceId + " GET /api/catalog/families -> catalog-service 200");
        // the refused call was sent first and never reached the catalog
        assertFalse(Files.readString(catalog.log()).contains(refused), "a call without a token reached the catalog");

        // without an id or a trace, the gateway makes both, and the service logs the same
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(gateway("/api/pricing/offers?limit=1"))
                .header("Authorization", TestTokens.bearer("viewer")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, anonymous.statusCode(), anonymous.body());
        String generated = anonymous.headers().firstValue("X-Request-Id").orElseThrow();
        assertTrue(generated.matches("[0-9a-f-]{36}"), generated);
        awaitLogLine(gateway, "x-request-id=" + generated + " trace-id=");
    }

    /** Java's HttpClient asks for HTTP/2 by upgrade (h2c): a GET so upgraded once hung, waiting for a body. */
    @Test
    @Order(2)
    void aClientThatUpgradesToHttp2IsServed() throws Exception {
        try (HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()) {
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> response = http2.send(HttpRequest.newBuilder(gateway("/api/catalog/families"))
                        .header("Authorization", TestTokens.bearer("viewer")).timeout(Duration.ofSeconds(20)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, response.statusCode(), response.body());
            }
            HttpResponse<String> posted = http2.send(HttpRequest.newBuilder(gateway("/api/catalog/families"))
                    .header("Authorization", TestTokens.bearer("team")).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(422, posted.statusCode(), "the body reached the catalog: " + posted.body());
        }
    }

    @Test
    @Order(2)
    void theGatewaysOwnApiLogsAndReturnsTheRequestIdToo() throws Exception {
        String id = "it-own-" + UUID.randomUUID();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(gateway("/api/gateway/upstreams"))
                .header("Authorization", TestTokens.bearer("viewer")).header("X-Request-Id", id).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(List.of(id), response.headers().allValues("X-Request-Id"));
        awaitLogLine(gateway, "x-request-id=" + id + " trace-id=");
    }

    @Test
    @Order(2)
    void aCallerOverItsRateIsToldWhenToComeBackAndThenPasses() throws Exception {
        String token = "Bearer " + TestTokens.token("it-guest", "guest");
        Route route = routes().get(0);
        // a guest has no role the catalog knows: forwarded (403 from the catalog) while within its rate
        assertEquals(403, call(route, token).statusCode());
        assertEquals(403, call(route, token).statusCode());
        HttpResponse<String> limited = call(route, token);
        assertEquals(429, limited.statusCode(), limited.body());
        assertProblem(limited);
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 5, "Retry-After " + retryAfter);
        // another caller is not held back by this one
        assertEquals(200, call(route, TestTokens.bearer("viewer")).statusCode());

        Thread.sleep(retryAfter * 1000);
        assertEquals(403, call(route, token).statusCode(), "recovered after Retry-After");
    }

    @Test
    @Order(2)
    void aBodyOverTheLimitIsRefusedBeforeItReachesTheService() throws Exception {
        String large = "{\"description\": \"" + "x".repeat(MAX_BODY) + "\"}";
        HttpResponse<String> declared = http.send(HttpRequest.newBuilder(gateway("/api/catalog/families"))
                .header("Authorization", TestTokens.bearer("team")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(large)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, declared.statusCode(), declared.body());
        assertProblem(declared);
        assertTrue(declared.body().contains(Integer.toString(MAX_BODY)), declared.body());

        // chunked, no length declared: counted while it streams
        byte[] bytes = large.getBytes();
        HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(gateway("/api/catalog/families"))
                .header("Authorization", TestTokens.bearer("team")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, chunked.statusCode(), chunked.body());
    }

    @Test
    @Order(2)
    void thePriceListImportHasNoSizeLimitAtTheGateway() throws Exception {
        StringBuilder csv = new StringBuilder("region,instance_type,vcpus,memory_gib,purchase_option,price,currency,unit\n");
        int rows = 0;
        while (csv.length() <= 2 * MAX_BODY) {
            csv.append("dc-1,node-").append(rows++).append(",8,32,ON_DEMAND,1.25,USD,hour\n");
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        gateway("/api/pricing/imports?format=suite-csv&provider=onprem&mode=strict&wait=true"))
                .header("Authorization", TestTokens.bearer("admin")).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        JsonObject report = Json.createReader(new StringReader(response.body())).readObject();
        assertEquals("SUCCEEDED", report.getString("status"), response.body());
        assertEquals(rows, report.getInt("offersCreated"), response.body());
    }

    @Test
    @Order(2)
    void everyAnswerCarriesTheSecurityHeadersAndNoCorsUnlessConfigured() throws Exception {
        for (String path : List.of("/api/catalog/families", "/api/pricing/offers", "/health/live")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(gateway(path))
                    .header("Authorization", TestTokens.bearer("viewer")).header("Origin", "https://elsewhere.example")
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), path + ": " + response.body());
            String csp = response.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertTrue(csp.contains("script-src 'self'") && !csp.matches(".*script-src[^;]*unsafe.*"), csp);
            assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElseThrow());
            assertEquals("no-referrer", response.headers().firstValue("Referrer-Policy").orElseThrow());
            assertTrue(response.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), path);
        }
    }

    @Test
    @Order(3)
    void aServiceThatDoesNotAnswerIsA504NamingItWithinTheTimeout() throws Exception {
        Instant start = Instant.now();
        HttpResponse<String> response = call(new Route("GET", "/api/runner/status", null, List.of(), 0),
                TestTokens.bearer("admin"));
        Duration took = Duration.between(start, Instant.now());
        assertEquals(504, response.statusCode(), response.body());
        assertProblem(response);
        assertTrue(response.body().contains("benchmark-runner"), response.body());
        assertTrue(took.toMillis() >= TIMEOUT_MS - 100 && took.toMillis() < TIMEOUT_MS + 10_000, "took " + took);
    }

    @Test
    @Order(4)
    void aStoppedServiceIsA502NamingIt() throws Exception {
        recommender.close();
        HttpResponse<String> response = call(routes().stream()
                .filter(r -> r.path().startsWith("/api/recommendations")).findFirst().orElseThrow(), TestTokens.bearer("viewer"));
        assertEquals(502, response.statusCode(), response.body());
        assertProblem(response);
        assertTrue(response.body().contains("recommender-service"), response.body());
        // the others still answer
        assertEquals(200, call(routes().get(0), TestTokens.bearer("viewer")).statusCode());
    }

    private static HttpResponse<String> call(Route route, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway(route.path())).timeout(Duration.ofSeconds(60))
                .method(route.method(), route.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(route.body()));
        if (route.body() != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI gateway(String pathAndQuery) {
        return URI.create(gateway.baseUri() + pathAndQuery);
    }

    private static void assertProblem(HttpResponse<String> response) {
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                () -> "problem+json expected: " + response.headers().map() + " " + response.body());
        JsonObject problem = Json.createReader(new StringReader(response.body())).readObject();
        assertEquals(response.statusCode(), problem.getInt("status"), response.body());
        assertNotEquals("", problem.getString("title", ""));
    }

    private static void awaitLogLine(ServiceProcess process, String fragment) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            if (Files.readString(process.log()).contains(fragment)) {
                return;
            }
            Thread.sleep(100);
        }
        fail("no log line with '" + fragment + "' in " + process.log());
    }
}
