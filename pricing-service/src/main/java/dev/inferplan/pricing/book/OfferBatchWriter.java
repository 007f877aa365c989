package dev.inferplan.pricing.book;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

import dev.inferplan.contracts.money.Money;
import dev.inferplan.pricing.pricelists.OfferRow;

/**
 * Writes one version's offers with JDBC batches (no per-row round trips; MariaDB's driver sends
 * each batch as one bulk command). Derives the per-accelerator-hour and per-vCPU-hour prices.
 * Lives inside the import's transaction: nothing is visible until it commits.
 */
public final class OfferBatchWriter implements AutoCloseable {

    static final int BATCH_SIZE = 1000;

    private static final String INSERT = "INSERT INTO price_offer (version_id, provider, region, zone, instance_type,"
            + " offer_kind, accelerator, accelerator_count, accelerator_memory_gib, vcpus, memory_gib, cpu_architecture,"
            + " purchase_option, hourly_usd, per_accelerator_hour_usd, per_vcpu_hour_usd, upfront_usd, source_price,"
            + " source_currency, source_unit, source_line, offer_key, price_unit, served_model, unit_price_usd,"
            + " payment_option, effective_from, effective_to)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final PreparedStatement insert;
    private final long versionId;
    private final String provider;
    private final OfferKeySieve keys = new OfferKeySieve();
    private int pending;
    private long written;

    OfferBatchWriter(Connection connection, long versionId, String provider) throws SQLException {
        this.insert = connection.prepareStatement(INSERT);
        this.versionId = versionId;
        this.provider = provider;
    }

    public void write(OfferRow row) throws SQLException {
        int i = 1;
        insert.setLong(i++, versionId);
        insert.setString(i++, provider);
        insert.setString(i++, row.region());
        insert.setString(i++, row.zone());
        insert.setString(i++, row.instanceType());
        insert.setString(i++, row.kind().name());
        insert.setString(i++, row.accelerator());
        insert.setBigDecimal(i++, row.acceleratorCount());
        setDecimal(i++, row.acceleratorMemoryGib() == null ? null : BigDecimal.valueOf(row.acceleratorMemoryGib()));
        setDecimal(i++, row.vcpus());
        setDecimal(i++, row.memoryGib());
        insert.setString(i++, row.cpuArchitecture());
        insert.setString(i++, row.purchaseOption().name());
        setDecimal(i++, row.hourlyUsd() == null ? null : row.hourlyUsd().usd());
        setDecimal(i++, perUnit(row.hourlyUsd(), row.acceleratorCount()));
        setDecimal(i++, perUnit(row.hourlyUsd(), row.vcpus()));
        setDecimal(i++, row.upfrontUsd() == null ? null : row.upfrontUsd().usd());
        insert.setBigDecimal(i++, row.sourcePrice());
        insert.setString(i++, row.sourceCurrency());
        insert.setString(i++, row.sourceUnit());
        insert.setLong(i++, row.line());
        String key = row.key();
        insert.setString(i++, key);
        OfferRow.PerUnit perUnit = row.perUnit();
        insert.setString(i++, perUnit == null ? null : perUnit.unit().label());
        insert.setString(i++, perUnit == null ? null : perUnit.servedModel());
        setDecimal(i++, perUnit == null ? null : perUnit.unitPriceUsd().usd());
        insert.setString(i++, row.paymentOption() == null ? null : row.paymentOption().name());
        setTimestamp(i++, row.effectiveFrom());
        setTimestamp(i, row.effectiveTo());
        keys.add(key);
        insert.addBatch();
        written++;
        if (++pending == BATCH_SIZE) {
            flush();
        }
    }

    /**
     * The keys that may repeat an earlier one (none: no key was written twice, for certain), or empty
     * when there were too many to list (see {@link OfferKeySieve}).
     */
    public java.util.Optional<java.util.List<String>> suspectKeys() {
        return keys.suspects();
    }

    public long written() {
        return written;
    }

    public void flush() throws SQLException {
        if (pending > 0) {
            insert.executeBatch();
            pending = 0;
        }
    }

    @Override
    public void close() throws SQLException {
        insert.close();
    }

    /** hourly / units, or null when there are no units (a CPU-only offer has no per-accelerator price). */
    static BigDecimal perUnit(Money hourly, BigDecimal units) {
        if (hourly == null || units == null || units.signum() <= 0) {
            return null;
        }
        return hourly.dividedBy(units).usd();
    }

    private void setTimestamp(int index, java.time.Instant value) throws SQLException {
        if (value == null) {
            insert.setNull(index, Types.TIMESTAMP);
        } else {
            insert.setTimestamp(index, java.sql.Timestamp.from(value));
        }
    }

    private void setDecimal(int index, BigDecimal value) throws SQLException {
        if (value == null) {
            insert.setNull(index, Types.DECIMAL);
        } else {
            insert.setBigDecimal(index, value);
        }
    }
}
