package dev.inferplan.catalog.versions;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;


/**
 * The {@link VersionIndex}'s versions laid out for search: what the filters read sits in flat
 * arrays indexed by the version's position in id order, metrics in one value-sorted column per
 * name, and all free text in one string. A search then reads contiguous memory instead of chasing
 * 10,000 versions' objects and their 100,000 metrics (which cost ~10 ms a search, nearly all cache
 * misses). Built once per index state; immutable, but for each sort order's permutation of all
 * positions, made when a search first asks for it (then a search scans in that order and sorts nothing).
 */
final class VersionColumns {

    /** Between two versions' texts: no query contains it, so no match spans two versions. */
    private static final char SEPARATOR = '\u0000';

    private final IndexedVersion[] versions;
    // Filter values, one canonical String instance per distinct value: compared with ==.
    private final String[] task;
    private final String[] status;
    private final String[] tier;
    private final long[] familyId;
    private final Map<String, String> canonical;
    private final String text;
    private final int[] textStart;
    private final Map<String, MetricColumn> metrics;
    /** Per sort (but by id or metric): every position in that order, made on the first search that asks. */
    private final Map<VersionQuery.Sort, int[]> orders = new ConcurrentHashMap<>();

    /** One metric's values across all versions, ascending, with the position of each value's version. */
    private record MetricColumn(BigDecimal[] values, int[] positions) {
    }

    /** One metric value of the version at a position, before the column is sorted. */
    private record MetricValue(BigDecimal value, int position) {
    }

    VersionColumns(IndexedVersion[] versionsById) {
        this.versions = versionsById;
        int n = versionsById.length;
        this.task = new String[n];
        this.status = new String[n];
        this.tier = new String[n];
        this.familyId = new long[n];
        this.canonical = new HashMap<>();
        this.textStart = new int[n + 1];
        StringBuilder allText = new StringBuilder();
        Map<String, List<MetricValue>> byMetric = new HashMap<>();
        for (int i = 0; i < n; i++) {
            VersionView view = versionsById[i].view();
            task[i] = canonical(view.task());
            status[i] = canonical(view.status());
            tier[i] = canonical(view.tier());
            familyId[i] = view.familyId();
            textStart[i] = allText.length();
            allText.append(versionsById[i].searchText()).append(SEPARATOR);
            for (MetricView metric : view.metrics()) {
                byMetric.computeIfAbsent(metric.name(), k -> new ArrayList<>()).add(new MetricValue(metric.value(), i));
            }
        }
        textStart[n] = allText.length();
        this.text = allText.toString();
        this.metrics = new HashMap<>();
        byMetric.forEach((name, entries) -> {
            entries.sort(Comparator.comparing(MetricValue::value));
            BigDecimal[] values = new BigDecimal[entries.size()];
            int[] positions = new int[entries.size()];
            for (int k = 0; k < values.length; k++) {
                values[k] = entries.get(k).value();
                positions[k] = entries.get(k).position();
            }
            metrics.put(name, new MetricColumn(values, positions));
        });
    }

    int size() {
        return versions.length;
    }

    IndexedVersion at(int position) {
        return versions[position];
    }

    /** The positions of the versions matching the query, in the query's order. */
    int[] search(VersionQuery query) {
        int n = versions.length;
        // A filter value no version has cannot match: canonical(...) is null for it.
        String wantedTask = query.task().map(canonical::get).orElse(null);
        String wantedTier = query.tier().map(canonical::get).orElse(null);
        String wantedStatus = query.status().map(s -> canonical.get(s.name())).orElse(null);
        if ((query.task().isPresent() && wantedTask == null) || (query.tier().isPresent() && wantedTier == null)
                || (query.status().isPresent() && wantedStatus == null)) {
            return new int[0];
        }
        BigDecimal[] best = query.metric().isPresent() ? best(query) : null;
        boolean[] textMatch = query.text().isPresent() ? textMatches(query.text().get()) : null;
        long wantedFamily = query.familyId().orElse(0L);
        // Scanned in the query's order, so the matches need no sorting; by metric they do, as the
        // value that counts depends on the query's bounds.
        VersionQuery.Key key = query.sort().key();
        boolean descending = query.sort().descending();
        int[] scan = key == VersionQuery.Key.ID || key == VersionQuery.Key.METRIC ? null
                : orders.computeIfAbsent(query.sort(), this::everyPositionIn);
        boolean backwards = key == VersionQuery.Key.ID && descending;
        int[] matching = new int[n];
        int count = 0;
        for (int k = 0; k < n; k++) {
            int i = scan != null ? scan[k] : backwards ? n - 1 - k : k;
            if ((wantedTask == null || task[i] == wantedTask)
                    && (wantedStatus == null || status[i] == wantedStatus)
                    && (wantedTier == null || tier[i] == wantedTier)
                    && (query.familyId().isEmpty() || familyId[i] == wantedFamily)
                    && (best == null || best[i] != null)
                    && (textMatch == null || textMatch[i])) {
                matching[count++] = i;
            }
        }
        int[] matches = Arrays.copyOf(matching, count);
        return key == VersionQuery.Key.METRIC ? sorted(matches, query.sort(), best) : matches;
    }

    /** Per position, the version's best value of the metric within the bounds (any dataset), or null. */
    private BigDecimal[] best(VersionQuery query) {
        BigDecimal[] best = new BigDecimal[versions.length];
        MetricColumn column = metrics.get(query.metric().get());
        if (column == null) {
            return best;
        }
        int from = query.minValue().map(min -> firstAtLeast(column.values(), min)).orElse(0);
        int to = query.maxValue().map(max -> firstAbove(column.values(), max)).orElse(column.values().length);
        // ascending: the last value written for a version is its best within the bounds
        for (int k = from; k < to; k++) {
            best[column.positions()[k]] = column.values()[k];
        }
        return best;
    }

    private boolean[] textMatches(String query) {
        boolean[] matches = new boolean[versions.length];
        String needle = query.toLowerCase(Locale.ROOT);
        if (needle.indexOf(SEPARATOR) >= 0) {
            return matches;
        }
        for (int at = text.indexOf(needle); at >= 0; ) {
            int position = Arrays.binarySearch(textStart, at);
            position = position >= 0 ? position : -position - 2;
            matches[position] = true;
            at = text.indexOf(needle, textStart[position + 1]);   // the next version's text
        }
        return matches;
    }

    private int[] everyPositionIn(VersionQuery.Sort sort) {
        int[] all = new int[versions.length];
        Arrays.setAll(all, i -> i);
        return sorted(all, sort, null);
    }

    /** The positions in the sort's order, ties by id in the same direction (positions ascend with ids). */
    private int[] sorted(int[] positions, VersionQuery.Sort sort, BigDecimal[] best) {
        boolean descending = sort.descending();
        Comparator<Integer> byKey = switch (sort.key()) {
            case CREATED_AT -> Comparator.comparing(p -> versions[p].view().createdAt());
            case LABEL -> Comparator.comparing(p -> versions[p].view().label(), TEXT);
            case FAMILY -> Comparator.comparing(p -> versions[p].view().familyName(), TEXT);
            case STATUS -> Comparator.comparing(p -> status[p]);
            // absent values (no tier) last either way: reversed() below flips nullsFirst into nullsLast
            case TIER -> Comparator.comparing(p -> tier[p], descending ? Comparator.nullsFirst(Comparator.<String>naturalOrder())
                    : Comparator.nullsLast(Comparator.<String>naturalOrder()));
            case METRIC -> Comparator.comparing(p -> best[p]);
            case ID -> (a, b) -> 0;   // the tie-break below is the id
        };
        Comparator<Integer> order = byKey.thenComparing(Comparator.naturalOrder());
        Integer[] boxed = Arrays.stream(positions).boxed().toArray(Integer[]::new);
        Arrays.sort(boxed, descending ? order.reversed() : order);
        return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
    }

    /** Case-insensitive first, as the database's default collation orders names. */
    private static final Comparator<String> TEXT = String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder());

    private String canonical(String value) {
        return value == null ? null : canonical.computeIfAbsent(value, v -> v);
    }

    private static int firstAtLeast(BigDecimal[] values, BigDecimal min) {
        int low = 0;
        int high = values.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (values[middle].compareTo(min) < 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private static int firstAbove(BigDecimal[] values, BigDecimal max) {
        int low = 0;
        int high = values.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (values[middle].compareTo(max) <= 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
