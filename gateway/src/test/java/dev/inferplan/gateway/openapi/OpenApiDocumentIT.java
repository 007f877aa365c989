package dev.inferplan.gateway.openapi;

import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.inferplan.client.ApiClient;
import dev.inferplan.client.ApiException;
import dev.inferplan.client.api.FamiliesApi;
import dev.inferplan.client.api.OffersApi;
import dev.inferplan.client.api.RecommendationsApi;
import dev.inferplan.client.model.Quality;
import dev.inferplan.client.model.RecommendationRequest;
import dev.inferplan.client.model.RecommenderLatency;
import dev.inferplan.client.model.Traffic;
import dev.inferplan.client.api.UpstreamsApi;
import dev.inferplan.client.model.FamilyView;
import dev.inferplan.client.model.NewFamily;
import dev.inferplan.client.model.Upstream;
import dev.inferplan.platform.testing.ServiceProcess;
import dev.inferplan.platform.testing.TestTokens;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonWriter;
import jakarta.json.stream.JsonGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The document the gateway publishes at {@code /openapi} is the running services' documents merged
 * ({@link OpenApiMerge}), valid for a real OpenAPI parser, and the one committed (which the build
 * generates the client from). After a change to a service's API: run this test with
 * {@code -Dinferplan.openapi.refresh=true} to rewrite {@code src/main/resources/openapi/inferplan.json}.
 */
class OpenApiDocumentIT {

    static final Path COMMITTED = Path.of("src/main/resources/openapi/inferplan.json");
    private static final String H2 = ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    private static final List<ServiceProcess> processes = new ArrayList<>();
    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static ServiceProcess catalog;
    private static ServiceProcess pricing;
    private static ServiceProcess recommender;
    private static ServiceProcess gateway;

    @BeforeAll
    static void start() {
        catalog = start("catalog-service", ServiceProcess.config("DB_URL", "jdbc:h2:mem:catalog" + H2, "catalog.seed.enabled", "false"));
        pricing = start("pricing-service", ServiceProcess.config("DB_URL", "jdbc:h2:mem:pricing" + H2, "pricing.seed.enabled", "false"));
        recommender = start("recommender-service", ServiceProcess.config(
                "catalog.grpc.uri", catalog.baseUri().toString(), "pricing.grpc.uri", pricing.baseUri().toString()));
        gateway = start("gateway", ServiceProcess.config(
                "inferplan.services.catalog", catalog.baseUri().toString(),
                "inferplan.services.pricing", pricing.baseUri().toString(),
                "inferplan.services.recommender", recommender.baseUri().toString(),
                "inferplan.services.runner", "http://127.0.0.1:9"));
    }

    private static ServiceProcess start(String module, Map<String, String> config) {
        ServiceProcess process = ServiceProcess.start(module, config);
        processes.add(process);
        return process;
    }

    @AfterAll
    static void stop() {
        processes.forEach(ServiceProcess::close);
    }

    /** The merge of what the services publish now. */
    static JsonObject mergedFromTheServices() throws Exception {
        JsonObject info = Json.createObjectBuilder()
                .add("title", "inferplan")
                .add("version", "0.1.0")
                .add("description", "The suite's public API through the gateway: catalog and benchmarks, pricing, "
                        + "recommendations, and the gateway's own. Every call needs a bearer token (JWT).")
                .build();
        return OpenApiMerge.merge(info, List.of(
                new OpenApiMerge.Part("catalog-service", document(catalog.baseUri().resolve("/openapi")),
                        List.of("/api/catalog", "/api/benchmarks")),
                new OpenApiMerge.Part("pricing-service", document(pricing.baseUri().resolve("/openapi")), List.of("/api/pricing")),
                new OpenApiMerge.Part("recommender-service", document(recommender.baseUri().resolve("/openapi")),
                        List.of("/api/recommendations")),
                new OpenApiMerge.Part("gateway", document(gateway.baseUri().resolve("/openapi/gateway")), List.of("/api/gateway"))));
    }

    private static JsonObject document(URI uri) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), uri + ": " + response.body());
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    @Test
    void theMergedDocumentIsValidAndIsTheOneCommittedAndServed() throws Exception {
        JsonObject merged = mergedFromTheServices();
        String text = pretty(merged);

        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIParser().readContents(text, null, options);
        assertTrue(parsed.getMessages() == null || parsed.getMessages().isEmpty(), () -> "parser messages: " + parsed.getMessages());
        assertTrue(parsed.getOpenAPI().getPaths().keySet().stream().anyMatch(p -> p.startsWith("/api/catalog/")));
        assertTrue(parsed.getOpenAPI().getPaths().keySet().stream().anyMatch(p -> p.startsWith("/api/pricing/")));
        assertTrue(parsed.getOpenAPI().getPaths().keySet().stream().anyMatch(p -> p.startsWith("/api/benchmarks/")));
        assertTrue(parsed.getOpenAPI().getPaths().keySet().stream().anyMatch(p -> p.startsWith("/api/recommendations")));
        assertTrue(parsed.getOpenAPI().getPaths().keySet().stream().allMatch(p -> p.startsWith("/api/")));

        if (Boolean.getBoolean("inferplan.openapi.refresh")) {
            Files.writeString(COMMITTED, text);
        }
        JsonObject committed = Json.createReader(new StringReader(Files.readString(COMMITTED))).readObject();
        assertEquals(merged, committed, "the services' API changed: refresh " + COMMITTED
                + " with -Dinferplan.openapi.refresh=true (gateway/README.md) and rebuild the client");

        HttpResponse<String> served = http.send(HttpRequest.newBuilder(gateway.baseUri().resolve("/openapi")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, served.statusCode());
        assertEquals(committed, Json.createReader(new StringReader(served.body())).readObject(), "served as committed");
    }

    /**
     * The client the build generates from the committed document drives the services through the gateway
     * with a bearer token. The recommender is driven through its upstream check: this branch's recommender
     * serves no other operation yet (gateway/README.md, "Client").
     */
    @Test
    void theGeneratedClientDrivesTheCatalogPricingAndRecommenderThroughTheGateway() throws Exception {
        FamiliesApi families = new FamiliesApi(client("team"));
        FamilyView registered = families.familyResourceRegister(new NewFamily().name("client-it").task("text-embedding")
                .owner("search-team").license("Apache-2.0").description("Registered through the generated client."));
        assertEquals("client-it", families.familyResourceById(registered.getId()).getName());
        assertEquals("test-team", registered.getCreatedBy(), "the caller's token reached the catalog");

        ApiException refused = assertThrows(ApiException.class, () -> new FamiliesApi(client("viewer")).familyResourceRegister(
                new NewFamily().name("client-it-2").task("text-embedding").owner("o").license("MIT").description("d")));
        assertEquals(403, refused.getCode());
        assertTrue(refused.getResponseBody().contains("\"status\":403"), refused.getResponseBody());

        assertEquals(0L, new OffersApi(client("viewer")).offerResourceList(null, null, null, null, 10, null, null, null, null,
                null, null, null, null, null, null, null).getTotal(), "the test's price book is empty");

        // the recommender through the client: its snapshot of this test's empty catalog knows no version
        // reporting the metric, so the request is refused naming the field (a problem, as the document says)
        ApiException unknownMetric = assertThrows(ApiException.class, () -> new RecommendationsApi(client("team"))
                .recommendationResourceRecommend(new RecommendationRequest().task("text-embedding")
                        .quality(new Quality().metric("mteb_avg").min(50.0))
                        .latency(new RecommenderLatency().percentile("p95").maxMs(100.0))
                        .traffic(new Traffic().avgQps(5.0).peakQps(10.0))));
        assertTrue(unknownMetric.getCode() == 422 || unknownMetric.getCode() == 400, unknownMetric.getResponseBody());
        assertTrue(unknownMetric.getResponseBody().contains("quality.metric"), unknownMetric.getResponseBody());

        List<Upstream> upstreams = new UpstreamsApi(client("viewer")).recommenderUpstreamResourceUpstreams();
        assertEquals(2, upstreams.size(), upstreams::toString);
        assertTrue(upstreams.stream().allMatch(Upstream::getReachable), upstreams::toString);
    }

    private static ApiClient client(String role) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(gateway.baseUri().toString());
        String authorization = TestTokens.bearer(role);
        client.setRequestInterceptor(request -> request.header("Authorization", authorization));
        return client;
    }

    static String pretty(JsonObject document) {
        StringWriter out = new StringWriter();
        try (JsonWriter writer = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out)) {
            writer.writeObject(document);
        }
        return out.toString().strip() + "\n";
    }
}
