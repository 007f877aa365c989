import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Open-loop HTTP load at a fixed rate: request i is due at start + i/rate, and its latency is
 * measured from that scheduled time (so a stalled server shows in the tail instead of slowing the
 * generator: no coordinated omission). Bounded: stops after the duration, loopback targets only.
 *
 * java -cp HdrHistogram.jar bench/OpenLoopLoad.java URL RATE_PER_S SECONDS TOKEN [WARMUP_S]
 * With -Dbody=FILE every request is a POST of that file as application/json (else a GET).
 */
public class OpenLoopLoad {
    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        if (!uri.getHost().equals("localhost") && !uri.getHost().startsWith("127.")) {
            throw new IllegalArgumentException("loopback targets only");
        }
        double rate = Double.parseDouble(args[1]);
        int seconds = Integer.parseInt(args[2]);
        String token = args[3];
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 5;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.valueOf(System.getProperty("http", "HTTP_1_1"))).executor(Executors.newVirtualThreadPerTaskExecutor())
                .connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10));
        String body = System.getProperty("body");
        if (body != null) {
            builder.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(java.nio.file.Files.readString(java.nio.file.Path.of(body))));
        }
        HttpRequest request = builder.build();
        run(http, request, rate, warmup, null);
        Histogram latency = new ConcurrentHistogram(3);
        AtomicLong errors = run(http, request, rate, seconds, latency);
        System.out.printf("target %.0f req/s for %d s: %d requests, %d errors; achieved %.1f req/s%n", rate, seconds,
                latency.getTotalCount(), errors.get(), latency.getTotalCount() / (double) seconds);
        for (double p : new double[] {50, 90, 99, 99.9}) {
            System.out.printf("  p%-5s %8.2f ms%n", p, latency.getValueAtPercentile(p) / 1000.0);
        }
        System.out.printf("  max    %8.2f ms%n", latency.getMaxValue() / 1000.0);
    }

    static AtomicLong run(HttpClient http, HttpRequest request, double rate, int seconds, Histogram latency)
            throws InterruptedException {
        long count = Math.round(rate * seconds);
        long intervalNanos = Math.round(1e9 / rate);
        long start = System.nanoTime() + 50_000_000L;
        AtomicLong errors = new AtomicLong();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch((int) count);
        for (long i = 0; i < count; i++) {
            long due = start + i * intervalNanos;
            scheduler.schedule(() -> http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, failure) -> {
                        long micros = (System.nanoTime() - due) / 1000;
                        if (failure != null || response.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                        if (latency != null) {
                            latency.recordValue(Math.max(0, micros));
                        }
                        done.countDown();
                    }), due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        done.await(seconds + 30L, TimeUnit.SECONDS);
        scheduler.shutdownNow();
        return errors;
    }
}
