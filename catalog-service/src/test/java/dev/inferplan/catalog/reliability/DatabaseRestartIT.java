package dev.inferplan.catalog.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.inferplan.platform.testing.PrivateMariaDb;
import dev.inferplan.platform.testing.ServiceProcess;
import dev.inferplan.platform.testing.TestTokens;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fault injection (issue 17 §4): MariaDB killed ({@code SIGKILL}) and restarted while teams keep
 * registering model families (down 5 s, then crash recovery). Every request either completes (201: the family and its audit entry
 * are both stored; the pool and EclipseLink wait and reconnect, so this is what is seen here) or fails
 * cleanly (a problem+json 503 that stored nothing: ProblemMapper); none is half-applied,
 * and writes succeed again once the database is back. Figures go to docs/reliability.md.
 */
class DatabaseRestartIT {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void writesDuringADatabaseRestartCompleteOrFailCleanly() throws Exception {
        try (PrivateMariaDb db = PrivateMariaDb.start("catalog-restart")) {
            db.createDatabase("inferplan_catalog");
            try (ServiceProcess catalog = ServiceProcess.start("catalog-service", ServiceProcess.config(
                    "DB_URL", db.jdbcUrl("inferplan_catalog"), "DB_USER", "root", "DB_PASSWORD", "",
                    "catalog.seed.enabled", "false"))) {
                Set<String> created = ConcurrentHashMap.newKeySet();
                Set<String> refused = ConcurrentHashMap.newKeySet();
                TreeMap<Integer, Integer> statuses = new TreeMap<>();
                List<String> unclean = new java.util.concurrent.CopyOnWriteArrayList<>();
                AtomicBoolean writing = new AtomicBoolean(true);
                Instant[] firstSuccessAfterRestart = {null};
                Instant[] restartedAt = {null};
                Instant[] backAt = {null};

                Thread writer = Thread.ofPlatform().start(() -> {
                    int i = 0;
                    while (writing.get()) {
                        String name = "restart-family-" + i++;
                        Instant sent = Instant.now();
                        try {
                            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(catalog.baseUri().resolve("/api/catalog/families"))
                                    .header("Authorization", TestTokens.bearer("team")).header("Content-Type", "application/json")
                                    .timeout(Duration.ofSeconds(60))
                                    .POST(HttpRequest.BodyPublishers.ofString("""
                                            {"name": "%s", "task": "text-embedding", "owner": "ops", "license": "MIT"}""".formatted(name)))
                                    .build(), HttpResponse.BodyHandlers.ofString());
                            synchronized (statuses) {
                                statuses.merge(answer.statusCode(), 1, Integer::sum);
                            }
                            if (answer.statusCode() == 201) {
                                created.add(name);
                                if (backAt[0] != null && sent.isAfter(backAt[0]) && firstSuccessAfterRestart[0] == null) {
                                    firstSuccessAfterRestart[0] = Instant.now();
                                }
                            } else {
                                refused.add(name);
                                String type = answer.headers().firstValue("Content-Type").orElse("");
                                if (answer.statusCode() != 503 || !type.startsWith("application/problem+json")) {
                                    unclean.add(answer.statusCode() + " " + type + " " + answer.body());
                                }
                            }
                        } catch (Exception e) {
                            unclean.add("no answer: " + e);
                        }
                    }
                });
                Thread.sleep(3_000);
                restartedAt[0] = Instant.now();
                db.restart(Duration.ofSeconds(5));
                backAt[0] = Instant.now();
                Instant deadline = Instant.now().plusSeconds(120);
                while ((firstSuccessAfterRestart[0] == null || Duration.between(firstSuccessAfterRestart[0], Instant.now()).toSeconds() < 3)
                        && Instant.now().isBefore(deadline)) {
                    Thread.sleep(200);
                }
                writing.set(false);
                writer.join(90_000);

                System.out.printf("[reliability] catalog writes across a MariaDB restart: %s; created %d, refused %d;"
                                + " database down 5 s; the first write sent after it was back answered %s ms after the kill%n", statuses,
                        created.size(), refused.size(),
                        firstSuccessAfterRestart[0] == null ? "never" : Duration.between(restartedAt[0], firstSuccessAfterRestart[0]).toMillis());
                assertEquals(List.of(), unclean, "every failure is a clean 503 problem");
                assertTrue(firstSuccessAfterRestart[0] != null, "writes succeed again after the restart: " + statuses);
                assertTrue(created.size() > 0, statuses::toString);

                Set<String> stored = new HashSet<>();
                Set<String> audited = new HashSet<>();
                try (Connection sql = DriverManager.getConnection(db.jdbcUrl("inferplan_catalog"), "root", "")) {
                    try (PreparedStatement query = sql.prepareStatement("SELECT id, name FROM model_family WHERE name LIKE 'restart-family-%'");
                         ResultSet rows = query.executeQuery()) {
                        List<String[]> families = new ArrayList<>();
                        while (rows.next()) {
                            families.add(new String[] {rows.getString(1), rows.getString(2)});
                            stored.add(rows.getString(2));
                        }
                        for (String[] family : families) {
                            try (PreparedStatement audit = sql.prepareStatement(
                                    "SELECT COUNT(*) FROM audit_entry WHERE entity_type = 'family' AND entity_id = ? AND action = 'CREATED'")) {
                                audit.setString(1, family[0]);
                                try (ResultSet count = audit.executeQuery()) {
                                    count.next();
                                    if (count.getLong(1) > 0) {
                                        audited.add(family[1]);
                                    }
                                }
                            }
                        }
                    }
                }
                assertEquals(created, stored, "exactly the families answered 201 are stored");
                assertEquals(stored, audited, "each stored family has its audit entry (one transaction)");
            }
        }
    }
}
