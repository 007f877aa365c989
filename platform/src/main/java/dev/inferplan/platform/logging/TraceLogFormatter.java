package dev.inferplan.platform.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.logging.Formatter;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;

import io.helidon.logging.common.HelidonMdc;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * Every log line written while a request is handled ends with the request's trace id and request id
 * ({@code … trace-id=4bf92f3577b34da6a3ce929d0e0e4736 request-id=0f4e…}), so any line, not only the request
 * line, leads to the request's spans and to the same request in the other services' logs. The trace id is
 * the current OpenTelemetry span's (a REST or gRPC span, or a span of the service's own work); where no span
 * is current, the request's as the request filter found it (MDC {@value #TRACE_ID}). The request id is the
 * MDC's {@value #REQUEST_ID}, set by platform's {@code RequestIdFilter} and the gateway's filter. Lines
 * outside a request have neither.
 *
 * <p>Configured in {@code logging.properties} ({@code java.util.logging.ConsoleHandler.formatter}); the line
 * is {@link java.util.logging.SimpleFormatter}'s, arguments 1–6, with the ids as argument 7, in the format
 * {@code dev.inferplan.platform.logging.TraceLogFormatter.format}.
 */
public final class TraceLogFormatter extends Formatter {

    /** MDC key of the request id. */
    public static final String REQUEST_ID = "request-id";
    /** MDC key of the request's trace id where no span is current. */
    public static final String TRACE_ID = "trace-id";

    static final String DEFAULT_FORMAT = "%1$tF %1$tT.%1$tL %4$s %3$s: %5$s%7$s%6$s%n";

    private final String format;

    public TraceLogFormatter() {
        this(Optional.ofNullable(LogManager.getLogManager().getProperty(TraceLogFormatter.class.getName() + ".format"))
                .orElse(DEFAULT_FORMAT));
    }

    TraceLogFormatter(String format) {
        this.format = format;
    }

    @Override
    public String format(LogRecord record) {
        String source = record.getSourceClassName() == null ? record.getLoggerName()
                : record.getSourceClassName() + (record.getSourceMethodName() == null ? "" : " " + record.getSourceMethodName());
        String thrown = "";
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            try (PrintWriter out = new PrintWriter(trace)) {
                out.println();
                record.getThrown().printStackTrace(out);
            }
            thrown = trace.toString();
        }
        return String.format(format, ZonedDateTime.ofInstant(record.getInstant(), ZoneId.systemDefault()), source,
                record.getLoggerName(), record.getLevel().getLocalizedName(), formatMessage(record), thrown, context());
    }

    /** {@code " trace-id=… request-id=…"} with what is known, empty outside a request. */
    static String context() {
        SpanContext span = Span.current().getSpanContext();
        Optional<String> traceId = span.isValid() ? Optional.of(span.getTraceId()) : HelidonMdc.get(TRACE_ID);
        Optional<String> requestId = HelidonMdc.get(REQUEST_ID);
        return traceId.map(id -> " trace-id=" + id).orElse("") + requestId.map(id -> " request-id=" + id).orElse("");
    }
}
