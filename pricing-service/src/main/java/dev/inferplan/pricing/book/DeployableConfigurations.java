package dev.inferplan.pricing.book;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.inferplan.contracts.accelerators.AcceleratorId;
import dev.inferplan.contracts.accelerators.AcceleratorKind;
import dev.inferplan.contracts.accelerators.AcceleratorVocabulary;
import dev.inferplan.contracts.money.Money;
import dev.inferplan.pricing.pricelists.OfferKind;
import dev.inferplan.pricing.imports.skypilot.GcpAttachableHosts;

/**
 * Assembles a version's deployable configurations from its parts, inside the publishing transaction:
 * every attachable accelerator offer with every host of the same region, zone and purchase option
 * that can carry it ({@link GcpAttachableHosts}), priced host + attachable (the attachable row already
 * prices its N accelerators together), and a TPU slice on its TPU VM alone. A version without
 * attachable offers has no configurations; this reads nothing else.
 *
 * <p>Memory: the attachable offers and the candidate hosts of the zones that have attachable offers
 * are held while assembling (GCP's catalog: about 2,400 and 5,000 rows), never the whole version.
 */
final class DeployableConfigurations {

    private static final String COLUMNS = "version_id, provider, region, zone, instance_type, offer_kind,"
            + " accelerator, accelerator_count, accelerator_memory_gib, vcpus, memory_gib, cpu_architecture,"
            + " purchase_option, hourly_usd, per_accelerator_hour_usd, per_vcpu_hour_usd, upfront_usd, source_price,"
            + " source_currency, source_unit, source_line, offer_key, host_offer_kind, host_hourly_usd,"
            + " attached_hourly_usd";

    private DeployableConfigurations() {
    }

    private record Attachable(String region, String zone, String accelerator, BigDecimal count, BigDecimal memoryGib,
                              String option, BigDecimal hourlyUsd, BigDecimal upfrontUsd, String currency, String unit,
                              long line, String sourceName) {
    }

    private record Host(String instanceType, String kind, BigDecimal vcpus, BigDecimal memoryGib, String architecture,
                        BigDecimal hourlyUsd, BigDecimal upfrontUsd) {
    }

    /** Writes the version's configurations; returns how many. */
    static long assemble(Connection connection, long versionId, String provider) throws SQLException {
        Map<String, List<Attachable>> attachables = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT region, zone, accelerator, accelerator_count,"
                + " accelerator_memory_gib, purchase_option, hourly_usd, upfront_usd, source_currency, source_unit,"
                + " source_line, offer_key FROM price_offer WHERE version_id = ? AND offer_kind = ?")) {
            select.setLong(1, versionId);
            select.setString(2, OfferKind.ATTACHABLE_ACCELERATOR.name());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Attachable a = new Attachable(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getBigDecimal(4), rows.getBigDecimal(5), rows.getString(6), rows.getBigDecimal(7),
                            rows.getBigDecimal(8), rows.getString(9), rows.getString(10), rows.getLong(11),
                            sourceName(rows.getString(12)));
                    attachables.computeIfAbsent(place(a.region(), a.zone(), a.option()), k -> new ArrayList<>()).add(a);
                }
            }
        }
        if (attachables.isEmpty()) {
            return 0;
        }
        Map<String, List<Host>> hosts = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT region, zone, purchase_option, instance_type,"
                + " offer_kind, vcpus, memory_gib, cpu_architecture, hourly_usd, upfront_usd FROM price_offer"
                + " WHERE version_id = ? AND offer_kind IN (?, ?)")) {
            select.setLong(1, versionId);
            select.setString(2, OfferKind.INSTANCE.name());
            select.setString(3, OfferKind.HOST.name());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String place = place(rows.getString(1), rows.getString(2), rows.getString(3));
                    String type = rows.getString(4);
                    if (attachables.containsKey(place) && GcpAttachableHosts.mayCarry(type)) {
                        hosts.computeIfAbsent(place, k -> new ArrayList<>()).add(new Host(type, rows.getString(5),
                                rows.getBigDecimal(6), rows.getBigDecimal(7), rows.getString(8), rows.getBigDecimal(9),
                                rows.getBigDecimal(10)));
                    }
                }
            }
        }
        long written = 0;
        int pending = 0;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO price_offer (" + COLUMNS + ") VALUES ("
                + "?, ".repeat(COLUMNS.split(",").length - 1) + "?)")) {
            for (Map.Entry<String, List<Attachable>> place : attachables.entrySet()) {
                for (Attachable a : place.getValue()) {
                    List<Host> carriers = new ArrayList<>();
                    if (isTpu(a.accelerator())) {
                        carriers.add(null); // the TPU VM, not charged
                    } else {
                        for (Host h : hosts.getOrDefault(place.getKey(), List.of())) {
                            if (GcpAttachableHosts.carries(h.instanceType(), h.vcpus(), h.memoryGib(), a.zone(),
                                    a.sourceName(), a.accelerator(), a.count())) {
                                carriers.add(h);
                            }
                        }
                    }
                    for (Host h : carriers) {
                        if (beyondTheColumns(a, h)) {
                            continue; // two parts each within DECIMAL(24,10) may sum beyond it: not a real price
                        }
                        bind(insert, versionId, provider, a, h);
                        insert.addBatch();
                        written++;
                        if (++pending == OfferBatchWriter.BATCH_SIZE) {
                            insert.executeBatch();
                            pending = 0;
                        }
                    }
                }
            }
            if (pending > 0) {
                insert.executeBatch();
            }
        }
        return written;
    }

    private static void bind(PreparedStatement insert, long versionId, String provider, Attachable a, Host h)
            throws SQLException {
        Money hourly = new Money(a.hourlyUsd()).plus(h == null ? Money.ZERO : new Money(h.hourlyUsd()));
        BigDecimal upfront = a.upfrontUsd() == null && (h == null || h.upfrontUsd() == null) ? null
                : zeroIfNull(a.upfrontUsd()).add(h == null ? BigDecimal.ZERO : zeroIfNull(h.upfrontUsd()));
        String instanceType = h == null ? GcpAttachableHosts.TPU_VM : h.instanceType();
        int i = 1;
        insert.setLong(i++, versionId);
        insert.setString(i++, provider);
        insert.setString(i++, a.region());
        insert.setString(i++, a.zone());
        insert.setString(i++, instanceType);
        insert.setString(i++, OfferKind.CONFIGURATION.name());
        insert.setString(i++, a.accelerator());
        insert.setBigDecimal(i++, a.count());
        decimal(insert, i++, a.memoryGib());
        decimal(insert, i++, h == null ? null : h.vcpus());
        decimal(insert, i++, h == null ? null : h.memoryGib());
        insert.setString(i++, h == null ? null : h.architecture());
        insert.setString(i++, a.option());
        insert.setBigDecimal(i++, hourly.usd());
        decimal(insert, i++, OfferBatchWriter.perUnit(hourly, a.count()));
        decimal(insert, i++, h == null ? null : OfferBatchWriter.perUnit(hourly, h.vcpus()));
        decimal(insert, i++, upfront);
        insert.setBigDecimal(i++, hourly.usd()); // the sum of the parts' source prices: both are USD per hour
        insert.setString(i++, a.currency());
        insert.setString(i++, a.unit());
        insert.setLong(i++, a.line());
        insert.setString(i++, key(a, instanceType));
        insert.setString(i++, h == null ? null : h.kind());
        decimal(insert, i++, h == null ? null : h.hourlyUsd());
        insert.setBigDecimal(i, a.hourlyUsd());
    }

    private static boolean beyondTheColumns(Attachable a, Host h) {
        BigDecimal sum = a.hourlyUsd().add(h == null ? BigDecimal.ZERO : h.hourlyUsd());
        return sum.setScale(0, java.math.RoundingMode.DOWN).precision() > 14;
    }

    /** Unique within the version: one configuration per host, accelerator row and purchase option of a zone. */
    private static String key(Attachable a, String instanceType) {
        return a.region() + '|' + a.zone() + '|' + instanceType + '|' + OfferKind.CONFIGURATION + '|' + a.accelerator()
                + 'x' + a.count().stripTrailingZeros().toPlainString()
                + (a.sourceName() == null ? "" : '/' + a.sourceName()) + '|' + a.option();
    }

    /**
     * The catalog's own accelerator name, which an attachable offer's key carries after the count
     * ({@code …|ATTACHABLE_ACCELERATOR|<id>x<count>/<name>|<option>}, see {@code OfferRow.key}); null without one.
     */
    static String sourceName(String offerKey) {
        int end = offerKey.lastIndexOf('|');
        int what = offerKey.lastIndexOf('|', end - 1);
        int slash = offerKey.indexOf('/', what + 1);
        return slash < 0 || slash > end ? null : offerKey.substring(slash + 1, end);
    }

    private static boolean isTpu(String accelerator) {
        return accelerator != null && !accelerator.startsWith(AcceleratorId.UNMAPPED_PREFIX)
                && TPUS.contains(accelerator);
    }

    private static final java.util.Set<String> TPUS = AcceleratorVocabulary.standard().all().stream()
            .filter(a -> a.kind() == AcceleratorKind.TPU).map(a -> a.id().id())
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    private static String place(String region, String zone, String option) {
        return region + '|' + zone + '|' + option;
    }

    private static BigDecimal zeroIfNull(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    private static void decimal(PreparedStatement insert, int index, BigDecimal value) throws SQLException {
        if (value == null) {
            insert.setNull(index, Types.DECIMAL);
        } else {
            insert.setBigDecimal(index, value);
        }
    }
}
