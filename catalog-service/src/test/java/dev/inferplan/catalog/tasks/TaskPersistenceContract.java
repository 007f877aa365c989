package dev.inferplan.catalog.tasks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import dev.inferplan.platform.testing.TestTokens;

import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A round trip through REST, JPA (EclipseLink under JTA) and the Flyway-made schema, run against
 * each database the catalog supports: the subclasses pick H2 or MariaDB.
 */
abstract class TaskPersistenceContract {

    @Inject
    WebTarget target;

    @Inject
    @Named("catalog")
    DataSource dataSource;

    /** What {@code DatabaseMetaData.getDatabaseProductName()} must say, proving which database ran. */
    abstract String expectedDatabaseProduct();

    @Test
    void runsOnTheExpectedDatabaseWithTheFlywaySchema() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            assertEquals(expectedDatabaseProduct(), connection.getMetaData().getDatabaseProductName());
            try (ResultSet history = statement.executeQuery(
                    "SELECT COUNT(*) FROM flyway_schema_history WHERE success = TRUE AND version = '1'")) {
                history.next();
                assertEquals(1, history.getInt(1), "V1 applied once by Flyway");
            }
            try (ResultSet seeded = statement.executeQuery("SELECT COUNT(*) FROM task WHERE created_by = 'seed'")) {
                seeded.next();
                assertEquals(6, seeded.getInt(1), "the seed tasks of V1");
            }
        }
    }

    @Test
    void registeredTaskIsReadBackWithWhoAndWhen() {
        String name = "task-" + UUID.randomUUID().toString().substring(0, 8);
        try (Response created = asAdmin("ada").post(Entity.json(
                "{\"name\":\"" + name + "\",\"description\":\"  Segment speakers in audio. \"}"))) {
            assertEquals(201, created.getStatus(), () -> created.readEntity(String.class));
            assertTrue(created.getLocation().getPath().endsWith("/api/catalog/tasks/" + name));
        }
        JsonObject task = listAs("viewer").getValuesAs(JsonObject.class).stream()
                .filter(t -> t.getString("name").equals(name))
                .findFirst().orElseThrow(() -> new AssertionError(name + " not listed"));
        assertEquals("Segment speakers in audio.", task.getString("description"));
        assertEquals("ada", task.getString("createdBy"));
        assertTrue(task.getString("createdAt").startsWith("20"), task::toString);
        assertEquals("ada", createdByInDatabase(name), "JPA wrote the row to this test's database");
    }

    private String createdByInDatabase(String name) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT created_by FROM task WHERE name = ?")) {
            assertEquals(expectedDatabaseProduct(), connection.getMetaData().getDatabaseProductName());
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void duplicateTaskIsAConflictAndChangesNothing() {
        int before = listAs("viewer").size();
        try (Response duplicate = asAdmin("ada").post(Entity.json(
                "{\"name\":\"text-embedding\",\"description\":\"again\"}"))) {
            assertEquals(409, duplicate.getStatus());
            assertEquals("https://inferplan.dev/problems/duplicate-task",
                    duplicate.readEntity(JsonObject.class).getString("type"));
        }
        assertEquals(before, listAs("viewer").size());
        JsonObject embedding = listAs("viewer").getValuesAs(JsonObject.class).stream()
                .filter(t -> t.getString("name").equals("text-embedding")).findFirst().orElseThrow();
        assertEquals("seed", embedding.getString("createdBy"));
    }

    @Test
    void invalidTaskNamesEveryFieldAtFault() {
        try (Response invalid = asAdmin("ada").post(Entity.json("{\"name\":\"Not A Slug\"}"))) {
            assertEquals(422, invalid.getStatus());
            List<String> fields = invalid.readEntity(JsonObject.class).getJsonArray("errors")
                    .getValuesAs(JsonObject.class).stream().map(e -> e.getString("field")).toList();
            assertEquals(List.of("name", "description"), fields);
        }
    }

    private jakarta.ws.rs.client.Invocation.Builder asAdmin(String user) {
        return target.path("/api/catalog/tasks").request()
                .header("Authorization", "Bearer " + TestTokens.token(user, "admin"));
    }

    private JsonArray listAs(String role) {
        return target.path("/api/catalog/tasks").request()
                .header("Authorization", TestTokens.bearer(role))
                .get(JsonArray.class);
    }
}
