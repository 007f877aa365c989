package dev.inferplan.catalog.tiers;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.inferplan.catalog.versions.MetricView;
import dev.inferplan.catalog.versions.Tier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

/**
 * Proposes a tier from the evidence: the best value of the task's primary quality metric and the
 * cheapest attached cost per 1k inferences, against thresholds configured per task
 * ({@code catalog.tier-policy.<task>.<key>}, falling back to {@code catalog.tier-policy.default.<key>}):
 * <ul>
 *   <li>TIER_3 when quality reaches {@code tier3-min-quality} (high accuracy), or the cheapest cost is at
 *       least {@code tier3-min-cost-per-1k-usd} (high cost);</li>
 *   <li>else TIER_1 when a cost is known and at most {@code tier1-max-cost-per-1k-usd};</li>
 *   <li>else TIER_2 when there is any evidence; no proposal without evidence.</li>
 * </ul>
 * Read once at start-up; the committee overrides a proposal with a reason.
 */
@ApplicationScoped
public class TierPolicy {

    static final String PREFIX = "catalog.tier-policy.";

    /** The thresholds for one task; a null threshold is not applied. */
    public record Thresholds(String primaryMetric, BigDecimal tier1MaxCostPer1kUsd, BigDecimal tier3MinCostPer1kUsd,
                             BigDecimal tier3MinQuality) {
    }

    public record Proposal(Tier tier, List<String> reasons, Thresholds thresholds) {
        public Optional<Tier> asOptional() {
            return Optional.ofNullable(tier);
        }
    }

    private final Thresholds defaults;
    private final Map<String, Thresholds> perTask;

    @Inject
    public TierPolicy(Config config) {
        this(read(config));
    }

    TierPolicy(Map<String, Map<String, String>> settings) {
        Map<String, String> fallback = settings.getOrDefault("default", Map.of());
        this.defaults = thresholds(fallback, Map.of());
        this.perTask = new HashMap<>();
        settings.forEach((task, values) -> {
            if (!task.equals("default")) {
                perTask.put(task, thresholds(values, fallback));
            }
        });
    }

    public Thresholds forTask(String task) {
        return perTask.getOrDefault(task, defaults);
    }

    public Proposal propose(String task, List<MetricView> metrics, Optional<BigDecimal> cheapestCostPer1kUsd) {
        Thresholds thresholds = forTask(task);
        List<String> reasons = new ArrayList<>();
        Optional<MetricView> best = best(thresholds.primaryMetric(), metrics);
        boolean highAccuracy = false;
        if (best.isPresent() && thresholds.tier3MinQuality() != null) {
            MetricView metric = best.get();
            int comparison = metric.value().compareTo(thresholds.tier3MinQuality());
            highAccuracy = metric.higherIsBetter() ? comparison >= 0 : comparison <= 0;
            reasons.add(metric.name() + " " + metric.value().toPlainString() + " on " + metric.dataset()
                    + (highAccuracy ? " reaches " : " is below ") + "the high-accuracy threshold "
                    + thresholds.tier3MinQuality().toPlainString());
        } else if (thresholds.primaryMetric() != null) {
            reasons.add("no " + thresholds.primaryMetric() + " metric");
        }
        boolean cheap = false;
        boolean expensive = false;
        if (cheapestCostPer1kUsd.isPresent()) {
            BigDecimal cost = cheapestCostPer1kUsd.get();
            cheap = thresholds.tier1MaxCostPer1kUsd() != null && cost.compareTo(thresholds.tier1MaxCostPer1kUsd()) <= 0;
            expensive = thresholds.tier3MinCostPer1kUsd() != null && cost.compareTo(thresholds.tier3MinCostPer1kUsd()) >= 0;
            reasons.add("cheapest cost per 1k inferences " + cost.stripTrailingZeros().toPlainString() + " USD"
                    + (cheap ? " is within the low-cost bound " + thresholds.tier1MaxCostPer1kUsd().toPlainString()
                    : expensive ? " reaches the high-cost bound " + thresholds.tier3MinCostPer1kUsd().toPlainString()
                    : " is between the low- and high-cost bounds"));
        } else {
            reasons.add("no cost estimate");
        }
        Tier tier;
        if (highAccuracy || expensive) {
            tier = Tier.TIER_3;
        } else if (cheap) {
            tier = Tier.TIER_1;
        } else if (best.isPresent() || cheapestCostPer1kUsd.isPresent()) {
            tier = Tier.TIER_2;
        } else {
            tier = null;
        }
        return new Proposal(tier, List.copyOf(reasons), thresholds);
    }

    /** The best value of the metric over all datasets (highest, or lowest where lower is better). */
    static Optional<MetricView> best(String metricName, List<MetricView> metrics) {
        if (metricName == null) {
            return Optional.empty();
        }
        return metrics.stream().filter(m -> m.name().equals(metricName))
                .max(Comparator.comparing(m -> m.higherIsBetter() ? m.value() : m.value().negate()));
    }

    private static Thresholds thresholds(Map<String, String> values, Map<String, String> fallback) {
        return new Thresholds(value("primary-metric", values, fallback),
                decimal("tier1-max-cost-per-1k-usd", values, fallback),
                decimal("tier3-min-cost-per-1k-usd", values, fallback),
                decimal("tier3-min-quality", values, fallback));
    }

    private static String value(String key, Map<String, String> values, Map<String, String> fallback) {
        String value = values.getOrDefault(key, fallback.get(key));
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static BigDecimal decimal(String key, Map<String, String> values, Map<String, String> fallback) {
        String value = value(key, values, fallback);
        try {
            return value == null ? null : new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(PREFIX + "*." + key + " is not a decimal: " + value, e);
        }
    }

    private static Map<String, Map<String, String>> read(Config config) {
        Map<String, Map<String, String>> settings = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            if (!name.startsWith(PREFIX)) {
                continue;
            }
            String rest = name.substring(PREFIX.length());
            int dot = rest.indexOf('.');
            if (dot > 0) {
                config.getOptionalValue(name, String.class).ifPresent(value -> settings
                        .computeIfAbsent(rest.substring(0, dot), t -> new HashMap<>()).put(rest.substring(dot + 1), value));
            }
        }
        return settings;
    }
}
