package dev.inferplan.catalog.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import dev.inferplan.catalog.persistence.Rows;

/**
 * The queue fields of one job row, read with {@code SELECT … FOR UPDATE}: the row stays locked
 * until the transaction ends, so the check on these fields and the update that follows cannot
 * interleave with another lease, heartbeat, report or cancel of the same job.
 *
 * <p>Leasing and reaping find their candidates with a plain read and then lock each by its id
 * ({@code SKIP LOCKED}), checking it again once locked. A locking scan would lock every row it
 * examines, not only those it takes (InnoDB under REPEATABLE READ keeps those locks until commit),
 * so a reap in flight made a lease skip a queued job it never touched and answer "no job".
 */
record LockedJob(long id, long modelVersionId, String pool, JobStatus status, int attempts, int maxAttempts,
                 String leaseToken, String leasedBy, Instant leaseExpiresAt) {

    static final String COLUMNS = "id, model_version_id, pool, status, attempts, max_attempts, lease_token, leased_by,"
            + " lease_expires_at";
    private static final String BY_ID = "SELECT " + COLUMNS + " FROM benchmark_job WHERE id = ? FOR UPDATE";
    private static final int CANDIDATES = 100;

    static Optional<LockedJob> lock(Connection connection, long id) {
        try (PreparedStatement select = connection.prepareStatement(BY_ID)) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(of(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new Rows.DataAccessException(e);
        }
    }

    /** The oldest job of the pool a runner may lease now, locked; empty when none is free. */
    static Optional<LockedJob> lockLeasable(Connection connection, String pool, Instant now) {
        return lockFirst(connection, "SELECT id FROM benchmark_job WHERE pool = ? AND (status = 'QUEUED'"
                        + " OR (status IN ('LEASED', 'RUNNING') AND lease_expires_at < ?)) ORDER BY id LIMIT " + CANDIDATES,
                job -> job.pool().equals(pool) && (job.status() == JobStatus.QUEUED || job.status().leased() && job.expiredAt(now)),
                1, pool, now).stream().findFirst();
    }

    /** Up to {@value #CANDIDATES} jobs whose lease expired before {@code now}, locked, oldest first. */
    static List<LockedJob> lockExpired(Connection connection, Instant now) {
        return lockFirst(connection, "SELECT id FROM benchmark_job WHERE status IN ('LEASED', 'RUNNING')"
                + " AND lease_expires_at < ? ORDER BY id LIMIT " + CANDIDATES, job -> job.status().leased() && job.expiredAt(now),
                Integer.MAX_VALUE, now);
    }

    /**
     * Locks the candidates one by one, skipping those another transaction holds (it is taking or
     * changing them) and those that no longer match once locked; stops after {@code wanted}.
     */
    private static List<LockedJob> lockFirst(Connection connection, String candidates, Predicate<LockedJob> stillMatches,
                                             int wanted, Object... parameters) {
        List<LockedJob> locked = new ArrayList<>();
        try (PreparedStatement find = connection.prepareStatement(candidates);
             PreparedStatement lock = connection.prepareStatement(BY_ID + " SKIP LOCKED")) {
            Rows.bind(find, parameters);
            List<Long> ids = new ArrayList<>();
            try (ResultSet row = find.executeQuery()) {
                while (row.next()) {
                    ids.add(row.getLong(1));
                }
            }
            for (long id : ids) {
                lock.setLong(1, id);
                try (ResultSet row = lock.executeQuery()) {
                    if (row.next()) {
                        LockedJob job = of(row);
                        if (stillMatches.test(job)) {
                            locked.add(job);
                            if (locked.size() == wanted) {
                                break;
                            }
                        }
                    }
                }
            }
            return locked;
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
