package dev.inferplan.pricing.reliability;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import dev.inferplan.platform.testing.PrivateMariaDb;
import dev.inferplan.platform.testing.ServiceProcess;
import dev.inferplan.platform.testing.TestTokens;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fault injection (issue 17 §4): MariaDB killed ({@code SIGKILL}) and restarted while a price import
 * writes its offers. The import ends (FAILED, or SUCCEEDED had it finished), never half-applied: the
 * book is the old version with all its offers, or the new one with all of its; the service is ready
 * again once the database is back and the next import succeeds. Figures go to docs/reliability.md.
 */
class DatabaseRestartIT {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private static final int OLD_ROWS = 1_000;
    private static final int NEW_ROWS = 400_000;

    @Test
    void aDatabaseRestartDuringAnImportLeavesTheOldBookOrTheWholeNewOne() throws Exception {
        try (PrivateMariaDb db = PrivateMariaDb.start("pricing-restart")) {
            db.createDatabase("inferplan_pricing");
            Map<String, String> config = ServiceProcess.config(
                    "DB_URL", db.jdbcUrl("inferplan_pricing"), "DB_USER", "root", "DB_PASSWORD", "",
                    "pricing.seed.enabled", "false");
            try (ServiceProcess pricing = ServiceProcess.start("pricing-service", config)) {
                JsonObject first = importBook(pricing.baseUri(), OLD_ROWS, "1.25", true);
                assertEquals("SUCCEEDED", first.getString("status"), first::toString);

                JsonObject started = importBook(pricing.baseUri(), NEW_ROWS, "2.50", false);
                long importId = started.getJsonNumber("id").longValue();
                awaitProgress(pricing.baseUri(), importId);
                Instant restarted = Instant.now();
                db.restart(Duration.ofSeconds(5));

                JsonObject ended = awaitEnd(pricing.baseUri(), importId, Duration.ofSeconds(180));
                long endedAfterMs = Duration.between(restarted, Instant.now()).toMillis();
                System.out.printf("[reliability] pricing import across a MariaDB restart: %s (%s) %d ms after the restart%n",
                        ended.getString("status"), ended.getString("reason", ""), endedAfterMs);

                Instant readyAgain = awaitReady(pricing.baseUri(), Duration.ofSeconds(120));
                System.out.printf("[reliability] pricing ready %d ms after the restart%n",
                        Duration.between(restarted, readyAgain).toMillis());
                int versions = Json.createReader(new StringReader(get(pricing.baseUri(), "/api/pricing/versions?provider=restart",
                        "viewer").body())).readArray().size();
                JsonObject visible = json(get(pricing.baseUri(), "/api/pricing/offers?provider=restart&limit=1", "viewer").body());
                BigDecimal price = new BigDecimal(visible.getJsonArray("items").getJsonObject(0).getString("hourlyUsd"));
                if (ended.getString("status").equals("FAILED")) {
                    assertEquals(1, versions, "the failed import made no version");
                    assertEquals(OLD_ROWS, visible.getJsonNumber("total").longValue(), "the old book is whole: " + visible);
                    assertEquals(0, price.compareTo(new BigDecimal("1.25")), visible::toString);
                } else {
                    assertEquals("SUCCEEDED", ended.getString("status"), ended::toString);
                    assertEquals(2, versions);
                    assertEquals(NEW_ROWS, visible.getJsonNumber("total").longValue(), "the new book is whole: " + visible);
                    assertEquals(0, price.compareTo(new BigDecimal("2.50")), visible::toString);
                }
                JsonObject next = importBook(pricing.baseUri(), OLD_ROWS, "3.00", true);
                assertEquals("SUCCEEDED", next.getString("status"), "the next import works: " + next);
            }
        }
    }

    private static String nodes(int rows, String price) {
        StringBuilder csv = new StringBuilder("region,zone,instance_type,accelerator,accelerator_count,accelerator_memory_gib,"
                + "vcpus,memory_gib,cpu_architecture,purchase_option,price,currency,unit,upfront,term_months\n");
        for (int i = 0; i < rows; i++) {
            csv.append("dc-").append(i % 7).append(",,node-").append(i).append(",,,,16,64,x86_64,NEGOTIATED,")
                    .append(price).append(",USD,hour,,\n");
        }
        return csv.toString();
    }

    private static JsonObject importBook(URI base, int rows, String price, boolean wait) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(base.resolve(
                        "/api/pricing/imports?format=suite-csv&provider=restart&mode=strict" + (wait ? "&wait=true" : "")))
                .header("Authorization", TestTokens.bearer("admin"))
                .header("Content-Type", "text/csv")
                .timeout(Duration.ofSeconds(300))
                .POST(HttpRequest.BodyPublishers.ofString(nodes(rows, price)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(answer.statusCode() == 200 || answer.statusCode() == 202, answer::body);
        return json(answer.body());
    }

    private static void awaitProgress(URI base, long id) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        JsonObject run = run(base, id);
        while (run.getJsonNumber("offersCreated").longValue() == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
            run = run(base, id);
        }
        assertEquals("RUNNING", run.getString("status"), "the restart must come while the import writes: " + run);
    }

    private static JsonObject awaitEnd(URI base, long id, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            HttpResponse<String> answer = get(base, "/api/pricing/imports/" + id, "viewer");
            if (answer.statusCode() == 200) {
                JsonObject run = json(answer.body());
                if (!run.getString("status").equals("RUNNING")) {
                    return run;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("import " + id + " still not ended " + timeout + " after the restart: " + answer.body());
            }
            Thread.sleep(250);
        }
    }

    private static Instant awaitReady(URI base, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(base.resolve("/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (ready.statusCode() == 200) {
                return Instant.now();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("pricing not ready " + timeout + " after the restart");
    }

    private static JsonObject run(URI base, long id) throws IOException, InterruptedException {
        return json(get(base, "/api/pricing/imports/" + id, "viewer").body());
    }

    private static HttpResponse<String> get(URI base, String path, String role) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", TestTokens.bearer(role)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }
}
