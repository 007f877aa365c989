package dev.inferplan.pricing.imports;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import dev.inferplan.platform.testing.MariaDbDatabase;
import dev.inferplan.platform.testing.ServiceProcess;
import dev.inferplan.platform.testing.TestTokens;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14 §4, the memory bound: a generated SkyPilot-format catalog of 1 GiB imports into MariaDB
 * through a real pricing-service process limited to {@code -Xmx256m} ({@link ServiceProcess}), read
 * from a {@code url=file:} below the allowed roots and written as a stream. The file is generated in
 * the test's temporary directory and removed with it (never committed). Rows are shaped like the AWS
 * catalog's: CPU instances with on-demand and spot prices, every seventh a GPU instance with its
 * GpuInfo structure; instance types are unique, so every row is its own offer.
 *
 * <p>Slow by nature: the whole import is one transaction of millions of offers.
 * {@code -Dinferplan.large-import.bytes=N} sizes the file: the default, 16 MiB (about 350,000 offers), keeps
 * CI within its time; the 1 GiB run ({@code -Dinferplan.large-import.bytes=1073741824}, about 23
 * million offers) takes tens of minutes and is run by hand.
 */
class LargeCatalogImportIT {

    private static final long BYTES = Long.getLong("inferplan.large-import.bytes", 16L << 20);
    private static final String[] REGIONS = {"us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1",
        "eu-central-1", "ap-south-1", "ap-northeast-1", "sa-east-1", "ca-central-1"};

    @TempDir
    Path temp;

    @Test
    void aOneGibCatalogImportsUnder256MiBOfHeap() throws Exception {
        Path file = temp.resolve("large_vms.csv");
        long[] counts = generate(file);
        long rows = counts[0];
        long offers = counts[1];
        assertTrue(Files.size(file) >= BYTES, "the file is at least the size asked for");

        String prefix = System.getProperty("inferplan.mariadb.db-prefix", "inferplan_it_");
        Map<String, String> config = ServiceProcess.config(
                "DB_URL", MariaDbDatabase.prepare(prefix + "large_import"),
                "DB_USER", "root",
                "DB_PASSWORD", "",
                "pricing.seed.enabled", "false",
                "pricing.imports.allowed-roots", temp.toString(),
                "pricing.import.max-bytes", String.valueOf(4L << 30));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        long started = System.nanoTime();
        try (ServiceProcess service = ServiceProcess.start("pricing-service", config)) {
            URI imports = service.baseUri().resolve("/api/pricing/imports?format=skypilot&provider=large&mode=strict&url="
                    + URLEncoder.encode(file.toUri().toString(), StandardCharsets.UTF_8));
            HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(imports)
                    .header("Authorization", TestTokens.bearer("admin")).header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(202, accepted.statusCode(), accepted::body);
            long id = json(accepted.body()).getJsonNumber("id").longValue();
            JsonObject run;
            do {
                Thread.sleep(5000);
                run = json(http.send(HttpRequest.newBuilder(service.baseUri().resolve("/api/pricing/imports/" + id))
                        .header("Authorization", TestTokens.bearer("viewer")).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
            } while (run.getString("status").equals("RUNNING"));
            assertEquals("SUCCEEDED", run.getString("status"), run::toString);
            assertEquals(rows + 1, run.getJsonNumber("rowsRead").longValue(), "the last line's number (the header is 1)");
            assertEquals(offers, run.getJsonNumber("offersCreated").longValue());

            // the process is alive and answers from the book it just took in
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(service.baseUri().resolve(
                            "/api/pricing/offers?provider=large&accelerator=nvidia-l4&limit=5"))
                    .header("Authorization", TestTokens.bearer("viewer")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode(), page::body);
            assertEquals(5, json(page.body()).getJsonArray("items").size());
            HttpResponse<String> cheapest = http.send(HttpRequest.newBuilder(service.baseUri().resolve(
                            "/api/pricing/offers/cheapest?provider=large"))
                    .header("Authorization", TestTokens.bearer("viewer")).timeout(Duration.ofMinutes(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, cheapest.statusCode(), cheapest::body);
            assertEquals("nvidia-l4", json(cheapest.body()).getJsonArray("items").getJsonObject(0).getString("accelerator"));
        }
        System.out.printf(Locale.ROOT, "LargeCatalogImportIT: %,d bytes, %,d rows, %,d offers, %.0f s with the service's"
                + " start%n", Files.size(file), rows, offers, (System.nanoTime() - started) / 1e9);
    }

    /** Writes rows until the file holds {@link #BYTES}; returns {rows, offers}. */
    private static long[] generate(Path file) throws IOException {
        long rows = 0;
        long offers = 0;
        long bytes = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            String header = "InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,GpuInfo,Price,SpotPrice,"
                    + "Region,AvailabilityZone\n";
            out.write(header);
            bytes += header.length();
            while (bytes < BYTES) {
                long i = rows++;
                String region = REGIONS[(int) (i % REGIONS.length)];
                String zone = region + (char) ('a' + (i / REGIONS.length) % 3);
                int vcpus = 2 << (i % 6);
                String line;
                if (i % 7 == 0) {
                    int gpus = 1 << (i % 4);
                    line = String.format(Locale.ROOT, "gen%d.%dxlarge,L4,%d,%d,%d,\"{'Gpus': [{'Name': 'L4',"
                                    + " 'Manufacturer': 'NVIDIA', 'Count': %d, 'MemoryInfo': {'SizeInMiB': 24576}}],"
                                    + " 'TotalGpuMemoryInMiB': %d}\",%d.%04d,%d.%04d,%s,%s\n", i, gpus, gpus, vcpus,
                            vcpus * 4, gpus, gpus * 24576, gpus, i % 10_000, gpus / 2, 1 + i % 9_999, region, zone);
                } else {
                    line = String.format(Locale.ROOT, "gen%d.large,,,%d,%d,,%d.%04d,%s,%s,%s\n", i, vcpus, vcpus * 4,
                            vcpus / 8, 1 + i % 9_999, i % 3 == 0 ? "" : "0.0" + (1 + i % 899), region, zone);
                }
                out.write(line);
                bytes += line.length();
                offers += i % 7 == 0 || i % 3 != 0 ? 2 : 1;
            }
        }
        return new long[] {rows, offers};
    }

    private static JsonObject json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }
}
