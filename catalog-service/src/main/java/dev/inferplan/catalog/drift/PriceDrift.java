package dev.inferplan.catalog.drift;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.inferplan.contracts.grpc.pricing.ListPriceBookEventsResponse;
import dev.inferplan.contracts.grpc.pricing.PriceBookEvent;
import dev.inferplan.contracts.grpc.pricing.PriceOffer;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Drift re-review on prices (issue 13 §5): follows pricing's price-book event log after the
 * position it last reached ({@code event_cursor}), and for each APPROVED version whose report-backed
 * cost estimate (its newest) is priced by a provider that changed, compares the plan's offer in the
 * report's price-book versions with the offer now ({@link DriftRule}). A re-priced monthly cost more
 * than {@code catalog.drift.price-change-percent} away from the approved one, or an offer no longer
 * in the book, raises REVIEW_SUGGESTED with the reason. Hand-typed estimates name no offer and are
 * not re-priced. The position advances only after a batch is judged: a failed poll is retried whole
 * next time, and a cause flags a version once however often it is seen.
 */
@ApplicationScoped
public class PriceDrift {

    private static final Logger LOG = Logger.getLogger(PriceDrift.class.getName());
    static final String CURSOR = "pricing-price-book-events";

    private final PricingClient pricing;
    private final ReviewFlags flags;
    private final DriftStore store;
    private final BigDecimal thresholdPercent;
    private final long intervalMs;
    private ScheduledExecutorService scheduler;

    @Inject
    public PriceDrift(PricingClient pricing, ReviewFlags flags, DriftStore store,
                      @ConfigProperty(name = "catalog.drift.price-change-percent", defaultValue = "10")
                      BigDecimal thresholdPercent,
                      @ConfigProperty(name = "catalog.drift.poll-interval-ms", defaultValue = "60000") long intervalMs) {
        this.pricing = pricing;
        this.flags = flags;
        this.store = store;
        this.thresholdPercent = thresholdPercent;
        this.intervalMs = intervalMs;
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (intervalMs <= 0 || !pricing.configured()) {
            LOG.info("price drift watch is off (catalog.drift.poll-interval-ms <= 0 or no pricing.grpc.uri)");
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("price-drift").daemon().factory());
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                poll();
            } catch (RuntimeException e) {
                // Pricing down or slow: the position stays, the next round asks again.
                LOG.log(Level.WARNING, "price drift poll failed; retried next round: " + e.getMessage());
            }
        }, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /** One round: every event after the position, judged; answers the number of flags raised. */
    public int poll() {
        int raised = 0;
        while (true) {
            long position = store.position(CURSOR);
            ListPriceBookEventsResponse page = pricing.eventsAfter(position, 100);
            if (page.getEventsCount() == 0) {
                return raised;
            }
            for (PriceBookEvent event : page.getEventsList()) {
                raised += judge(event);
            }
            store.advance(CURSOR, page.getPosition());
        }
    }

    private int judge(PriceBookEvent event) {
        int raised = 0;
        for (DriftStore.PlanEstimate estimate : store.approvedReportEstimates(event.getProvider())) {
            Optional<String> reason = reason(event, estimate);
            if (reason.isPresent() && flags.raise(estimate.versionId(), reason.get(),
                    "price-book-event:" + event.getPosition())) {
                raised++;
            }
        }
        return raised;
    }

    private Optional<String> reason(PriceBookEvent event, DriftStore.PlanEstimate e) {
        String plan = e.provider() + " " + e.region() + " " + e.instanceType() + " " + e.purchaseOption()
                + " (report " + e.reportId() + ", plan " + e.planRank() + ")";
        String book = e.provider() + " price book v" + event.getPriceBookVersion();
        Optional<PriceOffer> before = pricing.offerIn(e.priceBookVersions(), e.provider(), e.region(), e.instanceType(),
                e.purchaseOption());
        Optional<PriceOffer> now = pricing.currentOffer(e.provider(), e.region(), e.instanceType(), e.purchaseOption());
        if (now.isEmpty()) {
            return Optional.of(book + " no longer offers the approved plan's " + plan);
        }
        if (before.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal oldHourly = new BigDecimal(before.get().getHourlyUsd().getUsd());
        BigDecimal newHourly = new BigDecimal(now.get().getHourlyUsd().getUsd());
        if (oldHourly.signum() <= 0) {
            return Optional.empty();
        }
        BigDecimal monthly = DriftRule.repriced(e.monthlyUsd(), oldHourly, newHourly);
        return DriftRule.beyond(e.monthlyUsd(), monthly, thresholdPercent).map(change -> book + " re-prices the approved"
                + " plan " + plan + " at " + newHourly.toPlainString() + " USD/h (was " + oldHourly.toPlainString()
                + "): monthly " + monthly.toPlainString() + " USD against the approved "
                + e.monthlyUsd().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString()
                + " USD, " + DriftRule.signed(change) + ", beyond " + thresholdPercent.toPlainString() + " %");
    }

}
