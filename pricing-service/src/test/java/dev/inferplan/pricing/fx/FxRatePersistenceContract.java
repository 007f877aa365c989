package dev.inferplan.pricing.fx;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

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

/** The FX table through REST, JPA and the Flyway-made schema, on each supported database. */
abstract class FxRatePersistenceContract {

    @Inject
    WebTarget target;

    @Inject
    @Named("pricing")
    DataSource dataSource;

    abstract String expectedDatabaseProduct();

    @Test
    void runsOnTheExpectedDatabase() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            assertEquals(expectedDatabaseProduct(), connection.getMetaData().getDatabaseProductName());
        }
    }

    @Test
    void rateIsStoredExactlyAndReplaced() {
        assertEquals(201, put("EUR", "1.0843").getStatus());
        assertEquals("1.0843", rate("EUR").getString("usdPerUnit"));
        assertEquals("ada", rate("EUR").getString("updatedBy"));

        assertEquals(200, put("EUR", "1.0000000001").getStatus());
        assertEquals("1.0000000001", rate("EUR").getString("usdPerUnit"), "ten fractional digits survive the round trip");
        assertEquals(new BigDecimal("1.0000000001"), rateInDatabase("EUR"), "JPA wrote the row to this test's database");
    }

    private BigDecimal rateInDatabase(String currency) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT usd_per_unit FROM fx_rate WHERE currency = ?")) {
            assertEquals(expectedDatabaseProduct(), connection.getMetaData().getDatabaseProductName());
            select.setString(1, currency);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getBigDecimal(1).stripTrailingZeros() : null;
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void unknownCurrencyIsRefusedNamingTheField() {
        try (Response response = put("XQZ", "1.2")) {
            assertEquals(422, response.getStatus());
            JsonObject error = response.readEntity(JsonObject.class).getJsonArray("errors").getJsonObject(0);
            assertEquals("currency", error.getString("field"));
        }
    }

    @Test
    void nonPositiveOrNonNumericRateIsRefused() {
        for (String bad : new String[] {"0", "-1.5", "1,5", "abc", ""}) {
            try (Response response = put("GBP", bad)) {
                assertEquals(422, response.getStatus(), "rate '" + bad + "'");
                assertEquals("usdPerUnit", response.readEntity(JsonObject.class)
                        .getJsonArray("errors").getJsonObject(0).getString("field"));
            }
        }
        assertEquals(0, rates().getValuesAs(JsonObject.class).stream()
                .filter(r -> r.getString("currency").equals("GBP")).count(), "nothing half-written");
    }

    @Test
    void usdIsTheBaseAndCannotBeSet() {
        try (Response response = put("USD", "1")) {
            assertEquals(422, response.getStatus());
        }
    }

    private Response put(String currency, String usdPerUnit) {
        return target.path("/api/pricing/fx-rates/" + currency).request()
                .header("Authorization", "Bearer " + TestTokens.token("ada", "admin"))
                .put(Entity.json("{\"usdPerUnit\":\"" + usdPerUnit + "\"}"));
    }

    private JsonArray rates() {
        return target.path("/api/pricing/fx-rates").request()
                .header("Authorization", TestTokens.bearer("viewer")).get(JsonArray.class);
    }

    private JsonObject rate(String currency) {
        return rates().getValuesAs(JsonObject.class).stream()
                .filter(r -> r.getString("currency").equals(currency)).findFirst()
                .orElseThrow(() -> new AssertionError(currency + " not listed"));
    }
}
