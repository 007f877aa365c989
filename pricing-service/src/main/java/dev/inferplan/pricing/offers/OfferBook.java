package dev.inferplan.pricing.offers;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.inferplan.platform.problem.ProblemException;
import dev.inferplan.pricing.book.PriceBookPublished;
import dev.inferplan.pricing.book.PriceBookVersions;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.interceptor.Interceptor;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads the book: the versions in force now or as of an instant, then the offers in them. The
 * REST resource and the gRPC adapter both ask here.
 */
@ApplicationScoped
public class OfferBook {

    private final PriceBookVersions versions;
    private final OfferRepository offers;
    private final long cheapestTimeoutSeconds;

    @Inject
    public OfferBook(PriceBookVersions versions, OfferRepository offers,
                     @ConfigProperty(name = "pricing.cheapest.timeout-seconds", defaultValue = "30")
                     long cheapestTimeoutSeconds) {
        this.versions = versions;
        this.offers = offers;
        this.cheapestTimeoutSeconds = cheapestTimeoutSeconds;
    }

    /**
     * A page of offers: {@code total} is exact unless {@code totalCapped} (then at least that many match);
     * {@code next}, absent on the last page, is what to pass as {@code after} for the next one.
     */
    public record Page(List<OfferView> items, long total, boolean totalCapped, String next) {
    }

    /** Plain JDBC outside any transaction (ADR 0005): see {@link OfferRepository}. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Page find(OfferFilter filter, OfferRepository.Sort sort, java.util.Optional<OfferRepository.Cursor> after,
                     int offset, int limit) {
        OfferRepository.Found found = offers.page(inForce(filter), filter, sort, after, offset, limit);
        return new Page(found.items().stream().map(OfferView::of).toList(), found.total(), found.totalCapped(),
                found.next().map(OfferCursors::encode).orElse(null));
    }

    /**
     * The cheapest offer per accelerator and what was compared: which kinds of offers ({@code offerKinds},
     * deployable ones unless parts were asked for), by which figure ({@code per}), in words ({@code compared}).
     */
    public record Cheapest(String compared, List<String> offerKinds, String per, List<OfferView> items) {
        static Cheapest of(OfferFilter filter, List<OfferView> items) {
            List<String> kinds = filter.kinds().stream().map(Enum::name).sorted().toList();
            String what = filter.kinds().equals(dev.inferplan.pricing.pricelists.OfferKind.DEPLOYABLE)
                    ? "deployable offers: whole instances (INSTANCE) and configurations of a host with its attached"
                            + " accelerators priced as their sum (CONFIGURATION)"
                    : "offers of kind " + String.join(", ", kinds) + " (parts are not deployable alone)";
            return new Cheapest(what + ", compared per accelerator-hour: hourlyUsd / acceleratorCount", kinds,
                    "accelerator-hour", items);
        }
    }

    /**
     * For each accelerator, the cheapest offer per accelerator-hour, as JSON. Memoized per (versions in
     * force, filter): a version's offers never change, so an answer stays right until an import changes
     * which versions are in force (then the key differs). Serialized once per answer: under load,
     * serializing the same few dozen offers with JSON-B for every request cost more than everything
     * else the request does.
     *
     * <p>Not one transaction: the versions in force are read in a short one; an answer not yet known is
     * computed by a loader with transactions of its own, and the requests that want it wait for it
     * holding neither a transaction nor a connection (a first request under load otherwise kept every
     * pooled connection waiting behind one long read).
     */
    public byte[] cheapestPerAcceleratorJson(OfferFilter filter) {
        List<Long> inForce = inForce(filter);
        CheapestKey key = new CheapestKey(inForce, filter.withoutVersions());
        CompletableFuture<byte[]> answer = cheapest.computeIfAbsent(key, k -> CompletableFuture.supplyAsync(() ->
                JSONB.toJson(Cheapest.of(filter, acceleratorOffers.cheapestPerAccelerator(inForce, filter,
                        offers::acceleratorOffers).stream().map(OfferView::of).toList())).getBytes(StandardCharsets.UTF_8),
                loader));
        try {
            return answer.get(cheapestTimeoutSeconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            cheapest.remove(key, answer);
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new ProblemException(503, "busy", "Service Unavailable", "The cheapest offers are still being"
                    + " computed after " + cheapestTimeoutSeconds + " s; retry shortly.", List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Computes the unfiltered answer for the versions in force now, in the background (after start and
     * after imports): it reads every version's accelerator offers, so later answers are scans in memory.
     * Readiness waits for the latest warm-up ({@link CheapestOffersReadiness}).
     */
    public void warm() {
        latestWarm = CompletableFuture.runAsync(() -> {
            long started = System.nanoTime();
            cheapestPerAcceleratorJson(OfferFilter.ANY);
            LOGGER.info(() -> String.format("cheapest offers ready: %d versions held, %.2f s",
                    acceleratorOffers.heldVersions(), (System.nanoTime() - started) / 1e9));
        }, loader).whenComplete((done, failure) -> {
            if (failure != null) {
                LOGGER.log(Level.WARNING, "warming the cheapest offers failed", failure);
            }
        });
    }

    /** The latest warm-up: done, running, or failed (then readiness asks for another). */
    CompletableFuture<Void> latestWarm() {
        return latestWarm;
    }

    private volatile CompletableFuture<Void> latestWarm = CompletableFuture.completedFuture(null);

    void warmOnStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        warm();
    }

    /** The versions in force changed: have the default cheapest answer ready (after the in-force cache forgot). */
    void warmOnPublish(@Observes(during = TransactionPhase.AFTER_SUCCESS) @Priority(Interceptor.Priority.APPLICATION)
                       PriceBookPublished published) {
        warm();
    }

    @PreDestroy
    void stop() {
        loader.shutdownNow();
    }

    private static final Logger LOGGER = Logger.getLogger(OfferBook.class.getName());
    private static final Jsonb JSONB = JsonbBuilder.create();

    // Platform threads: a loader on a virtual thread waits behind every request's virtual thread for
    // the two carriers, and under load never finishes; the OS scheduler gives these their share.
    private final ExecutorService loader = Executors.newCachedThreadPool(Thread.ofPlatform().daemon()
            .name("cheapest-offers-", 0).factory());
    private final AcceleratorOffers acceleratorOffers = new AcceleratorOffers(16);

    private record CheapestKey(List<Long> versions, OfferFilter filter) {
    }

    private final Map<CheapestKey, CompletableFuture<byte[]>> cheapest = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<CheapestKey, CompletableFuture<byte[]>> eldest) {
                    return size() > 256;
                }
            });

    /** Every matching offer to the consumer, read in chunks outside any transaction ({@link OfferRepository#forEach}). */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void forEach(OfferFilter filter, java.util.function.Consumer<PriceOffer> consumer) {
        offers.forEach(inForce(filter), filter, consumer);
    }

    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public java.util.Optional<PriceOffer> byKey(String provider, String region, String zone, String instanceType,
                                                dev.inferplan.contracts.pricing.PurchaseOption option,
                                                java.util.Optional<java.time.Instant> asOf) {
        return offers.byKey(versions.inForceIds(asOf, java.util.Optional.of(provider)), provider,
                dev.inferplan.pricing.pricelists.OfferRow.instanceKey(region, zone, instanceType, option), region, zone,
                instanceType, option);
    }

    /** The versions a filter reads: those it names, or those in force now or as of its instant. */
    private List<Long> inForce(OfferFilter filter) {
        if (!filter.versions().isEmpty()) {
            return filter.versions().stream().distinct().sorted().toList();
        }
        // only the versions of the providers asked for: every version read is a query per page
        return versions.inForce(filter.asOf()).stream()
                .filter(v -> filter.providers().isEmpty() || filter.providers().contains(v.provider()))
                .map(PriceBookVersions.InForce::id).toList();
    }
}
