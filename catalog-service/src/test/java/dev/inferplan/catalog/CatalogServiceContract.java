package dev.inferplan.catalog;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import dev.inferplan.catalog.jobs.RunnerClient;

import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.ws.rs.client.WebTarget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the contracts against the running catalog share: its REST API ({@link #api()}) and job service
 * ({@link #runners()}) on the test server, its data source, and the check that a subclass runs on the
 * database it says (H2 or MariaDB).
 */
public abstract class CatalogServiceContract {

    @Inject
    protected WebTarget target;

    @Inject
    @Named("catalog")
    protected DataSource dataSource;

    private RunnerClient runners;

    protected abstract String expectedDatabaseProduct();

    protected CatalogClient api() {
        return new CatalogClient(target);
    }

    protected RunnerClient runners() {
        if (runners == null) {
            runners = new RunnerClient(target);
        }
        return runners;
    }

    // public, as the test methods here: the test instance is a CDI bean behind a proxy, which forwards a
    // package-private method only within its own package (a subclass's in another package ran on the proxy)
    @AfterEach
    public void closeChannels() {
        if (runners != null) {
            runners.close();
            runners = null;
        }
    }

    @Test
    public void runsOnTheExpectedDatabase() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            assertEquals(expectedDatabaseProduct(), connection.getMetaData().getDatabaseProductName());
        }
    }
}
