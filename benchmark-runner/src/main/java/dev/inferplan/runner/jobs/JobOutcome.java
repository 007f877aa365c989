package dev.inferplan.runner.jobs;

import java.util.List;

import dev.inferplan.runner.fidelity.FidelityReport;
import dev.inferplan.runner.models.ModelSignature;
import dev.inferplan.runner.sweeps.SearchTrace;

/**
 * How a job ended: its measured points, or the reason it could not be measured (stored on the
 * job), and a fidelity job's report. {@code failureKind} is the {@link dev.inferplan.runner.BenchmarkFailure.Kind} name.
 */
public record JobOutcome(long jobId,
                         boolean succeeded,
                         String failureKind,
                         String failureReason,
                         List<PointResult> points,
                         ModelSignature signature,
                         String modelSha256,
                         FidelityReport fidelity,
                         SearchTrace search) {

    public JobOutcome {
        points = List.copyOf(points);
    }

    /** A benchmark's outcome (no fidelity report). */
    public JobOutcome(long jobId, boolean succeeded, String failureKind, String failureReason, List<PointResult> points,
                      ModelSignature signature, String modelSha256) {
        this(jobId, succeeded, failureKind, failureReason, points, signature, modelSha256, null, null);
    }

    public boolean cancelled() {
        return "CANCELLED".equals(failureKind);
    }
}
