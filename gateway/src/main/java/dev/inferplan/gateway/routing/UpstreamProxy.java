package dev.inferplan.gateway.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import dev.inferplan.gateway.access.BodyLimit;
import dev.inferplan.gateway.headers.Correlation;
import dev.inferplan.gateway.routing.UpstreamFailures.Failure;
import dev.inferplan.gateway.upstreams.ServiceDirectory.Service;
import dev.inferplan.platform.requests.RequestIdFilter;
import dev.inferplan.platform.tracing.Telemetry;

import io.helidon.http.Header;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * Forwards one request to its service and its answer back, both bodies streamed (a 200 MB price list
 * passes through a small heap in 64 KiB pieces): the path and query unchanged, the caller's headers and
 * token, the request id and trace context, {@code X-Forwarded-*}. The service's answer, errors included,
 * is passed through as it is. A service that cannot be reached is a 502 problem naming it; one that has
 * not answered within the timeout, a 504; one whose connection fails mid-answer cuts the caller's.
 */
public final class UpstreamProxy {

    /** RFC 9110 §7.6.1 hop-by-hop fields, plus what the JDK client sets itself (host, length, expect). */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host",
            "content-length", "expect", "x-request-id", "traceparent", "tracestate", "x-forwarded-for",
            "x-forwarded-host", "x-forwarded-proto", "forwarded", "http2-settings");
    /** Set by the gateway on the answer, or describing the service's connection only. */
    private static final Set<String> NOT_RETURNED = Set.of("connection", "keep-alive", "transfer-encoding", "upgrade",
            "content-length", "x-request-id", "date", "trailer", "proxy-authenticate");

    private final HttpClient http;
    private final Duration timeout;
    private final Duration uploadTimeout;

    public UpstreamProxy(Duration connectTimeout, Duration timeout, Duration uploadTimeout) {
        this.timeout = timeout;
        this.uploadTimeout = uploadTimeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * @param body wraps the request body as it streams (the size limit), identity where none applies
     * @param unlimited the route has no size limit: its uploads get {@code uploadTimeout} instead of {@code timeout}
     */
    public void forward(Service service, ServerRequest request, ServerResponse response, Correlation correlation,
                        UnaryOperator<InputStream> body, boolean unlimited) {
        String rawQuery = request.prologue().query().rawValue();
        URI target = URI.create(service.baseUri().toString().replaceFirst("/$", "")
                + request.prologue().uriPath().rawPath() + (rawQuery.isEmpty() ? "" : "?" + rawQuery));
        HttpRequest.Builder forwarded = HttpRequest.newBuilder(target)
                .timeout(unlimited ? uploadTimeout : timeout)
                .method(request.prologue().method().text(), publisher(request, body));
        for (Header header : request.headers()) {
            if (!NOT_FORWARDED.contains(header.name().toLowerCase(Locale.ROOT))) {
                for (String value : header.allValues()) {
                    forwarded.header(header.name(), value);
                }
            }
        }
        forwarded.header(RequestIdFilter.HEADER, correlation.requestId());
        Span span = span(service, request, correlation);
        try (Scope ignored = span.makeCurrent()) {
            Map<String, String> context = new HashMap<>();
            W3CTraceContextPropagator.getInstance().inject(Context.current(), context, Map::put);
            // the gateway's own span when tracing is on; the caller's (or the started) context when it is off
            forwarded.header(Correlation.TRACEPARENT, context.getOrDefault(Correlation.TRACEPARENT, correlation.traceparent()));
            Optional.ofNullable(context.get(Correlation.TRACESTATE)).or(correlation::tracestate)
                    .ifPresent(state -> forwarded.header(Correlation.TRACESTATE, state));
            send(service, request, response, forwarded, unlimited, span);
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
        }
    }

    /** The gateway's SERVER span of the call, a child of the caller's trace context (or the one started here). */
    private static Span span(Service service, ServerRequest request, Correlation correlation) {
        Map<String, String> carrier = new HashMap<>();
        carrier.put(Correlation.TRACEPARENT, correlation.traceparent());
        correlation.tracestate().ifPresent(state -> carrier.put(Correlation.TRACESTATE, state));
        Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), carrier, CARRIER);
        String method = request.prologue().method().text();
        return Telemetry.current().getTracer("dev.inferplan.gateway")
                .spanBuilder(method + " " + service.name())
                .setSpanKind(SpanKind.SERVER)
                .setParent(parent)
                .setAttribute("http.request.method", method)
                .setAttribute("url.path", request.prologue().uriPath().rawPath())
                .setAttribute("inferplan.service", service.name())
                .setAttribute("inferplan.request_id", correlation.requestId())
                .startSpan();
    }

    private static final TextMapGetter<Map<String, String>> CARRIER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private void send(Service service, ServerRequest request, ServerResponse response, HttpRequest.Builder forwarded,
                      boolean unlimited, Span span) {
        forwarded.header("X-Forwarded-For", request.remotePeer().host());
        forwarded.header("X-Forwarded-Proto", request.isSecure() ? "https" : "http");
        request.headers().first(io.helidon.http.HeaderNames.HOST).ifPresent(host -> forwarded.header("X-Forwarded-Host", host));

        HttpResponse<InputStream> answer;
        try {
            answer = http.send(forwarded.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (BodyLimit.TooLarge e) {
            throw new RequestTooLarge(e);
        } catch (HttpConnectTimeoutException | ConnectException | UnresolvedAddressException e) {
            throw new UpstreamUnavailable(service.name(), Failure.UNREACHABLE,
                    "did not accept a connection (" + describe(e) + ")");
        } catch (HttpTimeoutException e) {
            throw new UpstreamUnavailable(service.name(), Failure.TIMEOUT,
                    "did not answer within " + (unlimited ? uploadTimeout : timeout).toMillis() + " ms");
        } catch (IOException e) {
            if (causedByLimit(e)) {
                throw new RequestTooLarge(e);
            }
            throw new UpstreamUnavailable(service.name(), Failure.NO_ANSWER, "failed while answering (" + describe(e) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamUnavailable(service.name(), Failure.NO_ANSWER, "the call was interrupted");
        }
        span.setAttribute("http.response.status_code", answer.statusCode());
        relay(service, answer, response);
    }

    private static HttpRequest.BodyPublisher publisher(ServerRequest request, UnaryOperator<InputStream> body) {
        // A body is what the request declares, a length or chunks: a GET upgraded to HTTP/2 (h2c, as Java's
        // HttpClient asks by default) answered hasEntity() and its stream never ended, hanging the call.
        String method = request.prologue().method().text();
        boolean declared = request.headers().contentLength().orElse(0) > 0
                || request.headers().contains(io.helidon.http.HeaderNames.TRANSFER_ENCODING)
                // HTTP/2 has no chunked encoding: a body of unknown length comes as DATA frames
                || ("2.0".equals(request.prologue().protocolVersion()) && !"GET".equals(method) && !"HEAD".equals(method)
                    && request.content().hasEntity());
        if (!declared) {
            return HttpRequest.BodyPublishers.noBody();
        }
        HttpRequest.BodyPublisher streamed = HttpRequest.BodyPublishers.ofInputStream(
                () -> body.apply(request.content().inputStream()));
        // keep the caller's declared length (the services check it); chunked otherwise
        return request.headers().contentLength().stream()
                .mapToObj(length -> HttpRequest.BodyPublishers.fromPublisher(streamed, length))
                .findFirst().orElse(streamed);
    }

    /**
     * The answer's status, headers and body, streamed. The first piece of the body is read before anything is
     * sent, so a service that fails before it is still a 502. One that fails later has had its status passed
     * on: the caller's connection is then cut without the body's end (no last chunk, fewer bytes than the
     * declared length), so the caller sees a broken answer and never a short one that looks whole.
     */
    private static void relay(Service service, HttpResponse<InputStream> answer, ServerResponse response) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = answer.body()) {
            int read;
            try {
                read = in.read(buffer);
            } catch (IOException e) {
                throw new UpstreamUnavailable(service.name(), Failure.NO_ANSWER,
                        "failed while answering (" + describe(e) + ")");
            }
            response.status(answer.statusCode());
            HttpHeaders headers = answer.headers();
            headers.map().forEach((name, values) -> {
                if (!NOT_RETURNED.contains(name.toLowerCase(Locale.ROOT))) {
                    response.header(name, values.toArray(String[]::new));
                }
            });
            headers.firstValueAsLong("content-length").ifPresent(response.headers()::contentLength);
            OutputStream out = response.outputStream();
            long relayed = 0;
            while (read >= 0) {
                toCaller(out, buffer, read, relayed);
                relayed += read;
                try {
                    read = in.read(buffer);
                } catch (IOException e) {
                    // not closing out: closing would end the body as if it were whole
                    throw new AnswerCut(service.name(), answer.statusCode(), relayed, describe(e));
                }
            }
            try {
                out.close();
            } catch (IOException | UncheckedIOException e) {
                throw new CallerLeft(relayed, e);
            }
        } catch (IOException e) {
            // closing the service's stream after the answer: nothing the caller needs to know
        }
    }

    private static void toCaller(OutputStream out, byte[] buffer, int length, long relayed) {
        try {
            out.write(buffer, 0, length);
        } catch (IOException | UncheckedIOException e) {
            throw new CallerLeft(relayed, e);
        }
    }

    private static boolean causedByLimit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodyLimit.TooLarge) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** The service could not be reached, or did not answer in time: the gateway answers 502 or 504. */
    public static final class UpstreamUnavailable extends RuntimeException {
        private final String service;
        private final Failure failure;

        UpstreamUnavailable(String service, Failure failure, String reason) {
            super(service + " " + reason);
            this.service = service;
            this.failure = failure;
        }

        public String service() {
            return service;
        }

        Failure failure() {
            return failure;
        }

        public int status() {
            return failure == Failure.TIMEOUT ? 504 : 502;
        }
    }

    /** The service's connection failed after its status was passed on, {@code relayedBytes} of the body in. */
    public static final class AnswerCut extends RuntimeException {
        private final String service;
        private final int status;

        AnswerCut(String service, int status, long relayedBytes, String reason) {
            super(service + " failed while answering after " + relayedBytes + " bytes of the body (" + reason + ")");
            this.service = service;
            this.status = status;
        }

        public String service() {
            return service;
        }

        public int status() {
            return status;
        }
    }

    /** The caller closed its connection while the answer streamed to it. */
    public static final class CallerLeft extends RuntimeException {
        CallerLeft(long relayedBytes, Throwable cause) {
            super("the caller closed the connection after " + relayedBytes + " bytes of the body", cause);
        }
    }

    /** The caller's body passed the size limit while it streamed. */
    public static final class RequestTooLarge extends RuntimeException {
        RequestTooLarge(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }
}
