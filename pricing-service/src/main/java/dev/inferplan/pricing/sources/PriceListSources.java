package dev.inferplan.pricing.sources;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.inferplan.platform.problem.ProblemException;
import dev.inferplan.pricing.imports.ImportRun;
import dev.inferplan.pricing.imports.ImportRuns;
import dev.inferplan.pricing.imports.PriceImports;
import dev.inferplan.pricing.imports.PriceListLocations;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The book refreshes itself: each configured source ({@code pricing.sources.<provider>.*}) is imported
 * on its schedule through the same path as an admin's import, as user {@code scheduler}. Content
 * identical to the current version's source gives UNCHANGED and no version; changed content gives a new
 * version and its {@code PRICE_BOOK_CHANGED} event (with the diff summary); a source that cannot be read,
 * or is refused, leaves the book as it was. Each source's last outcome is in {@code /health/ready}
 * ({@link SourcesReadiness}) and {@code GET /api/pricing/sources}; the time of the provider's last
 * successful import is the gauge {@code pricing_import_last_success_seconds{provider}}, and failed
 * refreshes count in {@code pricing_import_refresh_failures_total{provider}}.
 */
@ApplicationScoped
public class PriceListSources {

    private static final Logger LOGGER = Logger.getLogger(PriceListSources.class.getName());
    private static final String PREFIX = "pricing.sources.";
    static final String USER = "scheduler";

    /** The last refresh of one source, and when the next is due. */
    public record State(String provider, String url, String format, String mode, String schedule, Instant lastAttemptAt,
                        ImportRun.Status lastStatus, ImportRun.Reason lastReason, String lastDetail, Long lastImportId,
                        Instant lastSuccessAt, Instant nextRunAt) {
    }

    private final Map<String, PriceListSource> sources;
    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final Map<String, AtomicBoolean> running = new ConcurrentHashMap<>();
    private final Map<String, Counter> failures = new ConcurrentHashMap<>();
    private final PriceImports imports;
    private final ImportRuns runs;
    private final PriceListLocations locations;
    private final MetricRegistry metrics;
    private final Clock clock = Clock.systemUTC();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("price-list-sources").factory());

    @Inject
    public PriceListSources(Config config, PriceImports imports, ImportRuns runs, PriceListLocations locations,
                            MetricRegistry metrics) {
        this.sources = configured(config);
        this.imports = imports;
        this.runs = runs;
        this.locations = locations;
        this.metrics = metrics;
    }

    /** The sources in config; a source named but incomplete, or with a bad schedule or URL, stops the start. */
    static Map<String, PriceListSource> configured(Config config) {
        TreeSet<String> providers = new TreeSet<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(PREFIX) && name.indexOf('.', PREFIX.length()) > 0) {
                providers.add(name.substring(PREFIX.length(), name.indexOf('.', PREFIX.length())));
            }
        }
        Map<String, PriceListSource> sources = new TreeMap<>();
        for (String provider : providers) {
            String where = PREFIX + provider + ".";
            if (!provider.matches("[a-z][a-z0-9-]{0,31}")) {
                throw new IllegalStateException(where + "*: not a provider name");
            }
            String url = config.getOptionalValue(where + "url", String.class).orElseThrow(() ->
                    new IllegalStateException(where + "url is required"));
            String scheme = URI.create(url.strip()).getScheme();
            if (scheme == null || !List.of("file", "https").contains(scheme.toLowerCase(Locale.ROOT))) {
                throw new IllegalStateException(where + "url must be file: (below pricing.imports.allowed-roots) or https:");
            }
            String format = config.getOptionalValue(where + "format", String.class).orElseThrow(() ->
                    new IllegalStateException(where + "format is required"));
            String mode = config.getOptionalValue(where + "mode", String.class).orElse("strict");
            RefreshSchedule schedule;
            try {
                schedule = RefreshSchedule.parse(config.getOptionalValue(where + "schedule", String.class).orElse(""));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(where + "schedule: " + e.getMessage(), e);
            }
            sources.put(provider, new PriceListSource(provider, url.strip(), format, mode, schedule));
        }
        return Map.copyOf(sources);
    }

    // After the seed has started (APPLICATION + 500): the first refresh of every source is due at once.
    void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 700) @Initialized(ApplicationScoped.class)
               Object started) {
        for (PriceListSource source : sources.values()) {
            Instant last = runs.lastSuccess(source.provider()).orElse(null);
            states.put(source.provider(), new State(source.provider(), source.url(), source.format(), source.mode(),
                    source.schedule().toString(), null, null, null, null, null, last, clock.instant()));
            metrics.gauge(Metadata.builder().withName("pricing_import_last_success_seconds")
                            .withDescription("When the provider's price book was last confirmed by an import"
                                    + " (SUCCEEDED or UNCHANGED), in seconds since the epoch; NaN if never").build(),
                    states, all -> Optional.ofNullable(all.get(source.provider())).map(State::lastSuccessAt)
                            .map(at -> at.toEpochMilli() / 1000.0).orElse(Double.NaN),
                    new Tag("provider", source.provider()));
            failures.put(source.provider(), metrics.counter(Metadata.builder()
                    .withName("pricing_import_refresh_failures_total")
                    .withDescription("Scheduled refreshes of the provider's source that failed (the book stayed as it was)")
                    .build(), new Tag("provider", source.provider())));
            schedule(source, Duration.ZERO);
        }
        if (!sources.isEmpty()) {
            LOGGER.info(() -> "price-list sources: " + sources.values());
        }
    }

    private void schedule(PriceListSource source, Duration delay) {
        timer.schedule(() -> Thread.ofVirtual().name("refresh-" + source.provider()).start(() -> refreshDue(source)),
                Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    private void refreshDue(PriceListSource source) {
        Instant started = clock.instant();
        try {
            refresh(source.provider());
        } finally {
            Optional<Instant> next = source.schedule().next(started);
            states.computeIfPresent(source.provider(), (p, s) -> withNext(s, next.orElse(null)));
            next.ifPresent(at -> schedule(source, Duration.between(clock.instant(), at)));
        }
    }

    /** Refreshes one source now (unless a refresh of it runs already) and answers its state after. */
    public Optional<State> refresh(String provider) {
        PriceListSource source = sources.get(provider);
        if (source == null) {
            return Optional.empty();
        }
        AtomicBoolean busy = running.computeIfAbsent(provider, p -> new AtomicBoolean());
        if (!busy.compareAndSet(false, true)) {
            return state(provider);
        }
        Instant at = clock.instant();
        try {
            PriceImports.Submitted submitted = imports.submit(new PriceImports.Request(provider, source.format(),
                    source.mode(), name(source), USER), parts(source));
            if (submitted.work().isPresent()) {
                submitted.work().get().get();
            }
            ImportRun run = runs.byId(submitted.run().id()).orElseThrow();
            record(provider, at, run.status(), run.reason(), run.detail(), run.id());
        } catch (ProblemException e) {
            record(provider, at, ImportRun.Status.FAILED, ImportRun.Reason.SOURCE_UNAVAILABLE, e.getMessage(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | java.util.concurrent.ExecutionException e) {
            LOGGER.log(Level.WARNING, "refresh of " + provider + " failed", e);
            record(provider, at, ImportRun.Status.FAILED, ImportRun.Reason.SOURCE_UNAVAILABLE,
                    "the source could not be read: " + rootMessage(e), null);
        } finally {
            busy.set(false);
        }
        return state(provider);
    }

    private void record(String provider, Instant at, ImportRun.Status status, ImportRun.Reason reason, String detail,
                        Long importId) {
        boolean success = status == ImportRun.Status.SUCCEEDED || status == ImportRun.Status.UNCHANGED;
        states.computeIfPresent(provider, (p, s) -> new State(p, s.url(), s.format(), s.mode(), s.schedule(), at, status,
                reason, detail, importId, success ? clock.instant() : s.lastSuccessAt(), s.nextRunAt()));
        if (!success) {
            failures.get(provider).inc();
            LOGGER.warning(() -> "refresh of " + provider + " " + status + " (" + reason + "): " + detail
                    + "; the book stays as it was");
        }
    }

    private static State withNext(State s, Instant next) {
        return new State(s.provider(), s.url(), s.format(), s.mode(), s.schedule(), s.lastAttemptAt(), s.lastStatus(),
                s.lastReason(), s.lastDetail(), s.lastImportId(), s.lastSuccessAt(), next);
    }

    private String name(PriceListSource source) {
        String url = source.url();
        return url.substring(url.lastIndexOf('/') + 1);
    }

    /** The parts of the price list: files and pages below the allowed roots, or one https: response. */
    private List<PriceImports.Part> parts(PriceListSource source) {
        if (source.url().regionMatches(true, 0, "file:", 0, 5)) {
            return locations.locate(source.url()).parts();
        }
        URI uri = URI.create(source.url());
        return List.of(() -> {
            try {
                HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5))
                        .header("Accept", "*/*").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() != 200) {
                    response.body().close();
                    throw new IOException("HTTP " + response.statusCode() + " from " + uri.getHost());
                }
                return response.body();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        });
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    public Optional<State> state(String provider) {
        return Optional.ofNullable(states.get(provider));
    }

    /** Every configured source's state, by provider. */
    public List<State> states() {
        return new TreeMap<>(states).values().stream().toList();
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
