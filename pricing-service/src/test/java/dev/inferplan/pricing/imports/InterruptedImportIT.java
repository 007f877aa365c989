package dev.inferplan.pricing.imports;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import dev.inferplan.platform.testing.MariaDbDatabase;
import dev.inferplan.platform.testing.ServiceProcess;
import dev.inferplan.platform.testing.TestTokens;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An import whose process is killed ({@code kill -9}) mid-import (issue 11): a real pricing-service
 * process is killed while it writes offers, and the next instance on the same database marks the
 * import FAILED with reason INTERRUPTED; nothing of it was ever visible.
 */
class InterruptedImportIT {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private static final int ROWS = 400_000;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "mariadb"})
    void anImportKilledMidWayIsMarkedInterruptedAndLeavesNothingVisible(String database) throws Exception {
        Map<String, String> config = ServiceProcess.config(
                "DB_URL", databaseUrl(database),
                "DB_USER", database.equals("h2") ? "sa" : "root",
                "DB_PASSWORD", "",
                "pricing.seed.enabled", "false",
                "pricing.instances.heartbeat-seconds", "1",
                "pricing.instances.expiry-seconds", "3");
        long importId;
        try (ServiceProcess first = ServiceProcess.start("pricing-service", config)) {
            HttpResponse<String> started = HTTP.send(HttpRequest.newBuilder(first.baseUri().resolve(
                            "/api/pricing/imports?format=suite-csv&provider=killed&mode=strict"))
                    .header("Authorization", TestTokens.bearer("admin"))
                    .header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofString(ImportHardeningContract.nodes(ROWS, "1.25")))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(202, started.statusCode(), started::body);
            importId = json(started.body()).getJsonNumber("id").longValue();
            JsonObject run = awaitProgress(first.baseUri(), importId);
            assertEquals("RUNNING", run.getString("status"), "killed while it runs: " + run);
            first.kill();
        }
        try (ServiceProcess second = ServiceProcess.start("pricing-service", config)) {
            JsonObject run = get(second.baseUri(), importId);
            Instant deadline = Instant.now().plusSeconds(60);
            while (run.getString("status").equals("RUNNING") && Instant.now().isBefore(deadline)) {
                Thread.sleep(250);
                run = get(second.baseUri(), importId);
            }
            assertEquals("FAILED", run.getString("status"), run::toString);
            assertEquals("INTERRUPTED", run.getString("reason"), run::toString);
            JsonObject offers = json(HTTP.send(HttpRequest.newBuilder(second.baseUri().resolve(
                            "/api/pricing/offers?provider=killed&limit=1"))
                    .header("Authorization", TestTokens.bearer("viewer")).build(), HttpResponse.BodyHandlers.ofString()).body());
            assertEquals(0, offers.getInt("total"), "no offer of the interrupted import is visible");
            String versions = HTTP.send(HttpRequest.newBuilder(second.baseUri().resolve("/api/pricing/versions?provider=killed"))
                    .header("Authorization", TestTokens.bearer("viewer")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertEquals("[]", versions.strip(), "no version of it either");
        }
    }

    /** Waits until the import has written part of its offers (its progress is above 0). */
    private static JsonObject awaitProgress(URI base, long id) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        JsonObject run = get(base, id);
        while (run.getJsonNumber("offersCreated").longValue() == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            run = get(base, id);
        }
        assertTrue(run.getJsonNumber("offersCreated").longValue() > 0, run::toString);
        assertTrue(run.getJsonNumber("offersCreated").longValue() < ROWS, run::toString);
        return run;
    }

    /** The import run; a 503 (the restarted instance's database still settling) is retried as its Retry-After asks. */
    private static JsonObject get(URI base, long id) throws IOException, InterruptedException {
        HttpResponse<String> response = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            response = HTTP.send(HttpRequest.newBuilder(base.resolve("/api/pricing/imports/" + id))
                    .header("Authorization", TestTokens.bearer("viewer")).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 503) {
                break;
            }
            Thread.sleep(500);
        }
        HttpResponse<String> last = response;
        assertEquals(200, last.statusCode(), last::body);
        return json(last.body());
    }

    private static String databaseUrl(String database) throws IOException {
        if (database.equals("mariadb")) {
            String prefix = System.getProperty("inferplan.mariadb.db-prefix", "inferplan_it_");
            return MariaDbDatabase.prepare(prefix + "interrupted_import");
        }
        Path directory = Path.of("target", "interrupted-import-h2").toAbsolutePath();
        if (Files.exists(directory)) {
            try (var walk = Files.walk(directory)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return "jdbc:h2:file:" + directory.resolve("pricing") + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }
}
