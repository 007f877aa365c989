package dev.inferplan.platform.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.literal.NamedLiteral;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the service's database answers (services without one have nothing to check). */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    private final Optional<String> dataSourceName;
    private final Instance<DataSource> dataSources;

    @Inject
    public DatabaseReadiness(@ConfigProperty(name = "inferplan.database.datasource") Optional<String> dataSourceName,
                             Instance<DataSource> dataSources) {
        this.dataSourceName = dataSourceName;
        this.dataSources = dataSources;
    }

    @Override
    public HealthCheckResponse call() {
        if (dataSourceName.isEmpty()) {
            return HealthCheckResponse.named("database").up().withData("database", "none").build();
        }
        String name = dataSourceName.get();
        try (Connection connection = dataSources.select(NamedLiteral.of(name)).get().getConnection()) {
            boolean valid = connection.isValid(2);
            return HealthCheckResponse.named("database")
                    .status(valid)
                    .withData("datasource", name)
                    .withData("product", connection.getMetaData().getDatabaseProductName())
                    .build();
        } catch (SQLException | RuntimeException e) {
            return HealthCheckResponse.named("database").down()
                    .withData("datasource", name)
                    .withData("error", String.valueOf(e.getMessage()))
                    .build();
        }
    }
}
