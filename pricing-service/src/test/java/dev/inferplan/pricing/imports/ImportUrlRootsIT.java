package dev.inferplan.pricing.imports;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.inferplan.platform.testing.TestTokens;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.WebTarget;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Imports by {@code url=} read only below the configured roots (issue 11): everything else is one
 * 403 that does not say whether the file exists, and no report quotes a file's content.
 */
@HelidonTest
@AddConfig(key = "pricing.imports.allowed-roots", value = ImportUrlRootsIT.ROOT)
class ImportUrlRootsIT {

    static final String ROOT = "target/import-roots/allowed";
    /** What /etc/shadow looks like: a salted hash the service must never repeat to anyone. */
    static final String SHADOW = "root:$6$SECRETSALTsecretsalt$Xq0nQm0u2r8o1VvLZl5bq6e5k8rM4cYV.zH7p0J2Z9n5Qe7r1TtFvUu:19700:0:99999:7:::\n"
            + "daemon:*:19700:0:99999:7:::\n";

    private static Path allowed;
    private static Path outside;

    @Inject
    WebTarget target;

    @BeforeAll
    static void files() throws IOException {
        allowed = Path.of(ROOT).toAbsolutePath();
        outside = allowed.resolveSibling("outside");
        for (Path directory : List.of(allowed, outside)) {
            if (Files.exists(directory)) {
                try (var walk = Files.walk(directory)) {
                    for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(directory);
        }
        Files.writeString(allowed.resolve("nodes.csv"), PriceBookImportContract.HEADER
                + "dc-1,,node-a,,,,8,32,,NEGOTIATED,1.00,USD,hour,,\n");
        Files.writeString(outside.resolve("nodes.csv"), PriceBookImportContract.HEADER
                + "dc-1,,node-b,,,,8,32,,NEGOTIATED,2.00,USD,hour,,\n");
        Files.writeString(allowed.resolve("shadow"), SHADOW);
        Files.createSymbolicLink(allowed.resolve("escape.csv"), outside.resolve("nodes.csv"));
        Files.createSymbolicLink(allowed.resolve("escape-dir"), outside);
        Files.createDirectories(allowed.resolve("pages"));
        Files.createSymbolicLink(allowed.resolve("pages").resolve("page-1.json"), outside.resolve("nodes.csv"));
    }

    @Test
    void aFileBelowARootImports() throws Exception {
        HttpResponse<String> response = post("suite-csv", "url-ok", "file:" + allowed.resolve("nodes.csv"));
        assertEquals(200, response.statusCode(), response::body);
        assertEquals(1, json(response).getInt("offersCreated"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/etc/passwd", "/etc/shadow", "/etc/no-such-file-here", "/proc/self/environ", "/proc/1/cmdline",
            "/sys/kernel/notes", "/dev/zero", "/dev/no-such-device", "OUTSIDE/nodes.csv", "OUTSIDE/missing.csv",
            "ALLOWED/../outside/nodes.csv", "ALLOWED/escape.csv", "ALLOWED/escape-dir/nodes.csv", "ALLOWED/escape-dir",
            "ALLOWED/pages", "/"})
    void everythingElseIsOne403ThatDoesNotSayWhetherTheFileExists(String where) throws Exception {
        String path = where.replace("OUTSIDE", outside.toString()).replace("ALLOWED", allowed.toString());
        HttpResponse<String> response = post("suite-csv", "url-denied", "file:" + path);
        assertEquals(403, response.statusCode(), response::body);
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        JsonObject problem = json(response);
        assertEquals(REFUSAL, problem.getString("detail"), "one answer whether the file exists or not");
        assertEquals("url", problem.getJsonArray("errors").getJsonObject(0).getString("field"));
        assertFalse(path.length() > 1 && response.body().contains(path), "the path is not echoed back");
        assertFalse(response.body().contains("SECRETSALT"));
    }

    @Test
    void aFileThatIsNoPriceListIsRefusedWithoutQuotingIt() throws Exception {
        for (String format : List.of("suite-csv", "skypilot", "aws-offer", "azure-retail")) {
            HttpResponse<String> response = post(format, "url-shadow", "file:" + allowed.resolve("shadow"));
            assertEquals(422, response.statusCode(), response::body);
            long id = json(response).getString("detail").chars().dropWhile(c -> !Character.isDigit(c))
                    .takeWhile(Character::isDigit).mapToObj(c -> String.valueOf((char) c))
                    .reduce("", String::concat).transform(Long::parseLong);
            String report = target.path("/api/pricing/imports/" + id).request()
                    .header("Authorization", TestTokens.bearer("viewer")).get(String.class);
            for (String seen : List.of(response.body(), report)) {
                assertFalse(seen.contains("SECRETSALT"), () -> format + " quoted the file: " + seen);
                assertFalse(seen.contains("root:"), () -> format + " quoted the file: " + seen);
                assertFalse(seen.contains("daemon"), () -> format + " quoted the file: " + seen);
            }
        }
    }

    static final String REFUSAL = "The service reads price lists only below the directories configured in"
            + " pricing.imports.allowed-roots; this URL is not below one of them.";

    private HttpResponse<String> post(String format, String provider, String url) throws Exception {
        return ImportHardeningContract.send(HttpRequest.newBuilder(URI.create(target.getUri() + "/api/pricing/imports"
                        + "?format=" + format + "&provider=" + provider + "&wait=true&url="
                        + URLEncoder.encode(url, StandardCharsets.UTF_8)))
                .header("Authorization", TestTokens.bearer("admin"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static JsonObject json(HttpResponse<String> response) {
        assertTrue(response.body().startsWith("{"), response::body);
        return Json.createReader(new StringReader(response.body())).readObject();
    }
}
