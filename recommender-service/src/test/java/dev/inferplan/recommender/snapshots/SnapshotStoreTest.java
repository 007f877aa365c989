package dev.inferplan.recommender.snapshots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.inferplan.recommender.upstreams.CatalogClient;
import dev.inferplan.recommender.upstreams.PricingClient;

import org.junit.jupiter.api.Test;

/** The snapshot store against upstreams at ports (no process behind them): who waits for a check or a reload. */
class SnapshotStoreTest {

    private static final URI NOWHERE = URI.create("grpc://127.0.0.1:9");

    /** A clock the test moves. */
    private static final class Ticking extends Clock {
        private final AtomicLong millis = new AtomicLong(1_000_000);

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    /** Its position check blocks while {@code gate} is closed, once {@code block} is set. */
    private static final class SlowCatalog extends CatalogClient {
        volatile CountDownLatch block;
        final CountDownLatch entered = new CountDownLatch(1);

        SlowCatalog() {
            super(NOWHERE, 100, 100);
        }

        @Override
        public Optional<OptionalLong> position(String token) {
            CountDownLatch gate = block;
            if (gate != null) {
                entered.countDown();
                try {
                    gate.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Optional.of(OptionalLong.of(41));
        }

        @Override
        public Optional<CatalogSnapshot> load(String token, long position) {
            return Optional.of(new CatalogSnapshot(position, List.of("text-embedding"), List.of(), List.of(),
                    Instant.EPOCH));
        }
    }

    private static final class Pricing extends PricingClient {
        Pricing() {
            super(NOWHERE, 100, 100);
        }

        @Override
        public Optional<List<Long>> bookVersions(String token, long asOfEpochMs) {
            return Optional.of(List.of(7L));
        }

        @Override
        public Optional<PriceSnapshot> offers(String token, long asOfEpochMs) {
            return Optional.of(new PriceSnapshot(List.of(7L), List.of(), Instant.EPOCH, List.of()));
        }
    }

    @Test
    void whileOneRequestChecksTheUpstreamsTheOthersAnswerFromTheSnapshotHeld() throws Exception {
        Ticking clock = new Ticking();
        SlowCatalog catalog = new SlowCatalog();
        SnapshotStore store = new SnapshotStore(catalog, new Pricing(), Duration.ofSeconds(5), Duration.ofMinutes(10),
                clock, 1);
        Snapshot first = store.current("token").snapshot();

        clock.millis.addAndGet(6_000);   // the check is due
        CountDownLatch gate = new CountDownLatch(1);
        catalog.block = gate;
        // threads of their own: the common pool has a single worker on a 2-core machine
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
        CompletableFuture<SnapshotStore.Current> checking = CompletableFuture.supplyAsync(() -> store.current("token"),
                threads);
        assertTrue(catalog.entered.await(10, TimeUnit.SECONDS), "the first request checks the catalog");

        SnapshotStore.Current meanwhile = CompletableFuture.supplyAsync(() -> store.current("token"), threads)
                .get(5, TimeUnit.SECONDS);   // it would wait for the gate if it queued behind the check
        assertSame(first, meanwhile.snapshot());
        assertFalse(meanwhile.stale());
        assertEquals(6, meanwhile.ageSeconds(), "its age says how long ago it was last confirmed");
        assertFalse(checking.isDone());

        gate.countDown();
        SnapshotStore.Current checked = checking.get(10, TimeUnit.SECONDS);
        assertSame(first, checked.snapshot(), "nothing changed upstream: the same snapshot, confirmed again");
        assertEquals(0, checked.ageSeconds());
        threads.shutdown();
    }
}
