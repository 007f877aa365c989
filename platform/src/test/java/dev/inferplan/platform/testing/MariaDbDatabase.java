package dev.inferplan.platform.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Points a service under test at a fresh MariaDB database (dropped and recreated), by setting
 * {@code DB_URL}/{@code DB_USER}/{@code DB_PASSWORD} as system properties before the Helidon
 * container starts; put {@code @ExtendWith(MariaDbDatabase.class)} before {@code @HelidonTest}.
 *
 * <p>Where MariaDB is unreachable the test class is skipped with a visible message, unless
 * {@code inferplan.mariadb.required=true} (CI), where it fails.
 */
public final class MariaDbDatabase implements BeforeAllCallback, AfterAllCallback {

    private static final String[] PROPERTIES = {"DB_URL", "DB_USER", "DB_PASSWORD"};

    @Override
    public void beforeAll(ExtensionContext context) {
        String url = prepareFor(context.getRequiredTestClass());
        System.setProperty("DB_URL", url);
        System.setProperty("DB_USER", user());
        System.setProperty("DB_PASSWORD", password());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        for (String property : PROPERTIES) {
            System.clearProperty(property);
        }
    }

    /**
     * A fresh database named after the test class, with this checkout's prefix (so that worktrees testing
     * at once on one server do not drop each other's databases: INFERPLAN_IT_DB_PREFIX or
     * -Dinferplan.mariadb.db-prefix); its JDBC URL, or skips/fails as above.
     */
    public static String prepareFor(Class<?> testClass) {
        String prefix = System.getProperty("inferplan.mariadb.db-prefix",
                System.getenv().getOrDefault("INFERPLAN_IT_DB_PREFIX", "inferplan_it_"));
        String database = (prefix + testClass.getSimpleName()).toLowerCase().replaceAll("[^a-z0-9_]", "_");
        if (database.length() > 64) {
            database = database.substring(0, 64);   // MariaDB's limit for a database name
        }
        return prepare(database);
    }

    /** Creates (or empties) the database and answers its JDBC URL, or skips/fails as above. */
    public static String prepare(String database) {
        String server = System.getProperty("inferplan.mariadb.url", "jdbc:mariadb://127.0.0.1:3306/");
        try (Connection connection = DriverManager.getConnection(server, user(), password());
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS `" + database + "`");
            statement.execute("CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        } catch (SQLException e) {
            String message = "MariaDB at " + server + " is unreachable (" + e.getMessage() + ")";
            if (Boolean.getBoolean("inferplan.mariadb.required")) {
                throw new IllegalStateException(message + "; inferplan.mariadb.required=true makes this a failure", e);
            }
            System.err.println("SKIPPED MariaDB tests: " + message);
            Assumptions.abort(message + "; MariaDB-backed tests skipped (set inferplan.mariadb.required=true to fail instead)");
        }
        return (server.endsWith("/") ? server : server + "/") + database;
    }

    public static String user() {
        return System.getProperty("inferplan.mariadb.user", "root");
    }

    public static String password() {
        return System.getProperty("inferplan.mariadb.password", "");
    }
}
