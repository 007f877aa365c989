package dev.inferplan.catalog.webhooks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import dev.inferplan.catalog.CatalogClient;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.inferplan.catalog.CatalogClient.fields;
import static dev.inferplan.catalog.CatalogClient.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Webhooks (issue 13 §5) with a real HTTP receiver in the test: an admin subscribes; a version's
 * status change is delivered signed with HMAC-SHA256; a receiver that failed once gets the delivery
 * again; the delivery log shows both attempts; URLs the rules refuse name the field. H2 or MariaDB.
 */
public abstract class WebhooksContract {

    static final String SECRET = "a-long-enough-signing-key";

    @Inject
    WebTarget target;

    @Inject
    WebhookDispatcher dispatcher;

    private HttpServer receiver;
    private String path;
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final List<Map.Entry<Map<String, String>, String>> received = new CopyOnWriteArrayList<>();

    CatalogClient api() {
        return new CatalogClient(target);
    }

    @BeforeEach
    void startReceiver() throws IOException {
        // @HelidonTest keeps one instance for the class: each test starts from nothing, at a path of its own (the
        // port may be one an earlier test's receiver had, and that test's subscriptions still send there).
        received.clear();
        failuresLeft.set(0);
        path = "/" + unique("hook");
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext(path, exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(Map.entry(Map.of("event", exchange.getRequestHeaders().getFirst("X-Inferplan-Event"),
                    "signature", exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER)), body));
            int status = failuresLeft.getAndDecrement() > 0 ? 500 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private String hookUrl() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    @Test
    void aStatusChangeIsDeliveredSignedAndRetriedAfterTheReceiverFailedOnce() {
        dispatcher.runOnce(); // what earlier tests left in the audit log goes to earlier subscribers
        JsonObject hook = api().created("ada", "admin", "/api/catalog/webhooks", """
                {"url": "%s", "events": ["VERSION_STATUS_CHANGED", "review-suggested"], "secret": "%s"}"""
                .formatted(hookUrl(), SECRET));
        assertEquals(List.of("VERSION_STATUS_CHANGED", "REVIEW_SUGGESTED"),
                hook.getJsonArray("events").getValuesAs(jakarta.json.JsonString.class).stream()
                        .map(jakarta.json.JsonString::getString).toList());
        assertTrue(!hook.containsKey("secret"), "the secret is never shown");
        long hookId = hook.getJsonNumber("id").longValue();

        long version = api().version(api().family(unique("gte"), "text-embedding"), "1.0.0");
        api().metric(version, "mteb_avg", "55.1");
        failuresLeft.set(1);
        api().review("tina", "team", version, "SUBMIT", null);

        // Counted at this test's receiver: other tests' subscriptions get their own deliveries.
        dispatcher.runOnce();
        assertEquals(1, received.size(), () -> "the submit's status change, attempted once: " + received);
        dispatcher.runOnce();
        assertEquals(2, received.size(), "retried (back-off 0 in the tests)");
        dispatcher.runOnce();
        assertEquals(2, received.size(), "delivered: nothing left for this receiver");

        String body = received.getLast().getValue();
        assertEquals("VERSION_STATUS_CHANGED", received.getLast().getKey().get("event"));
        assertEquals(WebhookSignature.of(SECRET, body.getBytes(StandardCharsets.UTF_8)),
                received.getLast().getKey().get("signature"));
        assertTrue(received.getLast().getKey().get("signature").startsWith("sha256="));
        JsonObject payload = Json.createReader(new java.io.StringReader(body)).readObject();
        assertEquals(version, payload.getJsonNumber("modelVersionId").longValue());
        assertEquals("PROPOSED", payload.getString("from"));
        assertEquals("IN_REVIEW", payload.getString("to"));
        assertEquals("tina", payload.getString("actor"));

        List<JsonObject> log;
        try (Response response = api().as("ada", "admin", "/api/catalog/webhooks/" + hookId + "/deliveries").get()) {
            assertEquals(200, response.getStatus());
            log = response.readEntity(jakarta.json.JsonArray.class).getValuesAs(JsonObject.class);
        }
        assertEquals(1, log.size());
        assertEquals("DELIVERED", log.getFirst().getString("status"));
        assertEquals(2, log.getFirst().getInt("attempts"));
        assertEquals(List.of(500, 204), log.getFirst().getJsonArray("log").getValuesAs(JsonObject.class).stream()
                .map(a -> a.getInt("statusCode")).toList());
    }

    @Test
    void aReceiverThatNeverAnswersWellFailsAfterTheLastAttempt() {
        dispatcher.runOnce();
        long hookId = api().created("ada", "admin", "/api/catalog/webhooks", """
                {"url": "%s", "events": ["VERSION_STATUS_CHANGED"], "secret": "%s"}""".formatted(hookUrl(), SECRET))
                .getJsonNumber("id").longValue();
        long version = api().version(api().family(unique("gte"), "text-embedding"), "1.0.0");
        failuresLeft.set(100);
        api().review("tina", "team", version, "SUBMIT", null);
        for (int i = 0; i < 4; i++) {
            dispatcher.runOnce();
        }
        assertEquals(3, received.size(), "catalog.webhooks.max-attempts=3 in the tests");
        try (Response response = api().as("ada", "admin", "/api/catalog/webhooks/" + hookId + "/deliveries").get()) {
            JsonObject delivery = response.readEntity(jakarta.json.JsonArray.class).getJsonObject(0);
            assertEquals("FAILED", delivery.getString("status"));
            assertEquals(3, delivery.getInt("attempts"));
        }
    }

    @Test
    void onlyAnAdminSubscribesAndUrlsTheRulesRefuseNameTheField() {
        try (Response team = api().post("tina", "team", "/api/catalog/webhooks", """
                {"url": "https://hooks.example.org/x", "events": ["JOB_STATE_CHANGED"], "secret": "%s"}""".formatted(SECRET))) {
            assertEquals(403, team.getStatus());
        }
        for (String[] bad : new String[][] {{"ftp://hooks.example.org/x", "url"}, {"http://10.1.2.3/hook", "url"},
                {"https://169.254.169.254/latest/meta-data", "url"}, {"not a uri", "url"}}) {
            try (Response refused = api().post("ada", "admin", "/api/catalog/webhooks", """
                    {"url": "%s", "events": ["JOB_STATE_CHANGED"], "secret": "%s"}""".formatted(bad[0], SECRET))) {
                assertEquals(422, refused.getStatus(), bad[0]);
                assertEquals(List.of(bad[1]), fields(refused.readEntity(JsonObject.class)), bad[0]);
            }
        }
        try (Response refused = api().post("ada", "admin", "/api/catalog/webhooks", """
                {"url": "https://hooks.example.org/x", "events": ["JOB_STATE_CHANGED", "EVERYTHING"], "secret": "short"}""")) {
            assertEquals(422, refused.getStatus());
            assertEquals(List.of("events[1]", "secret"), fields(refused.readEntity(JsonObject.class)));
        }
    }
}
