package dev.inferplan.platform.requests;

import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import dev.inferplan.platform.logging.TraceLogFormatter;

import io.helidon.logging.common.HelidonMdc;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * Every REST request of every service carries a request id ({@code X-Request-Id}): the caller's (the
 * gateway always sends one) or a new one, returned with the answer and logged with the request's
 * method, path and status, so one call can be followed through the gateway and the services' logs.
 * A value that is not a short token ({@link #ACCEPTED}) is replaced rather than written into a log.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 200)
@ApplicationScoped
public class RequestIdFilter implements ContainerRequestFilter, ContainerResponseFilter {

    public static final String HEADER = "X-Request-Id";

    /** Ids a caller may choose: up to 128 letters, digits and {@code . _ : -} (UUIDs, trace ids, ULIDs). */
    public static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final Logger LOG = Logger.getLogger("dev.inferplan.requests");
    private static final String PROPERTY = RequestIdFilter.class.getName();

    /** The caller's id when it is acceptable, else a new one. */
    public static String idFor(String offered) {
        return offered != null && ACCEPTED.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String id = idFor(request.getHeaderString(HEADER));
        request.setProperty(PROPERTY, id);
        // every log line of the request carries them (TraceLogFormatter); the span's trace id wins once it is current
        HelidonMdc.set(TraceLogFormatter.REQUEST_ID, id);
        callersTraceId(request).ifPresent(traceId -> HelidonMdc.set(TraceLogFormatter.TRACE_ID, traceId));
    }

    /** The trace id of the caller's W3C context ({@code 00-<trace id>-<parent id>-<flags>}), if it sent one. */
    private static Optional<String> callersTraceId(ContainerRequestContext request) {
        String traceparent = request.getHeaderString("traceparent");
        return traceparent != null && TRACEPARENT.matcher(traceparent).matches()
                ? Optional.of(traceparent.substring(3, 35)) : Optional.empty();
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(PROPERTY);
        if (id == null) {
            // a request refused before the request filter ran (Helidon's HTTP layer): still answered with an id
            id = idFor(request.getHeaderString(HEADER));
        }
        response.getHeaders().putSingle(HEADER, id);
        if (LOG.isLoggable(Level.INFO)) {
            // the request's own trace when tracing is on (also when the caller sent no context), else the
            // caller's W3C context (00-<trace id>-<parent id>-<flags>): the trace id finds the call's spans
            io.opentelemetry.api.trace.SpanContext span = io.opentelemetry.api.trace.Span.current().getSpanContext();
            String traceId = span.isValid() ? span.getTraceId() : callersTraceId(request).orElse("-");
            LOG.info("request " + HEADER.toLowerCase() + "=" + id + " trace-id=" + traceId + " " + request.getMethod() + " "
                    + request.getUriInfo().getRequestUri().getRawPath() + " -> " + response.getStatus());
        }
        HelidonMdc.remove(TraceLogFormatter.REQUEST_ID);
        HelidonMdc.remove(TraceLogFormatter.TRACE_ID);
    }
}
