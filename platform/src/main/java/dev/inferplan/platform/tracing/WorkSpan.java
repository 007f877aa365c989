package dev.inferplan.platform.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;

/**
 * A span for a service's own work (a database batch, a lease, an index refresh, a benchmark run):
 * a child of the current span, and current itself until closed, so work inside it nests.
 * <pre>{@code try (WorkSpan span = WorkSpan.start("catalog.version-index.refresh")) { ... span.attribute("versions", n); }}</pre>
 */
public final class WorkSpan implements AutoCloseable {

    private static final String INSTRUMENTATION = "dev.inferplan";

    private final Span span;
    private final Scope scope;

    private WorkSpan(Span span) {
        this.span = span;
        this.scope = span.makeCurrent();
    }

    public static WorkSpan start(String name) {
        return new WorkSpan(Telemetry.current().getTracer(INSTRUMENTATION).spanBuilder(name).startSpan());
    }

    public WorkSpan attribute(String key, long value) {
        span.setAttribute(key, value);
        return this;
    }

    public WorkSpan attribute(String key, boolean value) {
        span.setAttribute(key, value);
        return this;
    }

    @Override
    public void close() {
        scope.close();
        span.end();
    }
}
