package dev.inferplan.platform.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The number of rows in every table of a service's database (its Flyway history aside), read over
 * JDBC from outside the service: two equal snapshots around a refused request show it stored nothing.
 */
public final class StoredRows implements AutoCloseable {

    private final Connection connection;
    private final List<String> tables;

    private StoredRows(Connection connection, List<String> tables) {
        this.connection = connection;
        this.tables = tables;
    }

    public static StoredRows open(String jdbcUrl, String user, String password) {
        try {
            Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
            connection.setAutoCommit(true);
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = connection.getMetaData().getTables(connection.getCatalog(), connection.getSchema(), "%",
                    new String[] {"TABLE", "BASE TABLE"})) {
                while (rows.next()) {
                    String table = rows.getString("TABLE_NAME");
                    if (!table.toLowerCase(Locale.ROOT).startsWith("flyway_")) {
                        tables.add(table);
                    }
                }
            }
            if (tables.isEmpty()) {
                throw new IllegalStateException("no tables at " + jdbcUrl + ": is the service's schema migrated?");
            }
            return new StoredRows(connection, List.copyOf(tables));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + jdbcUrl, e);
        }
    }

    /** Table → row count, now. */
    public Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        try (Statement statement = connection.createStatement()) {
            for (String table : tables) {
                try (ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    count.next();
                    counts.put(table, count.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count rows", e);
        }
        return counts;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing a test's connection
        }
    }
}
