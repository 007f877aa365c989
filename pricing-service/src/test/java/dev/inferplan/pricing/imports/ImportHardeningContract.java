package dev.inferplan.pricing.imports;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import dev.inferplan.platform.testing.TestTokens;

import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.WebTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Imports as a hostile or unlucky caller drives them (issue 11): at once for one provider, without
 * a Content-Type, with URLs the service cannot use, and with values no column can hold. Every answer
 * is a problem the caller can act on, never a 500 and never the database's own words; the book is
 * never left with two current versions of a provider.
 */
abstract class ImportHardeningContract {

    static final String HEADER = PriceBookImportContract.HEADER;
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<String> DATABASE_WORDS = List.of("Value too long", "BigInteger", "overflow", "SQL",
            "INSERT", "price_offer", "Duplicate entry", "constraint", "Data truncation", "Out of range");

    @Inject
    WebTarget target;

    @Inject
    @Named("pricing")
    DataSource dataSource;

    @ParameterizedTest(name = "{0} imports at once")
    @ValueSource(ints = {2, 8})
    void concurrentImportsOfOneProviderLeaveExactlyOneCurrentVersion(int imports) throws Exception {
        int offers = 300;
        for (int round = 0; round < 3; round++) {
            String provider = "race-" + imports + "-" + round;
            List<Integer> statuses = new ArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(imports);
            try {
                List<Future<HttpResponse<String>>> answers = new ArrayList<>();
                for (int i = 0; i < imports; i++) {
                    String file = nodes(offers, "1." + i);
                    answers.add(pool.submit(() -> {
                        start.await();
                        return send(importRequest(provider, "strict", "suite-csv", file).header("Content-Type", "text/csv"));
                    }));
                }
                start.countDown();
                for (Future<HttpResponse<String>> answer : answers) {
                    HttpResponse<String> response = answer.get();
                    statuses.add(response.statusCode());
                    if (response.statusCode() != 200) {
                        assertEquals(409, response.statusCode(), response::body);
                        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
                        assertDatabaseWordsAbsent(response.body());
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            assertTrue(statuses.contains(200), () -> "at least one import succeeds: " + statuses);
            List<Long> current = currentVersions(provider);
            assertEquals(1, current.size(), () -> "current versions of " + provider + ": " + current + " after " + statuses);
            assertEquals(offers, count("SELECT COUNT(*) FROM price_offer WHERE version_id = ?", current.get(0)));
            JsonObject page = target.path("/api/pricing/offers").queryParam("provider", provider).queryParam("limit", 1000)
                    .request().header("Authorization", TestTokens.bearer("viewer")).get(JsonObject.class);
            assertEquals(offers, page.getInt("total"), "every offer visible belongs to the one current version");
            assertTrue(page.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                    .allMatch(o -> o.getJsonNumber("priceBookVersion").longValue() == current.get(0)));
        }
    }

    @Test
    void anImportWithoutAContentTypeIs415ProblemJson() throws Exception {
        HttpResponse<String> response = send(importRequest("no-type", "strict", "suite-csv",
                HEADER + "dc-1,,node,,,,8,32,,NEGOTIATED,1.00,USD,hour,,\n"));
        assertEquals(415, response.statusCode(), response::body);
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals(List.of(), currentVersions("no-type"));
    }

    @ParameterizedTest(name = "url={0}")
    @ValueSource(strings = {"file:rel.csv", "file://localhost/tmp/list.csv", "file://example.org/tmp/list.csv",
            "file:", "http://127.0.0.1:1/list.csv", "https://example.org/list.csv", "jar:file:/x.jar!/a.csv",
            "file:/tmp/%00nul.csv", "::not a url"})
    void urlsTheServiceCannotUseAre400NamingUrl(String url) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(target.getUri() + "/api/pricing/imports"
                        + "?format=suite-csv&provider=bad-url&wait=true&url=" + URLEncoder.encode(url, StandardCharsets.UTF_8)))
                .header("Authorization", TestTokens.bearer("admin"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(400, response.statusCode(), response::body);
        JsonObject problem = Json.createReader(new java.io.StringReader(response.body())).readObject();
        assertEquals("url", problem.getJsonArray("errors").getJsonObject(0).getString("field"), response::body);
    }

    @Test
    void valuesNoColumnCanHoldAreRejectedNamingLineAndColumnNotTheDatabase() throws Exception {
        String longName = "n".repeat(200);
        String file = HEADER
                + "dc-1,," + longName + ",,,,8,32,,NEGOTIATED,1.00,USD,hour,,\n"
                + "r".repeat(100) + ",,node-2,,,,8,32,,NEGOTIATED,1.00,USD,hour,,\n"
                + "dc-1,,node-3,,,,1e309,32,,NEGOTIATED,1.00,USD,hour,,\n"
                + "dc-1,,node-4,,,,8,32,,NEGOTIATED,1e999999999,USD,hour,,\n"
                + "dc-1,,node-5,H100,12345678,,8,32,,NEGOTIATED,1.00,USD,hour,,\n"
                + "dc-1,,node-6,,,,8,1e400,,NEGOTIATED,1.00,USD,hour,,\n"
                + "dc-1,,node-7,,,,8,32," + "x".repeat(40) + ",NEGOTIATED,1.00,USD,hour,,\n"
                + "dc-1,,node-8,,,,8,32,,NEGOTIATED,123456789012345678.5,USD,hour,,\n"
                + "dc-1,,node-9,,,,8,32,,NEGOTIATED,1.00,USD,hour,1e20,12\n"
                + "dc-1,,node-ok,,,,8,32,,NEGOTIATED,1.00,USD,hour,,\n";
        HttpResponse<String> strict = send(importRequest("too-big", "strict", "suite-csv", file)
                .header("Content-Type", "text/csv"));
        assertEquals(422, strict.statusCode(), strict::body);
        assertDatabaseWordsAbsent(strict.body());
        JsonObject problem = Json.createReader(new java.io.StringReader(strict.body())).readObject();
        assertEquals(List.of("2:instance_type", "3:region", "4:vcpus", "5:price", "6:accelerator_count", "7:memory_gib",
                "8:cpu_architecture", "9:price", "10:upfront"), PriceBookImportContract.errors(problem));
        assertFalse(strict.body().contains("n".repeat(25)), "a value is quoted cut short, if at all");

        HttpResponse<String> lenient = send(importRequest("too-big", "lenient", "suite-csv", file)
                .header("Content-Type", "text/csv"));
        assertEquals(200, lenient.statusCode(), lenient::body);
        JsonObject report = Json.createReader(new java.io.StringReader(lenient.body())).readObject();
        assertEquals(1, report.getInt("offersCreated"));
        assertEquals(9, report.getInt("rejectedCount"));
        assertDatabaseWordsAbsent(lenient.body());
    }

    @Test
    void aSourceFileNameLongerThanItsColumnIsCutShortNotA500() throws Exception {
        String boundary = "b" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + "f".repeat(600)
                + ".csv\"\r\nContent-Type: text/csv\r\n\r\n" + HEADER + "dc-1,,node,,,,8,32,,NEGOTIATED,1.00,USD,hour,,\r\n--"
                + boundary + "--\r\n";
        HttpResponse<String> response = send(importRequest("long-name", "strict", "suite-csv", body)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary));
        assertEquals(200, response.statusCode(), response::body);
    }

    static void assertDatabaseWordsAbsent(String body) {
        for (String word : DATABASE_WORDS) {
            assertFalse(body.contains(word), () -> "the database's words reached the caller (" + word + "): " + body);
        }
    }

    static String nodes(int count, String price) {
        StringBuilder file = new StringBuilder(HEADER);
        for (int i = 0; i < count; i++) {
            file.append("dc-1,,node-").append(i).append(",,,,8,32,,NEGOTIATED,").append(price).append(",USD,hour,,\n");
        }
        return file.toString();
    }

    HttpRequest.Builder importRequest(String provider, String mode, String format, String body) {
        return HttpRequest.newBuilder(URI.create(target.getUri() + "/api/pricing/imports?format=" + format + "&provider="
                        + provider + "&mode=" + mode + "&wait=true"))
                .header("Authorization", TestTokens.bearer("admin"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
    }

    List<Long> currentVersions(String provider) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT id FROM price_book_version WHERE provider = ? AND superseded_at IS NULL")) {
            select.setString(1, provider);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            return ids;
        }
    }

    long count(String sql, long parameter) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setLong(1, parameter);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
