package dev.inferplan.pricing.offers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import dev.inferplan.contracts.grpc.pricing.OfferFilter;
import dev.inferplan.contracts.grpc.pricing.PricingServiceGrpc;
import dev.inferplan.platform.grpc.ServiceChannel;
import dev.inferplan.platform.testing.MariaDbDatabase;
import dev.inferplan.platform.testing.TestTokens;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14 §4: filtered lists and the gRPC stream never deadlock the pool (ADR 0005). Four times as many
 * list requests and streams as the pool has connections run at once against MariaDB, released together;
 * every one is answered, correctly. Through EclipseLink under JTA, more concurrent reads than connections
 * parked every thread on the accessor lock until Hikari's timeout.
 */
@ExtendWith(MariaDbDatabase.class)
@HelidonTest
@AddConfig(key = "javax.sql.DataSource.pricing.maximumPoolSize", value = "4")
@AddConfig(key = "javax.sql.DataSource.pricing.connectionTimeout", value = "60000")
class ConcurrentReadsMariaDbIT {

    private static final int POOL = 4;
    private static final int NODES = 3000;

    @Inject
    WebTarget target;

    @Test
    void fourTimesThePoolSizeOfConcurrentReadsAreAllAnswered() throws Exception {
        StringBuilder file = new StringBuilder("region,zone,instance_type,accelerator,accelerator_count,vcpus,memory_gib,"
                + "purchase_option,price,currency,unit\n");
        for (int i = 0; i < NODES; i++) {
            file.append("dc-").append(i % 7).append(",,node-").append(i).append(i % 3 == 0 ? ",L4,1," : ",,,")
                    .append(2 + i % 64).append(',').append(8 + i % 256).append(",NEGOTIATED,")
                    .append(String.format("%d.%04d", 1 + i % 40, i % 10_000)).append(",USD,hour\n");
        }
        try (Response imported = target.path("/api/pricing/imports").queryParam("format", "suite-csv")
                .queryParam("provider", "busy").queryParam("wait", "true").request()
                .header("Authorization", TestTokens.bearer("admin")).post(Entity.entity(file.toString(), "text/csv"))) {
            assertEquals(200, imported.getStatus(), () -> imported.readEntity(String.class));
        }
        String base = "http://localhost:" + target.getUri().getPort();
        List<String> queries = List.of("provider=busy&minVcpus=0&limit=100", "provider=busy&accelerator=nvidia-l4&limit=50",
                "region=dc-3&region=dc-4&sort=perVcpuHourUsd&limit=200", "minMemoryGib=100&maxHourlyUsd=20&limit=1000",
                "provider=busy&accelerator=none&sort=hourlyUsd&limit=10");
        int requests = 4 * POOL;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        ExecutorService threads = Executors.newFixedThreadPool(requests * 2);
        CountDownLatch start = new CountDownLatch(1);
        AtomicLong streamed = new AtomicLong();
        try (ServiceChannel channel = ServiceChannel.open(URI.create(base), () -> TestTokens.token("team"))) {
            var stub = PricingServiceGrpc.newBlockingStub(channel.channel());
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                String query = queries.get(i % queries.size());
                answers.add(threads.submit(() -> {
                    start.await();
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/pricing/offers?"
                                    + query)).timeout(Duration.ofSeconds(120))
                            .header("Authorization", TestTokens.bearer("viewer")).build(),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                    return response.statusCode() + (response.statusCode() == 200 && response.body().contains("\"items\"")
                            ? "" : " " + response.body());
                }));
                answers.add(threads.submit(() -> {
                    start.await();
                    long[] n = {0};
                    stub.withDeadlineAfter(120, java.util.concurrent.TimeUnit.SECONDS).streamOffers(OfferFilter.newBuilder()
                            .addProviders("busy").build()).forEachRemaining(o -> n[0]++);
                    streamed.addAndGet(n[0]);
                    return n[0] == NODES ? "200" : "streamed " + n[0];
                }));
            }
            start.countDown();
            List<String> statuses = new ArrayList<>();
            for (Future<String> answer : answers) {
                statuses.add(answer.get(180, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertEquals(requests * 2, statuses.size());
            assertTrue(statuses.stream().allMatch("200"::equals), statuses::toString);
            assertEquals((long) requests * NODES, streamed.get(), "every stream gave every offer");
        } finally {
            threads.shutdownNow();
        }
    }
}
