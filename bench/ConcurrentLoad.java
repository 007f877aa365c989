import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Closed-loop load over CONNECTIONS connections at once (each worker its own client, so its own
 * connection), each sending its next request as soon as the last is answered, for SECONDS s. Counts
 * every answer by status; anything but 200 is an error. Loopback targets only.
 *
 * java -cp HdrHistogram.jar bench/ConcurrentLoad.java URL CONNECTIONS SECONDS TOKEN
 */
public class ConcurrentLoad {
    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        if (!uri.getHost().equals("localhost") && !uri.getHost().startsWith("127.")) {
            throw new IllegalArgumentException("loopback targets only");
        }
        int connections = Integer.parseInt(args[1]);
        long until = System.nanoTime() + Duration.ofSeconds(Integer.parseInt(args[2])).toNanos();
        HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + args[3])
                .timeout(Duration.ofSeconds(10)).build();
        Histogram latency = new ConcurrentHistogram(3);
        ConcurrentHashMap<String, AtomicLong> answers = new ConcurrentHashMap<>();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            workers.add(Thread.ofVirtual().start(() -> {
                try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                    while (System.nanoTime() < until) {
                        long start = System.nanoTime();
                        String outcome;
                        try {
                            outcome = Integer.toString(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
                        } catch (Exception e) {
                            outcome = e.getClass().getSimpleName();
                        }
                        latency.recordValue((System.nanoTime() - start) / 1000);
                        answers.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
                    }
                }
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
        long errors = answers.entrySet().stream().filter(e -> !e.getKey().equals("200")).mapToLong(e -> e.getValue().get()).sum();
        System.out.printf("%d connections: %d requests, %d errors %s; p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", connections,
                latency.getTotalCount(), errors, answers, latency.getValueAtPercentile(50) / 1000.0,
                latency.getValueAtPercentile(99) / 1000.0, latency.getMaxValue() / 1000.0);
    }
}
