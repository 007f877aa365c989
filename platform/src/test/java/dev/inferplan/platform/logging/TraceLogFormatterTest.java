package dev.inferplan.platform.logging;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import io.helidon.logging.common.HelidonMdc;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceLogFormatterTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN_ID = "00f067aa0ba902b7";
    private static final Instant AT = ZonedDateTime.of(2026, 12, 3, 15, 4, 5, 678_000_000, ZoneId.systemDefault()).toInstant();

    private final TraceLogFormatter formatter = new TraceLogFormatter(TraceLogFormatter.DEFAULT_FORMAT);

    @AfterEach
    void clear() {
        HelidonMdc.remove(TraceLogFormatter.REQUEST_ID);
        HelidonMdc.remove(TraceLogFormatter.TRACE_ID);
    }

    private static LogRecord record(String message) {
        LogRecord record = new LogRecord(Level.WARNING, message);
        record.setLoggerName("dev.inferplan.pricing.imports.PriceImports");
        record.setInstant(AT);
        return record;
    }

    @Test
    void aLineWrittenInsideARequestEndsWithTheCurrentSpansTraceIdAndTheRequestId() {
        HelidonMdc.set(TraceLogFormatter.REQUEST_ID, "req-42");
        // the caller's trace id the request filter saw is overruled by the span that is current
        HelidonMdc.set(TraceLogFormatter.TRACE_ID, "11111111111111111111111111111111");
        Span span = Span.wrap(SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getSampled(), TraceState.getDefault()));
        String line;
        try (Scope ignored = span.makeCurrent()) {
            line = formatter.format(record("import 7: 50.0% (500 offers, 0 rejected)"));
        }
        assertEquals("2026-12-03 15:04:05.678 WARNING dev.inferplan.pricing.imports.PriceImports: import 7: 50.0% (500 offers,"
                + " 0 rejected) trace-id=" + TRACE_ID + " request-id=req-42" + System.lineSeparator(), line);
    }

    @Test
    void withoutASpanTheRequestsOwnTraceIdIsUsed() {
        HelidonMdc.set(TraceLogFormatter.REQUEST_ID, "req-43");
        HelidonMdc.set(TraceLogFormatter.TRACE_ID, TRACE_ID);
        assertTrue(formatter.format(record("answered 503")).endsWith(
                "answered 503 trace-id=" + TRACE_ID + " request-id=req-43" + System.lineSeparator()));
    }

    @Test
    void aLineOutsideARequestHasNeither() {
        assertEquals("2026-12-03 15:04:05.678 WARNING dev.inferplan.pricing.imports.PriceImports: seed done"
                + System.lineSeparator(), formatter.format(record("seed done")));
    }

    @Test
    void aFailureFollowsTheIdsOnItsOwnLines() {
        HelidonMdc.set(TraceLogFormatter.REQUEST_ID, "req-44");
        LogRecord record = record("import failed");
        record.setThrown(new IllegalStateException("disk full"));
        String line = formatter.format(record);
        assertTrue(line.startsWith("2026-12-03 15:04:05.678 WARNING dev.inferplan.pricing.imports.PriceImports: import failed"
                + " request-id=req-44" + System.lineSeparator() + "java.lang.IllegalStateException: disk full"), line);
    }
}
