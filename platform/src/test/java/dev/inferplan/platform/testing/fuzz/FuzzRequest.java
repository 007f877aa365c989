package dev.inferplan.platform.testing.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One generated request, as bytes go on the wire. {@code mustBeRefused}: the body is not one
 * well-formed JSON document (a syntax mutation), so any 2xx is itself a failure.
 */
public record FuzzRequest(ApiOperation operation, String method, String target, Map<String, String> headers, byte[] body,
                          String mutation, boolean mustBeRefused) {

    @Override
    public String toString() {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        return method + " " + (target.length() > 300 ? target.substring(0, 300) + "…" : target) + " " + headers.keySet()
                + " [" + mutation + "] " + (text.length() > 400 ? text.substring(0, 400) + "… (" + text.length() + " chars)" : text);
    }
}
