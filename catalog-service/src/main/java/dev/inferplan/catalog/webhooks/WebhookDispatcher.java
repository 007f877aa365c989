package dev.inferplan.catalog.webhooks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.inferplan.contracts.artifacts.ArtifactUriPolicy;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends webhook deliveries: every {@code catalog.webhooks.poll-interval-ms} it turns new audit
 * entries into deliveries and POSTs the due ones (JSON, {@code X-Inferplan-Event},
 * {@code X-Inferplan-Delivery}, {@link WebhookSignature#HEADER}); a 2xx answer delivers, anything
 * else is retried after {@code backoff-ms × 2^(attempt − 1)} (at most {@code max-backoff-ms}) until
 * {@code max-attempts}, then FAILED. The retries are rows with a due time, not a loop: they outlive a
 * restart, and each attempt is in the delivery log. Redirects are not followed; the receiver's
 * addresses are checked against the rules before each attempt.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class.getName());

    private final Webhooks webhooks;
    private final long intervalMs;
    private final Duration settle;
    private final Duration backoff;
    private final Duration maxBackoff;
    private final int maxAttempts;
    private final Duration timeout;
    private final HttpClient http;
    private ScheduledExecutorService scheduler;

    @Inject
    public WebhookDispatcher(Webhooks webhooks,
                             @ConfigProperty(name = "catalog.webhooks.poll-interval-ms", defaultValue = "1000") long intervalMs,
                             @ConfigProperty(name = "catalog.webhooks.settle-ms", defaultValue = "2000") long settleMs,
                             @ConfigProperty(name = "catalog.webhooks.backoff-ms", defaultValue = "5000") long backoffMs,
                             @ConfigProperty(name = "catalog.webhooks.max-backoff-ms", defaultValue = "3600000") long maxBackoffMs,
                             @ConfigProperty(name = "catalog.webhooks.max-attempts", defaultValue = "8") int maxAttempts,
                             @ConfigProperty(name = "catalog.webhooks.timeout-ms", defaultValue = "5000") long timeoutMs) {
        this.webhooks = webhooks;
        this.intervalMs = intervalMs;
        this.settle = Duration.ofMillis(settleMs);
        this.backoff = Duration.ofMillis(backoffMs);
        this.maxBackoff = Duration.ofMillis(maxBackoffMs);
        this.maxAttempts = Math.max(1, maxAttempts);
        this.timeout = Duration.ofMillis(timeoutMs);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (intervalMs <= 0) {
            LOG.info("webhook deliveries are off (catalog.webhooks.poll-interval-ms <= 0)");
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("webhooks").daemon().factory());
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                runOnce();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "webhook round failed; retried next round", e);
            }
        }, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        http.close();
    }

    /** One round: new audit entries become deliveries, due deliveries are attempted; answers the attempts made. */
    public int runOnce() {
        while (webhooks.enqueueFromAudit(settle, 500) == 500) {
            // a full page: more entries may follow
        }
        List<Webhooks.Due> due = webhooks.claimDue(50, timeout.multipliedBy(3));
        for (Webhooks.Due delivery : due) {
            attempt(delivery);
        }
        return due.size();
    }

    private void attempt(Webhooks.Due due) {
        byte[] body = due.payload().getBytes(StandardCharsets.UTF_8);
        Integer status = null;
        String error = null;
        try {
            URI uri = URI.create(due.url());
            ArtifactUriPolicy rules = webhooks.rules();
            rules.check(uri);
            // Checked again at each attempt: a name may resolve elsewhere than when it was registered.
            rules.checkAddresses(List.of(InetAddress.getAllByName(uri.getHost())));
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("X-Inferplan-Event", due.event())
                    .header("X-Inferplan-Delivery", Long.toString(due.deliveryId()))
                    .header(WebhookSignature.HEADER, WebhookSignature.of(due.secret(), body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
        } catch (ArtifactUriPolicy.Refused e) {
            error = "refused: " + e.getMessage();
        } catch (IOException | IllegalArgumentException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        boolean delivered = status != null && status >= 200 && status < 300;
        int attempt = due.attempts() + 1;
        Optional<Duration> retry = delivered || attempt >= maxAttempts ? Optional.empty()
                : Optional.of(backoffAfter(attempt));
        webhooks.attempted(due, status, error, delivered, retry);
    }

    /** backoff × 2^(attempt − 1), at most max-backoff. */
    Duration backoffAfter(int attempt) {
        Duration wait = backoff.multipliedBy(1L << Math.min(attempt - 1, 30));
        return wait.compareTo(maxBackoff) > 0 || wait.isNegative() ? maxBackoff : wait;
    }
}
