package dev.inferplan.platform.problem;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;

import io.helidon.common.uri.UriValidationException;
import io.helidon.common.uri.UriValidator;
import io.helidon.http.DirectHandler;
import io.helidon.http.DirectHandler.EventType;
import io.helidon.http.HeaderNames;
import io.helidon.http.RequestException;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.microprofile.server.ServerCdiExtension;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HttpLayerProblemsTest {

    private static DirectHandler.TransportResponse answer(Status status, String message, Throwable cause) {
        RequestException thrown = RequestException.builder().type(EventType.BAD_REQUEST).status(status).message(message)
                .cause(cause).build();
        return new HttpLayerProblems().handle(DirectHandler.TransportRequest.empty(), EventType.BAD_REQUEST, status,
                ServerResponseHeaders.create(), thrown, null);
    }

    private static JsonObject body(DirectHandler.TransportResponse response) {
        String text = new String(response.entity().orElseThrow(), StandardCharsets.UTF_8);
        assertFalse(text.contains("zqx7"), text);
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void aQueryCharacterIsNamedByItsPartNeverQuoted() {
        UriValidationException invalid = assertThrows(UriValidationException.class, () -> UriValidator.validateQuery("q={zqx7}"));
        DirectHandler.TransportResponse response = answer(Status.BAD_REQUEST_400, invalid.getMessage(), invalid);
        assertEquals(400, response.status().code());
        assertEquals(Problem.MEDIA_TYPE, response.headers().get(HeaderNames.CONTENT_TYPE).get());
        assertEquals("The request target's query contains a character that must be percent-encoded (RFC 3986).",
                body(response).getString("detail"));
    }

    @Test
    void aContentEncodingIs415NamingIdentity() {
        DirectHandler.TransportResponse response = answer(Status.BAD_REQUEST_400,
                "Content-Encoding header present when content encoding is disabled", null);
        assertEquals(415, response.status().code());
        assertEquals("identity", response.headers().get(HeaderNames.ACCEPT_ENCODING).get());
        assertEquals(415, body(response).getInt("status"));
    }

    @Test
    void oversizedHeadersAre431() {
        assertEquals(431, answer(Status.BAD_REQUEST_400, "Header size exceeded", null).status().code());
    }

    @Test
    void anInternalErrorShowsAnErrorIdNotTheMessage() {
        JsonObject problem = body(answer(Status.INTERNAL_SERVER_ERROR_500, "zqx7 secret detail", new IllegalStateException("zqx7")));
        assertEquals(500, problem.getInt("status"));
        assertEquals(true, problem.getString("detail").startsWith("An unexpected error occurred; quote error id "));
    }

    @Test
    void helidonStillLetsTheServerBuilderBeReached() {
        // fails on a Helidon upgrade that removes the accessor HttpLayerExtension relies on (ADR 0009)
        assertNotNull(HttpLayerExtension.serverBuilder(new ServerCdiExtension()));
    }
}
