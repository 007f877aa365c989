package dev.inferplan.catalog.audit;

import java.sql.Connection;
import java.sql.SQLException;

import org.h2.api.Trigger;

/**
 * H2's half of the database guard on {@code audit_entry} (db/vendor/h2/V8 calls it before every
 * UPDATE and DELETE of a row): H2 has no {@code SIGNAL}, so it refuses here, with the SQLSTATE
 * and message of MariaDB's triggers (db/vendor/mariadb/V8). H2 databases that ran V8 name this
 * class: it must not be moved or renamed.
 */
public final class AppendOnlyH2Trigger implements Trigger {

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        // H2 passes no new row for a DELETE.
        throw new SQLException("audit_entry is append-only: " + (newRow == null ? "DELETE" : "UPDATE") + " refused",
                "45000");
    }
}
