package dev.inferplan.platform.tracing;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.enterprise.inject.spi.CDI;

/**
 * The service's OpenTelemetry: the bean Helidon's telemetry produces (configured by the {@code otel.*}
 * properties) inside a running service, the global one (a no-op unless set) elsewhere, such as the
 * runner's command line. Looked up on each use, never cached: a bean kept from a container that has
 * stopped would fail. Helidon's own global tracer is not used: it is fixed at its first read, which may
 * come before the telemetry bean exists and would leave it a no-op for good.
 */
public final class Telemetry {

    private Telemetry() {
    }

    public static OpenTelemetry current() {
        try {
            return CDI.current().select(OpenTelemetry.class).get();
        } catch (RuntimeException | LinkageError noContainer) {
            return GlobalOpenTelemetry.get();
        }
    }
}
