package dev.inferplan.catalog.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import dev.inferplan.catalog.persistence.Rows;

/**
 * The queue fields of one job row, read with {@code SELECT … FOR UPDATE}: the row stays locked
 * until the transaction ends, so the check on these fields and the update that follows cannot
 * interleave with another lease, heartbeat, report or cancel of the same job.
 */
record LockedJob(long id, long modelVersionId, String pool, JobStatus status, int attempts, int maxAttempts,
                 String leaseToken, String leasedBy, Instant leaseExpiresAt) {

    static final String COLUMNS = "id, model_version_id, pool, status, attempts, max_attempts, lease_token, leased_by,"
            + " lease_expires_at";

    static Optional<LockedJob> lock(Connection connection, long id) {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM benchmark_job WHERE id = ? FOR UPDATE")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(of(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new Rows.DataAccessException(e);
        }
    }

    static LockedJob of(ResultSet row) throws SQLException {
        return new LockedJob(row.getLong("id"), row.getLong("model_version_id"), row.getString("pool"),
                JobStatus.valueOf(row.getString("status")), row.getInt("attempts"), row.getInt("max_attempts"),
                row.getString("lease_token"), row.getString("leased_by"), Rows.instant(row, "lease_expires_at"));
    }

    /** What the audit log records (no lease token). */
    JobView.LeaseState state() {
        return new JobView.LeaseState(id, status.name(), attempts, maxAttempts, leasedBy, leaseExpiresAt);
    }

    boolean expiredAt(Instant now) {
        return leaseExpiresAt != null && leaseExpiresAt.isBefore(now);
    }
}
