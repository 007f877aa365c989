package dev.inferplan.catalog.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Where the catalog stands: how many audit entries are committed. Every change the recommender's snapshot
 * holds (versions, statuses, metrics, results, pools, tiers) is audited in the transaction that makes it,
 * and entries are never deleted (V8's triggers), so the count grows with every committed change and an equal
 * count means the same catalog. Not the newest id: ids are allocated at insert and commit in any order
 * (see {@code VersionIndex}), so a change committed under a lower id would not move the newest one.
 * Plain JDBC on its own pooled connection, outside EclipseLink (ADR 0005): the recommender asks at most
 * every few seconds.
 */
@ApplicationScoped
public class AuditPosition {

    private final DataSource dataSource;

    @Inject
    public AuditPosition(@Named("catalog") DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The CDI proxy's constructor. */
    protected AuditPosition() {
        this.dataSource = null;
    }

    /** The number of committed audit entries; 0 for an empty log. */
    public long current() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM audit_entry");
             ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the audit position: " + e.getMessage(), e);
        }
    }
}
