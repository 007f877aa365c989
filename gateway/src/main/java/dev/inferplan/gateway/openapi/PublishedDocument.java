package dev.inferplan.gateway.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code GET /openapi}: the suite's one OpenAPI document, the services' documents merged under their
 * public paths ({@link OpenApiMerge}). It is the committed file {@link #RESOURCE} the build generates
 * the Java client from; {@code OpenApiDocumentIT} merges the running services' documents and fails when
 * they differ from it (and rewrites it with {@code -Dinferplan.openapi.refresh=true}). The gateway's own
 * document stays at {@code /openapi/gateway} (Helidon's).
 */
public final class PublishedDocument implements HttpService {

    public static final String RESOURCE = "/openapi/inferplan.json";

    private final byte[] document;

    public PublishedDocument() {
        try (InputStream in = PublishedDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the gateway's jar");
            }
            this.document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::send);
    }

    private void send(ServerRequest request, ServerResponse response) {
        response.header("Content-Type", "application/json");
        response.header("Cache-Control", "no-cache");
        response.send(document);
    }
}
