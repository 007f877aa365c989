package dev.inferplan.pricing.offers;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import javax.sql.DataSource;

import dev.inferplan.contracts.pricing.PurchaseOption;
import dev.inferplan.pricing.pricelists.OfferKind;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Every read of offers: plain JDBC on a pooled connection borrowed per statement, outside JTA and
 * EclipseLink, whose shared accessor lock deadlocks the pool once more reads run than it has connections
 * (ADR 0005). Reads see committed versions only, which is all a reader may see. Filters are bind
 * parameters; sort keys map to columns (never raw input in SQL).
 *
 * <p>Pages are read <b>per version</b> and merged: {@code WHERE version_id = ? … ORDER BY <sort>, id LIMIT n}
 * walks the (version, sort column) index and stops after n matches, where one query over several versions
 * sorted every match first (4.4 s for the first 100 of 175k offers on MariaDB). Paging is by keyset: the
 * next page starts after the last offer's (sort value, id).
 */
@ApplicationScoped
public class OfferRepository {

    /** The sort keys the API accepts. Offers without the sorted figure are not listed under that sort. */
    public enum Sort {
        hourlyUsd("hourly_usd", "ix_offer_version_price_id", PriceOffer::hourlyUsd),
        perAcceleratorHourUsd("per_accelerator_hour_usd", "ix_offer_version_per_accelerator_id",
                PriceOffer::perAcceleratorHourUsd),
        perVcpuHourUsd("per_vcpu_hour_usd", "ix_offer_version_per_vcpu_id", PriceOffer::perVcpuHourUsd),
        /** Per-unit offers only (kind PER_UNIT): the price of one unit of work. */
        unitPriceUsd("unit_price_usd", "ix_offer_version_unit_price_id", PriceOffer::unitPriceUsd);

        final String column;
        /** The (version, column, id) index a page walks in order. */
        final String index;
        final Function<PriceOffer, BigDecimal> value;

        Sort(String column, String index, Function<PriceOffer, BigDecimal> value) {
            this.column = column;
            this.index = index;
            this.value = value;
        }

        Comparator<PriceOffer> order() {
            return Comparator.comparing(value).thenComparingLong(PriceOffer::id);
        }
    }

    /** Where a page ends: the next one starts after this offer's sort value and id. */
    public record Cursor(BigDecimal value, long id) {
    }

    /**
     * One page; {@code total} counts the matches exactly up to {@link #COUNT_CAP}, beyond which it is that
     * cap and {@code totalCapped} says so; {@code next} is empty on the last page.
     */
    public record Found(List<PriceOffer> items, long total, boolean totalCapped, Optional<Cursor> next) {
    }

    /** Counting stops here: an exact count of 175k matches costs what the whole page should. */
    public static final int COUNT_CAP = 10_000;

    static final String COLUMNS = "id, version_id, provider, region, zone, instance_type, offer_kind, accelerator,"
            + " accelerator_count, accelerator_memory_gib, vcpus, memory_gib, cpu_architecture, purchase_option,"
            + " hourly_usd, per_accelerator_hour_usd, per_vcpu_hour_usd, upfront_usd, offer_key, host_offer_kind,"
            + " host_hourly_usd, attached_hourly_usd, price_unit, served_model, unit_price_usd, payment_option,"
            + " effective_from, effective_to";

    private static final int STREAM_CHUNK = 1000;

    private final DataSource dataSource;

    @Inject
    public OfferRepository(@Named("pricing") DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The CDI proxy's constructor. */
    protected OfferRepository() {
        this.dataSource = null;
    }

    /** A page of the matching offers of the given versions, after {@code after} (keyset) or {@code offset}. */
    public Found page(List<Long> versions, OfferFilter filter, Sort sort, Optional<Cursor> after, int offset, int limit) {
        List<PriceOffer> merged = new ArrayList<>();
        long total = 0;
        int wanted = offset + limit + 1;
        try (Connection connection = dataSource.getConnection()) {
            for (long version : versions) {
                Where counted = where(version, filter);
                counted.sql.append(" AND ").append(sort.column).append(" IS NOT NULL");
                Where where = pageQuery(version, filter, sort, after, wanted);
                try (PreparedStatement select = connection.prepareStatement(where.sql.toString())) {
                    where.bind(select);
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            merged.add(read(rows));
                        }
                    }
                }
                if (total <= COUNT_CAP) {
                    try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM (SELECT 1 FROM"
                            + " price_offer WHERE " + counted.sql + " LIMIT " + (COUNT_CAP + 1) + ") m")) {
                        counted.bind(count);
                        try (ResultSet row = count.executeQuery()) {
                            row.next();
                            total += row.getLong(1);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read offers: " + e.getMessage(), e);
        }
        merged.sort(sort.order());
        List<PriceOffer> items = merged.subList(Math.min(offset, merged.size()), Math.min(offset + limit, merged.size()));
        Optional<Cursor> next = merged.size() > offset + limit && !items.isEmpty()
                ? Optional.of(new Cursor(sort.value.apply(items.get(items.size() - 1)), items.get(items.size() - 1).id()))
                : Optional.empty();
        boolean capped = total > COUNT_CAP;
        return new Found(List.copyOf(items), capped ? COUNT_CAP : total, capped, next);
    }

    /**
     * Every matching offer of the given versions, version by version in id order, to the consumer. Read in
     * chunks of {@value #STREAM_CHUNK} by id, each on a connection borrowed for that chunk only: a slow
     * consumer (a gRPC client) never holds a pooled connection.
     */
    public void forEach(List<Long> versions, OfferFilter filter, Consumer<PriceOffer> consumer) {
        for (long version : versions) {
            long after = 0;
            while (true) {
                List<PriceOffer> chunk = new ArrayList<>(STREAM_CHUNK);
                Where where = chunkQuery(version, filter, after);
                try (Connection connection = dataSource.getConnection();
                     PreparedStatement select = connection.prepareStatement(where.sql.toString())) {
                    where.bind(select);
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            chunk.add(read(rows));
                        }
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot read offers: " + e.getMessage(), e);
                }
                chunk.forEach(consumer);
                if (chunk.size() < STREAM_CHUNK) {
                    break;
                }
                after = chunk.get(chunk.size() - 1).id();
            }
        }
    }

    /**
     * One offer by its key within the given versions; an instance type that is only deployable as a
     * configuration (a GCP a2 host, a TPU VM) finds its configuration in that region, zone and option.
     */
    public Optional<PriceOffer> byKey(List<Long> versions, String provider, String offerKey, String region, String zone,
                                      String instanceType, PurchaseOption option) {
        if (versions.isEmpty()) {
            return Optional.empty();
        }
        String in = "?, ".repeat(versions.size() - 1) + "?";
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM price_offer"
                    + " WHERE version_id IN (" + in + ") AND provider = ? AND offer_key = ?")) {
                int i = bindVersions(select, versions);
                select.setString(i++, provider);
                select.setString(i, offerKey);
                try (ResultSet rows = select.executeQuery()) {
                    if (rows.next()) {
                        return Optional.of(read(rows));
                    }
                }
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM price_offer"
                    + " WHERE version_id IN (" + in + ") AND provider = ? AND region = ? AND zone = ?"
                    + " AND instance_type = ? AND purchase_option = ? AND offer_kind = ? ORDER BY id LIMIT 2")) {
                int i = bindVersions(select, versions);
                select.setString(i++, provider);
                select.setString(i++, region);
                select.setString(i++, zone);
                select.setString(i++, instanceType);
                select.setString(i++, option.name());
                select.setString(i, OfferKind.CONFIGURATION.name());
                List<PriceOffer> found = new ArrayList<>(2);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(read(rows));
                    }
                }
                // one configuration: a host with fixed GPUs; several (an N1 host with T4 × 1, 2, 4): no single answer
                return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the offer: " + e.getMessage(), e);
        }
    }

    /**
     * One version's offers that have a price per accelerator-hour, each to the sink as it is read (what
     * {@link AcceleratorOffers} reduces to the few it holds): streamed by the driver, never listed here.
     */
    public void acceleratorOffers(long version, Consumer<PriceOffer> sink) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM price_offer"
                     + " WHERE version_id = ? AND accelerator IS NOT NULL AND per_accelerator_hour_usd IS NOT NULL")) {
            select.setLong(1, version);
            select.setFetchSize(1000);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    sink.accept(read(rows));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read accelerator offers: " + e.getMessage(), e);
        }
    }

    /**
     * A page's query on one version: it walks the (version, figure, id) index in order and stops after the
     * page. H2 (the embedded default) costs every index led by {@code version_id} alike, and took the foreign
     * key's, sorting the whole version (110k GCP offers) for each page and each stream chunk; so the index
     * is named ({@code USE INDEX}, which H2 and MariaDB read alike) and the ORDER BY starts with the index's
     * first column, which H2 needs to see the order. Named accelerators are the exception, below.
     */
    static Where pageQuery(long version, OfferFilter filter, Sort sort, Optional<Cursor> after, int wanted) {
        Where where = where(version, filter);
        where.sql.append(" AND ").append(sort.column).append(" IS NOT NULL");
        after.ifPresent(cursor -> {
            // >= first, so the range on the index's sort column is plain to the planner
            where.sql.append(" AND ").append(sort.column).append(" >= ? AND (").append(sort.column)
                    .append(" > ? OR id > ?)");
            where.parameters.add(cursor.value());
            where.parameters.add(cursor.value());
            where.parameters.add(cursor.id());
        });
        // Named accelerators pick a few hundred offers of a version through their index; ordered by the bare
        // column, the planner walked the sort column's index instead, through the whole version when the
        // accelerator is rare there (GCP's H100: 0.6 s). "+ 0" orders the same but by no index.
        boolean byAccelerator = namesAccelerators(filter);
        where.sql.insert(0, "SELECT " + COLUMNS + " FROM price_offer"
                        + (byAccelerator ? "" : " USE INDEX (" + sort.index + ")") + " WHERE ")
                .append(" ORDER BY version_id, ").append(byAccelerator ? sort.column + " + 0" : sort.column)
                .append(", id LIMIT ").append(wanted);
        return where;
    }

    /** A stream's next chunk of one version, walking the (version, id) index in order (see {@link #pageQuery}). */
    static Where chunkQuery(long version, OfferFilter filter, long afterId) {
        Where where = where(version, filter);
        where.sql.insert(0, "SELECT " + COLUMNS + " FROM price_offer USE INDEX (ix_offer_version_id) WHERE ")
                .append(" AND id > ? ORDER BY version_id, id LIMIT ").append(STREAM_CHUNK);
        where.parameters.add(afterId);
        return where;
    }

    private static boolean namesAccelerators(OfferFilter filter) {
        return !filter.accelerators().isEmpty() && !filter.accelerators().contains("none");
    }

    private static int bindVersions(PreparedStatement select, List<Long> versions) throws SQLException {
        int i = 1;
        for (long version : versions) {
            select.setLong(i++, version);
        }
        return i;
    }

    static PriceOffer read(ResultSet r) throws SQLException {
        return new PriceOffer(r.getLong(1), r.getLong(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6),
                r.getString(7), r.getString(8), r.getBigDecimal(9), r.getBigDecimal(10), r.getBigDecimal(11),
                r.getBigDecimal(12), r.getString(13), r.getString(14), r.getBigDecimal(15), r.getBigDecimal(16),
                r.getBigDecimal(17), r.getBigDecimal(18), r.getString(19), r.getString(20), r.getBigDecimal(21),
                r.getBigDecimal(22), r.getString(23), r.getString(24), r.getBigDecimal(25), r.getString(26),
                instant(r.getTimestamp(27)), instant(r.getTimestamp(28)));
    }

    private static java.time.Instant instant(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    record Where(StringBuilder sql, List<Object> parameters) {
        void bind(PreparedStatement statement) throws SQLException {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
        }
    }

    /** The filter as SQL over one version's offers. */
    private static Where where(long version, OfferFilter filter) {
        StringBuilder sql = new StringBuilder("version_id = ?");
        List<Object> parameters = new ArrayList<>();
        parameters.add(version);
        in(sql, parameters, "provider", filter.providers());
        in(sql, parameters, "region", filter.regions());
        if (!filter.accelerators().isEmpty()) {
            List<String> named = filter.accelerators().stream().filter(a -> !a.equals("none")).sorted().toList();
            boolean none = filter.accelerators().contains("none");
            sql.append(" AND (");
            if (!named.isEmpty()) {
                sql.append("accelerator IN (").append("?, ".repeat(named.size() - 1)).append("?)");
                parameters.addAll(named);
            }
            if (none) {
                sql.append(named.isEmpty() ? "" : " OR ").append("accelerator IS NULL");
            }
            sql.append(')');
        }
        bound(sql, parameters, "accelerator_count >= ?", filter.minAcceleratorCount());
        bound(sql, parameters, "accelerator_count <= ?", filter.maxAcceleratorCount());
        bound(sql, parameters, "vcpus >= ?", filter.minVcpus());
        bound(sql, parameters, "memory_gib >= ?", filter.minMemoryGib());
        in(sql, parameters, "purchase_option", filter.purchaseOptions().stream().map(Enum::name).sorted().toList());
        bound(sql, parameters, "hourly_usd <= ?", filter.maxHourlyUsd());
        in(sql, parameters, "offer_kind", filter.kinds().stream().map(Enum::name).sorted().toList());
        return new Where(sql, parameters);
    }

    private static void in(StringBuilder sql, List<Object> parameters, String column, java.util.Collection<String> values) {
        if (!values.isEmpty()) {
            sql.append(" AND ").append(column).append(" IN (").append("?, ".repeat(values.size() - 1)).append("?)");
            parameters.addAll(values.stream().sorted().toList());
        }
    }

    private static void bound(StringBuilder sql, List<Object> parameters, String condition, Optional<BigDecimal> value) {
        value.ifPresent(v -> {
            sql.append(" AND ").append(condition);
            parameters.add(v);
        });
    }
}
