package dev.inferplan.catalog.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import dev.inferplan.catalog.CatalogClient;

import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.WebTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The database itself keeps the audit log append-only (V8's triggers): a direct UPDATE or DELETE
 * of an entry, by any client, is refused with SQLSTATE 45000 and changes nothing, while inserts —
 * the service's own and a direct one — still work. Run on each database: the subclasses pick H2
 * or MariaDB, whose guards are different code (a trigger class, SIGNAL), and a new database or one
 * that was at V30 before the guard existed (V8 then applied out of order).
 */
abstract class AuditLogAppendOnlyContract {

    private static final String COLUMNS = "SELECT id, entity_type, entity_id, model_version_id, action, actor,"
            + " occurred_at, before_json, after_json FROM audit_entry";

    @Inject
    WebTarget target;

    @Inject
    @Named("catalog")
    DataSource dataSource;

    abstract String expectedDatabaseProduct();

    /** True where the database was migrated to V30 without V8 before the service started. */
    boolean upgraded() {
        return false;
    }

    @Test
    void theServiceStillAppendsAndTheGuardIsPartOfTheSchema() throws SQLException {
        CatalogClient api = new CatalogClient(target);
        long family = api.family(CatalogClient.unique("guarded"), "text-embedding");
        JsonObject entries = api.get("/api/catalog/audit?entityType=family&entityId=" + family);
        assertEquals(1, entries.getInt("total"));
        assertEquals("CREATED", entries.getJsonArray("items").getJsonObject(0).getString("action"));
        assertEquals("tina", entries.getJsonArray("items").getJsonObject(0).getString("actor"));
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT description, script FROM flyway_schema_history"
                     + " WHERE version = '8' AND success = TRUE");
             ResultSet row = select.executeQuery()) {
            assertEquals(expectedDatabaseProduct(), connection.getMetaData().getDatabaseProductName());
            assertTrue(row.next(), "V8 applied");
            assertEquals("audit entry append only", row.getString(1));
            assertEquals("V8__audit_entry_append_only.sql", row.getString(2));
        }
        assertEquals(List.of(upgraded() ? "30" : "8", upgraded() ? "8" : "30"),
                query("SELECT version FROM flyway_schema_history WHERE version IN ('8', '30') ORDER BY installed_rank")
                        .stream().map(List::getFirst).toList(),
                upgraded() ? "V8 applied after the V30 already there" : "a new database takes V8 in order");
    }

    @Test
    void aDirectUpdateOfAnEntryIsRefusedAndChangesNothing() throws SQLException {
        long id = insertDirectly();
        List<String> entry = row(id);
        List<List<String>> all = rows();

        refused("UPDATE", () -> execute("UPDATE audit_entry SET actor = 'mallory', after_json = '{}' WHERE id = " + id));
        refused("UPDATE", () -> execute("UPDATE audit_entry SET actor = actor WHERE id = " + id));
        refused("UPDATE", () -> execute("UPDATE audit_entry SET occurred_at = occurred_at"));

        assertEquals(entry, row(id));
        assertEquals(all, rows());
    }

    @Test
    void aDirectDeleteOfAnEntryIsRefusedAndChangesNothing() throws SQLException {
        long id = insertDirectly();
        List<String> entry = row(id);
        List<List<String>> all = rows();

        refused("DELETE", () -> execute("DELETE FROM audit_entry WHERE id = " + id));
        refused("DELETE", () -> execute("DELETE FROM audit_entry"));

        assertEquals(entry, row(id));
        assertEquals(all, rows());
    }

    @Test
    void aRefusedChangeRollsBackOnlyItselfNotTheInsertsBeforeIt() throws SQLException {
        int before = rows().size();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            long id = insert(connection, "in the same transaction");
            SQLException refusal = assertThrows(SQLException.class, () -> {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM audit_entry WHERE id = ?")) {
                    delete.setLong(1, id);
                    delete.executeUpdate();
                }
            });
            assertEquals("45000", refusal.getSQLState());
            connection.commit();
            connection.setAutoCommit(true);
            assertEquals("in the same transaction", row(id).get(8));
        }
        assertEquals(before + 1, rows().size());
    }

    private static void refused(String statement, Executable change) {
        SQLException refusal = assertThrows(SQLException.class, change, statement + " of audit_entry went through");
        assertEquals("45000", refusal.getSQLState(), refusal::toString);
        assertTrue(refusal.getMessage().contains("audit_entry is append-only: " + statement + " refused"), refusal::toString);
    }

    private long insertDirectly() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return insert(connection, "a direct insert");
        }
    }

    private static long insert(Connection connection, String after) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_entry (entity_type, entity_id,"
                + " model_version_id, action, actor, occurred_at, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                new String[] {"id"})) {
            insert.setString(1, "family");
            insert.setString(2, "42");
            insert.setObject(3, null);
            insert.setString(4, "CREATED");
            insert.setString(5, "dba");
            insert.setTimestamp(6, Timestamp.from(Instant.parse("2026-01-02T03:04:05.123456Z")));
            insert.setString(7, null);
            insert.setString(8, after);
            assertEquals(1, insert.executeUpdate());
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.executeUpdate();
        }
    }

    private List<String> row(long id) throws SQLException {
        List<List<String>> rows = query(COLUMNS + " WHERE id = " + id);
        assertEquals(1, rows.size(), "entry " + id);
        return rows.getFirst();
    }

    private List<List<String>> rows() throws SQLException {
        return query(COLUMNS + " ORDER BY id");
    }

    private List<List<String>> query(String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(sql);
             ResultSet row = select.executeQuery()) {
            while (row.next()) {
                List<String> values = new ArrayList<>();
                for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
                    // As text: H2 answers TEXT columns as Clobs, which do not compare by content.
                    values.add(row.getString(column));
                }
                rows.add(values);
            }
        }
        return rows;
    }
}
