package dev.inferplan.pricing.book;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One lock row per provider in the database (V4): a publication of a provider's book holds its row
 * from the start of its transaction to its commit, so publications of one provider run one after
 * another across every instance, and each sees the version the previous one made current.
 */
@ApplicationScoped
public class ProviderLocks {

    private final DataSource dataSource;
    private final int waitSeconds;

    @Inject
    public ProviderLocks(@Named("pricing") DataSource dataSource,
                         @ConfigProperty(name = "pricing.import.lock-wait-seconds", defaultValue = "30") int waitSeconds) {
        this.dataSource = dataSource;
        this.waitSeconds = Math.max(0, waitSeconds);
    }

    /** Another publication of the provider held its lock longer than this one would wait. */
    public static final class BusyException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public BusyException(String provider, int seconds) {
            super("another import of " + provider + " held the price book for more than " + seconds
                    + " s (pricing.import.lock-wait-seconds); try again when it has finished");
        }
    }

    /** Makes sure the provider has its lock row, committed on its own (a row locked by nobody yet). */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void ensure(String provider) {
        // Looked up first: inserting a row that exists waits for whoever holds it locked (a running import).
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT 1 FROM price_book_lock WHERE provider = ?");
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT IGNORE INTO price_book_lock (provider) VALUES (?)")) {
            select.setString(1, provider);
            try (ResultSet row = select.executeQuery()) {
                if (row.next()) {
                    return;
                }
            }
            insert.setString(1, provider);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the lock row of " + provider + ": " + e.getMessage(), e);
        }
    }

    /**
     * Locks the provider's row on the transaction's connection until the transaction ends, waiting at most
     * {@code pricing.import.lock-wait-seconds} for another publication to commit.
     */
    public void hold(Connection connection, String provider) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT provider FROM price_book_lock WHERE provider = ? FOR UPDATE WAIT " + waitSeconds)) {
            lock.setString(1, provider);
            try (ResultSet row = lock.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("no lock row for " + provider + ": call ensure first");
                }
            }
        } catch (SQLException e) {
            if (lockTimeout(e)) {
                throw new BusyException(provider, waitSeconds);
            }
            throw e;
        }
    }

    /** MariaDB: ER_LOCK_WAIT_TIMEOUT (1205); H2: LOCK_TIMEOUT_1 (50200). */
    private static boolean lockTimeout(SQLException e) {
        return e.getErrorCode() == 1205 || e.getErrorCode() == 50200 || "HYT00".equals(e.getSQLState());
    }
}
