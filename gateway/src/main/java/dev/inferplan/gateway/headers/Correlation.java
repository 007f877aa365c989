package dev.inferplan.gateway.headers;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.inferplan.platform.requests.RequestIdFilter;

/**
 * What ties one call together across the gateway and the services: the request id
 * ({@code X-Request-Id}, the caller's if acceptable, else new) and the W3C trace context
 * ({@code traceparent}, forwarded unchanged when valid so the services' spans join the caller's trace;
 * started here when absent or malformed, so every call has one trace id from the gateway on).
 */
public record Correlation(String requestId, String traceparent, Optional<String> tracestate) {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    /** W3C Trace Context §3.2: version 00, 32 hex trace id, 16 hex parent id, 2 hex flags; all-zero ids invalid. */
    private static final Pattern TRACEPARENT_FORMAT = Pattern.compile("00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public static Correlation of(String requestId, String traceparent, String tracestate) {
        String id = RequestIdFilter.idFor(requestId);
        if (traceparent != null && TRACEPARENT_FORMAT.matcher(traceparent).matches()) {
            return new Correlation(id, traceparent, Optional.ofNullable(tracestate));
        }
        // a new trace: tracestate belongs to the trace it came with, so it is dropped with it
        return new Correlation(id, "00-" + hex(16) + "-" + hex(8) + "-01", Optional.empty());
    }

    public String traceId() {
        return traceparent.substring(3, 35);
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
