package dev.inferplan.runner.status;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.inferplan.runner.sweeps.SweepProgress;

/**
 * What the runner is doing, for {@code GET /api/runner/status} and the heartbeats: whether it
 * leases jobs (and why not), the job and point in progress, and counts since start.
 */
public final class RunnerStatus {

    /** The job in progress: {@code detail} names the point ("SERVER batch 1, concurrency 1, threads 2, window 3"). */
    public record CurrentJob(long jobId, String scenario, int point, int points, double percent, long etaSeconds,
                             String detail, Instant startedAt) {
    }

    public record Snapshot(String pool, String runnerId, boolean leasing, String leasingDetail, CurrentJob currentJob,
                           long jobsSucceeded, long jobsFailed, String lastOutcome) {
    }

    private final String pool;
    private final String runnerId;
    private final AtomicReference<CurrentJob> current = new AtomicReference<>();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean leasing;
    private volatile String leasingDetail = "not started";
    private volatile String lastOutcome;

    public RunnerStatus(String pool, String runnerId) {
        this.pool = pool;
        this.runnerId = runnerId;
    }

    public void leasing(boolean on, String detail) {
        this.leasing = on;
        this.leasingDetail = detail;
    }

    public void jobStarted(long jobId, String scenario) {
        current.set(new CurrentJob(jobId, scenario, 0, 0, 0, -1, "loading the model", Instant.now()));
    }

    public void progress(SweepProgress progress, String detail) {
        current.updateAndGet(job -> job == null ? null : new CurrentJob(job.jobId(), job.scenario(), progress.point(),
                progress.points(), progress.percent(), progress.etaSeconds(), detail, job.startedAt()));
    }

    public void jobFinished(boolean ok, String outcome) {
        (ok ? succeeded : failed).incrementAndGet();
        lastOutcome = outcome;
        current.set(null);
    }

    public CurrentJob currentJob() {
        return current.get();
    }

    public String runnerId() {
        return runnerId;
    }

    public String pool() {
        return pool;
    }

    public Snapshot snapshot() {
        return new Snapshot(pool, runnerId, leasing, leasingDetail, current.get(), succeeded.get(), failed.get(), lastOutcome);
    }
}
