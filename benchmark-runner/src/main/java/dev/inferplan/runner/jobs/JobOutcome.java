package dev.inferplan.runner.jobs;

import java.util.List;

import dev.inferplan.runner.models.ModelSignature;

/**
 * How a job ended: its measured points, or the reason it could not be measured (stored on the
 * job). {@code failureKind} is the {@link dev.inferplan.runner.BenchmarkFailure.Kind} name.
 */
public record JobOutcome(long jobId,
                         boolean succeeded,
                         String failureKind,
                         String failureReason,
                         List<PointResult> points,
                         ModelSignature signature,
                         String modelSha256) {

    public JobOutcome {
        points = List.copyOf(points);
    }

    public boolean cancelled() {
        return "CANCELLED".equals(failureKind);
    }
}
