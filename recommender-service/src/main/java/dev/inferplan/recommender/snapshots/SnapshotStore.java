package dev.inferplan.recommender.snapshots;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import dev.inferplan.platform.problem.ProblemException;
import dev.inferplan.recommender.upstreams.CatalogClient;
import dev.inferplan.recommender.upstreams.PricingClient;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Holds the snapshot the recommender answers from, loaded over gRPC with the caller's token. At most
 * every {@code recommender.snapshot.check-interval} a request checks whether the catalog (its audit
 * position) or the price book (its version ids) changed, and reloads the part that did; an upstream
 * that cannot say (no position or versions served) is reloaded every
 * {@code recommender.snapshot.reload-interval}. When a check or a load fails the last good snapshot
 * stays in use, marked stale with its age (the time since it was last confirmed current); with no
 * snapshot at all, 503. One refresh at a time (a lock, not {@code synchronized}: virtual threads).
 */
@ApplicationScoped
public class SnapshotStore {

    private static final int AS_OF_SNAPSHOTS_KEPT = 4;

    private final CatalogClient catalog;
    private final PricingClient pricing;
    private final Duration checkInterval;
    private final Duration reloadInterval;
    private final Clock clock;
    private final int benchOfferCopies;
    private final ReentrantLock refreshing = new ReentrantLock();
    private final AtomicReference<Held> current = new AtomicReference<>();
    private final Map<Long, PriceSnapshot> asOfPrices = new LinkedHashMap<>(8, 0.75f, true);

    @Inject
    public SnapshotStore(CatalogClient catalog, PricingClient pricing,
                         @ConfigProperty(name = "recommender.snapshot.check-interval") Duration checkInterval,
                         @ConfigProperty(name = "recommender.snapshot.reload-interval") Duration reloadInterval,
                         @ConfigProperty(name = "recommender.bench.offer-copies", defaultValue = "1") int benchOfferCopies) {
        this(catalog, pricing, checkInterval, reloadInterval, Clock.systemUTC(), benchOfferCopies);
    }

    SnapshotStore(CatalogClient catalog, PricingClient pricing, Duration checkInterval, Duration reloadInterval,
                  Clock clock, int benchOfferCopies) {
        this.catalog = catalog;
        this.pricing = pricing;
        this.checkInterval = checkInterval;
        this.reloadInterval = reloadInterval;
        this.clock = clock;
        this.benchOfferCopies = benchOfferCopies;
    }

    /** The snapshot to answer from, with whether it is confirmed current. */
    public record Current(Snapshot snapshot, boolean stale, long ageSeconds, double loadMs) {
    }

    /** What is held: the snapshot, when it was last confirmed current, when last checked, and whether that check failed. */
    private record Held(Snapshot snapshot, Instant confirmedAt, Instant checkedAt, boolean stale) {
    }

    /** When the held snapshot was last confirmed current, and whether its last check failed. */
    public record Standing(Instant confirmedAt, boolean stale) {
    }

    /** The held snapshot's standing, without checking the upstreams; empty before the first load. */
    public Optional<Standing> standing() {
        Held held = current.get();
        return held == null ? Optional.empty() : Optional.of(new Standing(held.confirmedAt(), held.stale()));
    }

    /** The current snapshot (refreshed first when due), or 503 when there has never been one. */
    public Current current(String token) {
        long start = System.nanoTime();
        Held held = current.get();
        if (held == null) {
            refreshing.lock();
            try {
                held = refreshIfDue(token);
            } finally {
                refreshing.unlock();
            }
        } else if (due(held) && refreshing.tryLock()) {
            // one request checks and reloads; the others answer from the snapshot held meanwhile instead of
            // queueing behind a reload that can take seconds
            try {
                held = refreshIfDue(token);
            } finally {
                refreshing.unlock();
            }
        }
        Instant now = clock.instant();
        return new Current(held.snapshot(), held.stale(),
                Math.max(0, Duration.between(held.confirmedAt(), now).toSeconds()),
                (System.nanoTime() - start) / 1e6);
    }

    /** The snapshot with the price book as of an instant (kept for a few instants) and the current catalog. */
    public Current asOf(String token, Instant asOf) {
        Current now = current(token);
        long key = asOf.toEpochMilli();
        PriceSnapshot prices;
        refreshing.lock();
        try {
            prices = asOfPrices.get(key);
            if (prices == null) {
                prices = pricing.offers(token, key).orElseThrow(() -> unavailable(
                        "pricing-service is unavailable and the price book as of " + asOf + " was never loaded"));
                asOfPrices.put(key, prices);
                if (asOfPrices.size() > AS_OF_SNAPSHOTS_KEPT) {
                    asOfPrices.remove(asOfPrices.keySet().iterator().next());
                }
            }
        } finally {
            refreshing.unlock();
        }
        return new Current(new Snapshot(now.snapshot().catalog(), prices), now.stale(), now.ageSeconds(), now.loadMs());
    }

    /** With {@code refreshing} held: the snapshot, checked (and reloaded) first unless another request just did. */
    private Held refreshIfDue(String token) {
        Held held = current.get();
        if (held == null || due(held)) {
            held = refresh(held, token);
            current.set(held);
        }
        return held;
    }

    private boolean due(Held held) {
        return !clock.instant().isBefore(held.checkedAt().plus(checkInterval));
    }

    private Held refresh(Held held, String token) {
        Instant now = clock.instant();
        Optional<OptionalLong> position = catalog.position(token);
        Optional<List<Long>> versions = pricing.bookVersions(token, 0);
        if (position.isEmpty() || versions.isEmpty()) {
            return stale(held, now, position.isEmpty() ? "catalog-service" : "pricing-service");
        }
        CatalogSnapshot catalogSnapshot = held == null ? null : held.snapshot().catalog();
        OptionalLong newPosition = position.get();
        if (catalogSnapshot == null || (newPosition.isPresent() ? newPosition.getAsLong() != catalogSnapshot.position()
                : !now.isBefore(catalogSnapshot.loadedAt().plus(reloadInterval)))) {
            Optional<CatalogSnapshot> loaded = catalog.load(token, newPosition.orElse(-1));
            if (loaded.isEmpty()) {
                return stale(held, now, "catalog-service");
            }
            catalogSnapshot = loaded.get();
        }
        PriceSnapshot prices = held == null ? null : held.snapshot().prices();
        List<Long> inForce = versions.get();
        if (prices == null || (!inForce.isEmpty() ? !inForce.equals(prices.bookVersions())
                : !now.isBefore(prices.loadedAt().plus(reloadInterval)))) {
            Optional<PriceSnapshot> loaded = pricing.offers(token, 0);
            if (loaded.isEmpty()) {
                return stale(held, now, "pricing-service");
            }
            prices = (inForce.isEmpty() ? loaded.get()
                    : new PriceSnapshot(inForce, loaded.get().offers(), loaded.get().loadedAt(),
                            loaded.get().unitOffers())).times(benchOfferCopies);
        }
        Snapshot snapshot = held != null && catalogSnapshot == held.snapshot().catalog()
                && prices == held.snapshot().prices() ? held.snapshot() : new Snapshot(catalogSnapshot, prices);
        return new Held(snapshot, now, now, false);
    }

    private Held stale(Held held, Instant now, String upstream) {
        if (held == null) {
            throw unavailable(upstream + " is unavailable and no snapshot of the catalog and the price book was "
                    + "ever loaded: no plan can be computed");
        }
        return new Held(held.snapshot(), held.confirmedAt(), now, true);
    }

    private static ProblemException unavailable(String detail) {
        return new ProblemException(503, "no-snapshot", "Service unavailable", detail, List.of());
    }
}
