package dev.inferplan.gateway.headers;

import java.util.List;
import java.util.Optional;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Headers on every answer of the gateway. Security (issue 16): a Content-Security-Policy that allows
 * scripts only from the gateway's own files (no inline script, no CDN), {@code nosniff},
 * {@code Referrer-Policy: no-referrer}, no framing. CORS is off unless {@code gateway.cors.allowed-origins}
 * lists origins; then those origins (exactly) may call with a bearer token.
 */
public final class ResponseHeaders {

    /**
     * Styles may be inline: the plotting and Swagger UI libraries set element styles from script, which a
     * policy without {@code 'unsafe-inline'} for styles would break; scripts never may.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    private final List<String> allowedOrigins;

    public ResponseHeaders(List<String> allowedOrigins) {
        this.allowedOrigins = List.copyOf(allowedOrigins);
    }

    public void addTo(ServerResponse response) {
        response.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.header("X-Content-Type-Options", "nosniff");
        response.header("Referrer-Policy", "no-referrer");
        response.header("X-Frame-Options", "DENY");
    }

    /** The origin a browser may read this answer from, if CORS allows the request's origin. */
    public Optional<String> allowedOrigin(ServerRequest request) {
        return request.headers().first(io.helidon.http.HeaderNames.ORIGIN).filter(allowedOrigins::contains);
    }

    public boolean isPreflight(ServerRequest request) {
        return "OPTIONS".equals(request.prologue().method().text())
                && request.headers().contains(io.helidon.http.HeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
    }

    /** CORS headers for an allowed origin; a preflight is answered here, without reaching a service. */
    public void addCors(ServerResponse response, String origin, boolean preflight) {
        response.header("Access-Control-Allow-Origin", origin);
        response.header("Vary", "Origin");
        response.header("Access-Control-Expose-Headers", "X-Request-Id, Retry-After, Location");
        if (preflight) {
            response.header("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE");
            response.header("Access-Control-Allow-Headers", "Authorization, Content-Type, X-Request-Id, traceparent, tracestate");
            response.header("Access-Control-Max-Age", "600");
        }
    }
}
