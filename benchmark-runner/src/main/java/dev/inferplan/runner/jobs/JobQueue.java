package dev.inferplan.runner.jobs;

import java.util.Optional;

import dev.inferplan.runner.hardware.Hardware;
import dev.inferplan.runner.models.ModelSignature;

/**
 * The catalog's job queue as the runner uses it (proto {@code BenchmarkJobService}): a gRPC
 * adapter in production, an in-memory queue in tests.
 */
public interface JobQueue {

    /** Registers or updates this runner's pool and the hardware it detected. */
    void registerPool(Hardware hardware, String runnerVersion);

    /** The next queued job for the pool, leased to this runner; empty when nothing is queued. */
    Optional<Lease> lease(String pool, String runnerId);

    /** Extends the lease; the answer says whether to stop (cancelled, or the lease was lost). */
    HeartbeatAnswer heartbeat(Lease lease, double progressPercent, long etaSeconds);

    /** Reports the outcome; true when recorded now, false when this key was already recorded. */
    boolean report(Lease lease, String idempotencyKey, JobOutcome outcome, Hardware hardware, String runnerVersion);

    void reportSignature(long modelVersionId, String sha256, ModelSignature signature);

    /**
     * A leased job. {@code malformed} is set (and {@code job} null) when the catalog sent a job the
     * runner cannot even read, e.g. an unknown scenario: it is failed with that reason.
     */
    record Lease(BenchmarkJob job, long jobId, String token, long expiresAtEpochMs, String malformed) {
    }

    record HeartbeatAnswer(boolean stop, long expiresAtEpochMs) {
    }
}
