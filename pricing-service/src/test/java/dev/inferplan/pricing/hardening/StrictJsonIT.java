package dev.inferplan.pricing.hardening;

import java.io.StringReader;

import dev.inferplan.platform.problem.Problem;
import dev.inferplan.platform.testing.TestTokens;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11 §4 on pricing's real FX endpoint: a body with duplicate keys (the last one used to win),
 * content after the document (ignored), or a float for the decimal-string rate (converted) is
 * refused with a 400 problem naming the field or position, and no rate is stored.
 */
@HelidonTest
class StrictJsonIT {

    @Inject
    private WebTarget target;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"usdPerUnit\": \"1.08\", \"usdPerUnit\": \"0.0001\"}        | duplicate key 'usdPerUnit'",
            "{\"usdPerUnit\": \"1.08\"} {\"usdPerUnit\": \"0.0001\"}       | content after the end of the JSON document",
            "{\"usdPerUnit\": 1.08}                                         | must be a string",
            "{\"usdPerUnit\": [\"1.08\"]}                                   | must be a string",
    })
    void aMalformedRateIsRefusedAndNotStored(String body, String reason) {
        try (Response response = target.path("/api/pricing/fx-rates/CHF").request()
                .header("Authorization", TestTokens.bearer("admin")).put(Entity.json(body))) {
            String answer = response.readEntity(String.class);
            assertEquals(400, response.getStatus(), answer);
            assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString());
            JsonObject problem = Json.createReader(new StringReader(answer)).readObject();
            assertEquals(reason, problem.getJsonArray("errors").getJsonObject(0).getString("reason"));
        }
        try (Response rates = target.path("/api/pricing/fx-rates").request()
                .header("Authorization", TestTokens.bearer("viewer")).get()) {
            JsonArray all = rates.readEntity(JsonArray.class);
            assertTrue(all.getValuesAs(JsonObject.class).stream().noneMatch(r -> r.getString("currency").equals("CHF")),
                    all::toString);
        }
    }
}
