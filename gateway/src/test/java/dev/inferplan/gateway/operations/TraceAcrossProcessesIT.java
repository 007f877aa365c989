package dev.inferplan.gateway.operations;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.inferplan.platform.testing.OtlpReceiver;
import dev.inferplan.platform.testing.OtlpReceiver.ReceivedSpan;
import dev.inferplan.platform.testing.ServiceProcess;
import dev.inferplan.platform.testing.TestTokens;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One trace across real service processes (issue 17): the gateway, catalog, pricing and the
 * recommender run as their own processes exporting OTLP to a receiver in the test; a recommendation
 * asked through the gateway is one trace: the gateway's span, under it the recommender's REST span,
 * under that a gRPC CLIENT span per upstream (the snapshot's loads), and under each the upstream's
 * gRPC SERVER span.
 */
class TraceAcrossProcessesIT {

    private static final Duration EXPORT = Duration.ofSeconds(60);
    private static OtlpReceiver receiver;
    private static final List<ServiceProcess> processes = new java.util.ArrayList<>();
    private static ServiceProcess recommender;
    private static ServiceProcess catalog;
    private static ServiceProcess gateway;

    @BeforeAll
    static void start() {
        receiver = OtlpReceiver.start();
        catalog = ServiceProcess.start("catalog-service", with(receiver.exporterConfig(),
                "DB_URL", "jdbc:h2:mem:catalog;MODE=MariaDB;DATABASE_TO_LOWER=TRUE", "catalog.artifacts.file-roots", "/models"));
        processes.add(catalog);
        ServiceProcess pricing = ServiceProcess.start("pricing-service", with(receiver.exporterConfig(),
                "DB_URL", "jdbc:h2:mem:pricing;MODE=MariaDB;DATABASE_TO_LOWER=TRUE", "pricing.seed.enabled", "false"));
        processes.add(pricing);
        recommender = ServiceProcess.start("recommender-service", with(receiver.exporterConfig(),
                "catalog.grpc.uri", catalog.baseUri().toString(), "pricing.grpc.uri", pricing.baseUri().toString(),
                "DB_URL", "jdbc:h2:mem:recommender;MODE=MariaDB;DATABASE_TO_LOWER=TRUE"));
        processes.add(recommender);
        gateway = ServiceProcess.start("gateway", with(receiver.exporterConfig(),
                "inferplan.services.catalog", catalog.baseUri().toString(),
                "inferplan.services.pricing", pricing.baseUri().toString(),
                "inferplan.services.recommender", recommender.baseUri().toString(),
                "inferplan.services.runner", "http://127.0.0.1:9"));
        processes.add(gateway);
    }

    @AfterAll
    static void stop() {
        processes.forEach(ServiceProcess::close);
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void aRecommendationThroughTheGatewayIsOneTraceThroughRecommenderCatalogAndPricing() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long family = Long.parseLong(field(send(http, catalog.baseUri() + "/api/catalog/families", "team", """
                {"name": "traced-model", "task": "text-embedding", "owner": "ops", "license": "MIT"}""", 201), "id"));
        // a version needs an artifact; its metric is what the request's quality floor reads
        String version = field(send(http, catalog.baseUri() + "/api/catalog/families/" + family + "/versions", "team", """
                {"label": "v1", "artifact": {"uri": "jar:file:/models/m.jar!/m.onnx", "sha256": "%s", "format": "onnx"}}"""
                .formatted("ab".repeat(32)), -1), "id");
        if (version != null) {
            send(http, catalog.baseUri() + "/api/catalog/versions/" + version + "/metrics", "team", """
                    {"name": "mteb_avg", "value": 56.0, "dataset": "MTEB(eng, v1)", "split": "test", "higherIsBetter": true,
                     "provenance": {"kind": "PUBLISHED", "source": "stated for the test"}}""", 201);
        }
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(gateway.baseUri() + "/api/recommendations"))
                .header("Authorization", TestTokens.bearer("team")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"task": "text-embedding", "quality": {"metric": "mteb_avg", "min": 50},
                         "latency": {"percentile": "p95", "maxMs": 100}, "traffic": {"avgQps": 5, "peakQps": 10},
                         "constraints": {"statuses": ["PROPOSED"]}}""")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(answer.statusCode() == 200 || answer.statusCode() == 422, answer.body());

        ReceivedSpan edge = receiver.await("the gateway's span of the request",
                s -> s.service().equals("gateway") && s.kind().equals("SERVER"), EXPORT);
        ReceivedSpan rest = receiver.await("the recommender's REST span in the gateway's trace",
                s -> s.service().equals("recommender-service") && s.kind().equals("SERVER")
                        && s.traceId().equals(edge.traceId()) && !"grpc".equals(s.attribute("rpc.system")), EXPORT);
        assertTrue(isDescendant(rest, edge), "the recommender's span is under the gateway's:" + receiver.describe());
        for (String upstream : List.of("catalog-service", "pricing-service")) {
            ReceivedSpan served = receiver.await(upstream + "'s gRPC span in the request's trace",
                    s -> s.service().equals(upstream) && s.kind().equals("SERVER") && "grpc".equals(s.attribute("rpc.system"))
                            && s.traceId().equals(edge.traceId()), EXPORT);
            ReceivedSpan client = receiver.await("the recommender's gRPC call to " + upstream,
                    s -> s.service().equals("recommender-service") && s.kind().equals("CLIENT") && served.isChildOf(s), EXPORT);
            assertTrue(isDescendant(client, rest), "the gRPC call to " + upstream + " is under the REST span:" + receiver.describe());
            assertEquals(served.name(), client.name());
        }
    }

    private static HttpResponse<String> send(HttpClient http, String uri, String role, String json, int expected) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(uri))
                .header("Authorization", TestTokens.bearer(role)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (expected > 0) {
            assertEquals(expected, answer.statusCode(), answer.body());
        }
        return answer;
    }

    private static String field(HttpResponse<String> answer, String name) {
        if (answer.statusCode() >= 300) {
            return null;
        }
        return String.valueOf(jakarta.json.Json.createReader(new java.io.StringReader(answer.body())).readObject().get(name));
    }

    @Test
    void aSearchAfterAChangeRefreshesTheVersionIndexInTheCallersTrace() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(catalog.baseUri() + "/api/catalog/families"))
                .header("Authorization", TestTokens.bearer("team")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"name": "traced-family", "task": "text-embedding", "owner": "ops", "license": "MIT"}""")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        HttpResponse<String> search = http.send(HttpRequest.newBuilder(URI.create(catalog.baseUri() + "/api/catalog/versions?task=text-embedding"))
                .header("Authorization", TestTokens.bearer("viewer"))
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, search.statusCode(), search.body());

        ReceivedSpan refresh = receiver.await("the index refresh in the search's trace",
                s -> s.service().equals("catalog-service") && s.name().equals("catalog.version-index.refresh")
                        && s.traceId().equals(traceId), EXPORT);
        assertEquals("false", refresh.attribute("full"), "an incremental refresh after the family was added");
        ReceivedSpan rest = receiver.await("the search's REST span", s -> s.service().equals("catalog-service")
                && s.kind().equals("SERVER") && s.traceId().equals(traceId), EXPORT);
        assertEquals("00f067aa0ba902b7", rest.parentSpanId(), "the REST span continues the caller's trace");
        assertTrue(isDescendant(refresh, rest), "the refresh is part of the search:" + receiver.describe());
    }

    /** Whether a span is below another in the same trace (FT may add a span in between). */
    private static boolean isDescendant(ReceivedSpan span, ReceivedSpan ancestor) {
        ReceivedSpan current = span;
        for (int depth = 0; depth < 10 && current != null; depth++) {
            if (current.isChildOf(ancestor)) {
                return true;
            }
            ReceivedSpan child = current;
            current = receiver.spans().stream().filter(parent -> child.isChildOf(parent)).findFirst().orElse(null);
        }
        return false;
    }

    private static Map<String, String> with(Map<String, String> base, String... keyValues) {
        Map<String, String> config = new HashMap<>(base);
        config.putAll(ServiceProcess.config(keyValues));
        return config;
    }
}
