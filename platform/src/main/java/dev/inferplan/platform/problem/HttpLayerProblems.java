package dev.inferplan.platform.problem;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import io.helidon.common.uri.UriValidationException;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.RequestException;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

/**
 * What Helidon's HTTP layer answers itself, before (or outside) JAX-RS: a malformed request line or
 * header, a URI or headers over their limits, a Content-Encoding, a path no route serves, a failure in
 * routing. Helidon's default writes the exception's message as {@code text/plain}, which quotes the
 * request back ("Query contains invalid char: …", the request line in hex); here every one of them is
 * an {@code application/problem+json} written from the status and the kind of fault, never from the
 * request. Installed on every service by {@link HttpLayerExtension} (ADR 0009).
 */
public final class HttpLayerProblems implements DirectHandler {

    private static final System.Logger LOGGER = System.getLogger(HttpLayerProblems.class.getName());
    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final String NOT_ORIGIN_FORM = "request target not in origin form";

    /** One handler for every kind of event. */
    public static DirectHandlers all() {
        HttpLayerProblems handler = new HttpLayerProblems();
        DirectHandlers.Builder handlers = DirectHandlers.builder();
        for (EventType type : EventType.values()) {
            handlers.addHandler(type, handler);
        }
        return handlers.build();
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status defaultStatus,
                                    ServerResponseHeaders responseHeaders, Throwable thrown, System.Logger logger) {
        return answer(defaultStatus, responseHeaders, thrown);
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status defaultStatus,
                                    ServerResponseHeaders responseHeaders, String message) {
        return answer(defaultStatus, responseHeaders, null);
    }

    static TransportResponse answer(Status status, ServerResponseHeaders headers, Throwable thrown) {
        String message = thrown == null ? "" : String.valueOf(thrown.getMessage());
        Fault fault = Fault.of(status, message, thrown);
        Status answered = fault.status == null ? status : fault.status;
        String detail = fault.detail;
        if (answered.code() >= 500 && answered.code() != 503) {
            String errorId = UUID.randomUUID().toString();
            LOGGER.log(Level.ERROR, "HTTP layer failure, error id " + errorId, thrown);
            detail = "An unexpected error occurred; quote error id " + errorId + " when reporting it.";
        }
        Problem problem = new Problem(fault.type == null ? ProblemResponseFilter.typeFor(answered.code())
                : URI.create(Problem.TYPE_BASE + fault.type), answered.reasonPhrase(), answered.code(), detail, null,
                List.of());
        headers.set(HeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (answered.code() == 415) {
            headers.set(HeaderNames.ACCEPT_ENCODING, "identity");
        }
        if (answered.code() == 503) {
            headers.set(HeaderNames.RETRY_AFTER, "1");
        }
        headers.remove(HeaderNames.CONTENT_LENGTH);
        return TransportResponse.builder()
                .status(answered)
                .headers(headers)
                .entity(JSONB.toJson(problem).getBytes(StandardCharsets.UTF_8))
                .keepAlive(answered.code() == 404 || answered.code() == 405)
                .build();
    }

    /** The fault told from Helidon's status, exception and message; the message itself is never shown. */
    private record Fault(Status status, String type, String detail) {

        static Fault of(Status status, String message, Throwable thrown) {
            UriValidationException uri = cause(thrown, UriValidationException.class);
            if (uri != null) {
                return new Fault(Status.BAD_REQUEST_400, "bad-request", "The request target's "
                        + uri.segment().text().toLowerCase() + " contains a character that must be percent-encoded"
                        + " (RFC 3986).");
            }
            if (message.equals(NOT_ORIGIN_FORM)) {
                return new Fault(Status.BAD_REQUEST_400, "bad-request",
                        "The request target must be a path from '/' (origin form, RFC 9112 §3.2.1).");
            }
            if (message.contains("ontent-Encoding") || message.contains("ontent encoding")) {
                return new Fault(Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported-encoding",
                        "Request bodies are accepted without Content-Encoding only (Accept-Encoding: identity);"
                                + " send the body uncompressed.");
            }
            if (message.startsWith("Header size exceeded")) {
                return new Fault(Status.create(431, "Request Header Fields Too Large"), "headers-too-large",
                        "The request headers are larger than this server accepts.");
            }
            return switch (status.code()) {
                case 400 -> new Fault(null, "bad-request", badRequest(message));
                case 404 -> new Fault(null, null, "No resource at this path.");
                case 405 -> new Fault(null, null, "This method is not allowed on this resource.");
                case 413 -> new Fault(null, "too-large", "The request body is larger than this server accepts.");
                case 414 -> new Fault(null, "uri-too-long", "The request line is longer than this server accepts.");
                case 503 -> new Fault(null, null, "The server is busy; retry shortly.");
                default -> new Fault(null, null, status.reasonPhrase() + ".");
            };
        }

        private static String badRequest(String message) {
            if (message.contains("Host header") || message.contains("host header")) {
                return "The Host header is missing, repeated or not valid.";
            }
            if (message.contains("chunk") || message.contains("Chunk")) {
                return "The chunked request body is malformed.";
            }
            if (message.startsWith("Content length")) {
                return "Content-Length is not a number.";
            }
            if (message.contains("prologue") || message.contains("Path can't be empty") || message.contains("version")
                    || message.contains("Invalid path")) {
                return "The request line is malformed (METHOD SP request-target SP HTTP/1.1).";
            }
            if (message.contains("header")) {
                return "A request header is malformed.";
            }
            return "The request could not be read: its request line, headers or body framing are malformed.";
        }

        private static <T extends Throwable> T cause(Throwable thrown, Class<T> type) {
            for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (type.isInstance(t)) {
                    return type.cast(t);
                }
            }
            return null;
        }
    }

    /** A 400 for a request target that is not a path (absolute or asterisk form), raised by the routing filter. */
    static RequestException notOriginForm() {
        return RequestException.builder()
                .type(EventType.BAD_REQUEST)
                .status(Status.BAD_REQUEST_400)
                .message(NOT_ORIGIN_FORM)
                .setKeepAlive(false)
                .build();
    }

    /** A 400 for a Content-Length that is not a non-negative number, raised by the routing filter. */
    static RequestException badContentLength() {
        return RequestException.builder()
                .type(EventType.BAD_REQUEST)
                .status(Status.BAD_REQUEST_400)
                .message("Content length is not a number")
                .setKeepAlive(false)
                .build();
    }

    /** A 400 for a query or fragment that breaks RFC 3986, raised by the routing filter. */
    static RequestException invalidTarget(UriValidationException cause) {
        return RequestException.builder()
                .type(EventType.BAD_REQUEST)
                .status(Status.BAD_REQUEST_400)
                .message("invalid request target")
                .cause(cause)
                .setKeepAlive(false)
                .build();
    }
}
