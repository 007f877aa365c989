package dev.inferplan.gateway.routing;

import java.util.Locale;

import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * {@code gateway_upstream_failures_total{service, failure}}: calls the gateway could not complete because of
 * the service, by how they failed. A cut answer is the one the caller may not notice at once (its status was
 * 200), so it is counted apart from the 502s and 504s the caller sees.
 */
final class UpstreamFailures {

    /** How a call failed; the metric's {@code failure} label is the name in lower case with dashes. */
    enum Failure {
        /** The connection was refused or not accepted in time: 502. */
        UNREACHABLE,
        /** The connection failed before the status line came: 502. */
        NO_ANSWER,
        /** No answer within the timeout: 504. */
        TIMEOUT,
        /** The connection failed after the status was sent on: the caller's connection is cut too. */
        CUT;

        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final MetricRegistry metrics;

    UpstreamFailures(MetricRegistry metrics) {
        this.metrics = metrics;
    }

    void count(String service, Failure failure) {
        metrics.counter(Metadata.builder().withName("gateway_upstream_failures_total")
                        .withDescription("Calls the gateway could not complete because of the service, by how they failed")
                        .build(),
                new Tag("service", service), new Tag("failure", failure.label())).inc();
    }
}
