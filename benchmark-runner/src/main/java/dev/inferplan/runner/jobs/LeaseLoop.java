package dev.inferplan.runner.jobs;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.inferplan.runner.hardware.Hardware;
import dev.inferplan.runner.models.CachedModel;
import dev.inferplan.runner.models.ModelSignature;
import dev.inferplan.runner.status.RunnerStatus;
import dev.inferplan.runner.sweeps.SweepProgress;

/**
 * The runner as a service: lease a job for this pool, heartbeat while it runs (stopping when the
 * catalog says so), report the outcome under an idempotency key. A report the catalog did not
 * acknowledge stays pending and is sent again, with the same key, before anything new is leased:
 * a retry can never record a result twice. A job that fails is reported with its reason and the
 * loop goes on with the next one.
 */
public final class LeaseLoop {

    private static final Logger LOG = Logger.getLogger(LeaseLoop.class.getName());

    /** How often to look for work when the queue is empty, and to heartbeat a running job. */
    public record Timing(Duration pollInterval, Duration heartbeatInterval) {
    }

    private record PendingReport(JobQueue.Lease lease, String key, JobOutcome outcome) {
    }

    private final JobQueue queue;
    private final JobExecutor executor;
    private final Hardware hardware;
    private final String runnerVersion;
    private final RunnerStatus status;
    private final Timing timing;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile PendingReport pending;

    public LeaseLoop(JobQueue queue, JobExecutor executor, Hardware hardware, String runnerVersion,
                     RunnerStatus status, Timing timing) {
        this.queue = queue;
        this.executor = executor;
        this.hardware = hardware;
        this.runnerVersion = runnerVersion;
        this.status = status;
        this.timing = timing;
    }

    /** Runs until {@link #stop()}: jobs one after another, polling when there are none. */
    public void run() throws InterruptedException {
        while (!stopped.get()) {
            boolean worked;
            try {
                worked = runOnce();
            } catch (RuntimeException e) {
                // the catalog is unreachable or refused the call: try again after the poll interval
                LOG.log(Level.WARNING, "job queue call failed: " + e.getMessage());
                status.leasing(false, "job queue call failed: " + e.getMessage());
                worked = false;
            }
            if (!worked && !stopped.get()) {
                Thread.sleep(timing.pollInterval().toMillis());
            }
        }
    }

    public void stop() {
        stopped.set(true);
    }

    public boolean hasPendingReport() {
        return pending != null;
    }

    /**
     * Sends a pending report, or leases and runs one job. True when there was something to do.
     * Queue failures propagate; a pending report survives them.
     */
    public boolean runOnce() {
        PendingReport waiting = pending;
        if (waiting != null) {
            send(waiting);
            return true;
        }
        Optional<JobQueue.Lease> leased = queue.lease(hardware.pool(), status.runnerId());
        status.leasing(true, "leasing jobs for pool " + hardware.pool());
        if (leased.isEmpty()) {
            return false;
        }
        JobQueue.Lease lease = leased.get();
        JobOutcome outcome = lease.job() == null
                ? new JobOutcome(lease.jobId(), false, "IMPOSSIBLE_SWEEP", "IMPOSSIBLE_SWEEP: " + lease.malformed(),
                List.of(), null, "")
                : execute(lease);
        status.jobFinished(outcome.succeeded(), outcome.succeeded()
                ? "job " + lease.jobId() + ": " + outcome.points().size() + " points"
                : "job " + lease.jobId() + " failed: " + outcome.failureReason());
        if (outcome.cancelled()) {
            LOG.info(() -> "job " + lease.jobId() + " stopped: cancelled or lease lost; not reported");
            return true;
        }
        // one key per lease: a retry of this report is recognized, a later lease of the same job is not this report
        send(new PendingReport(lease, "job-" + lease.jobId() + "-lease-" + lease.token(), outcome));
        return true;
    }

    private void send(PendingReport report) {
        pending = report;
        boolean recorded = queue.report(report.lease(), report.key(), report.outcome(), hardware, runnerVersion);
        pending = null;
        LOG.info(() -> "job " + report.lease().jobId() + " reported (" + (recorded ? "recorded" : "already recorded")
                + ", key " + report.key() + ")");
    }

    private JobOutcome execute(JobQueue.Lease lease) {
        BenchmarkJob job = lease.job();
        status.jobStarted(job.id(), job.scenario().name());
        LOG.info(() -> "leased job " + job.id() + " (attempt " + job.attempt() + "): " + job.scenario() + " of " + job.artifactUri());
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong expires = new AtomicLong(lease.expiresAtEpochMs());
        ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("heartbeat-" + job.id()).daemon().factory());
        long period = timing.heartbeatInterval().toMillis();
        heartbeats.scheduleAtFixedRate(() -> heartbeat(lease, stop, expires), period, period, TimeUnit.MILLISECONDS);
        try {
            return executor.execute(job, new JobControl() {
                @Override
                public boolean cancelled() {
                    return stop.get() || stopped.get();
                }

                @Override
                public void progress(SweepProgress progress, String point) {
                    status.progress(progress, point);
                    LOG.info(() -> "job " + job.id() + ": " + progress.describe() + ": " + point);
                }

                @Override
                public void signatureRead(CachedModel model, ModelSignature signature) {
                    try {
                        queue.reportSignature(job.modelVersionId(), model.sha256(), signature);
                    } catch (RuntimeException e) {
                        LOG.warning(() -> "could not report the IO signature of job " + job.id() + ": " + e.getMessage());
                    }
                }
            });
        } finally {
            heartbeats.shutdownNow();
        }
    }

    private void heartbeat(JobQueue.Lease lease, AtomicBoolean stop, AtomicLong expires) {
        RunnerStatus.CurrentJob current = status.currentJob();
        try {
            JobQueue.HeartbeatAnswer answer = queue.heartbeat(lease, current == null ? 0 : current.percent(),
                    current == null ? -1 : current.etaSeconds());
            expires.set(answer.expiresAtEpochMs());
            if (answer.stop()) {
                LOG.info(() -> "job " + lease.jobId() + ": the catalog asked to stop");
                stop.set(true);
            }
        } catch (RuntimeException e) {
            LOG.warning(() -> "heartbeat for job " + lease.jobId() + " failed: " + e.getMessage());
            if (expires.get() > 0 && System.currentTimeMillis() > expires.get()) {
                // the catalog has re-queued the job by now: another runner may be measuring it
                LOG.warning(() -> "job " + lease.jobId() + ": lease expired without a heartbeat; stopping");
                stop.set(true);
            }
        }
    }
}
