package dev.inferplan.runner.jobs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dev.inferplan.runner.hardware.Hardware;
import dev.inferplan.runner.models.ModelSignature;

/**
 * The catalog's queue as the contract describes it, in memory: leases expire unless heartbeated
 * and the job is re-queued; a report is stored once per idempotency key; a report or heartbeat
 * under a lease that is no longer current is refused.
 */
class FakeJobQueue implements JobQueue {

    private record Leased(BenchmarkJob job, String token, long expiresAt) {
    }

    final Deque<BenchmarkJob> queued = new ArrayDeque<>();
    final Map<Long, Leased> leased = new HashMap<>();
    final Map<String, JobOutcome> reports = new HashMap<>();
    final List<Long> heartbeats = new ArrayList<>();
    final List<String> registered = new ArrayList<>();
    final List<ModelSignature> signatures = new ArrayList<>();
    final AtomicInteger reportCalls = new AtomicInteger();
    private final long leaseMillis;
    volatile boolean cancelAll;
    /** Reports to lose the acknowledgement of: stored, then the call fails as a dropped connection would. */
    volatile int dropAcks;

    FakeJobQueue(long leaseMillis) {
        this.leaseMillis = leaseMillis;
    }

    synchronized void add(BenchmarkJob job) {
        queued.add(job);
    }

    @Override
    public synchronized void registerPool(Hardware hardware, String runnerVersion) {
        registered.add(hardware.pool());
    }

    @Override
    public synchronized Optional<Lease> lease(String pool, String runnerId) {
        long now = System.currentTimeMillis();
        leased.values().removeIf(l -> {
            if (l.expiresAt() < now) {
                BenchmarkJob j = l.job();
                queued.addFirst(new BenchmarkJob(j.id(), j.modelVersionId(), j.artifactUri(), j.sha256(), j.scenario(),
                        j.batchSizes(), j.concurrencies(), j.threads(), j.sequenceLength(), j.dimensions(),
                        j.durationSeconds(), j.targetQps(), j.latencyBoundMs(), j.providers(), j.allowFallback(),
                        j.attempt() + 1, j.tuning()));
                return true;
            }
            return false;
        });
        BenchmarkJob job = queued.poll();
        if (job == null) {
            return Optional.empty();
        }
        Leased l = new Leased(job, UUID.randomUUID().toString(), now + leaseMillis);
        leased.put(job.id(), l);
        return Optional.of(new Lease(job, job.id(), l.token(), l.expiresAt(), null));
    }

    @Override
    public synchronized HeartbeatAnswer heartbeat(Lease lease, double progressPercent, long etaSeconds) {
        heartbeats.add(lease.jobId());
        Leased current = leased.get(lease.jobId());
        if (current == null || !current.token().equals(lease.token()) || cancelAll) {
            return new HeartbeatAnswer(true, 0);
        }
        Leased extended = new Leased(current.job(), current.token(), System.currentTimeMillis() + leaseMillis);
        leased.put(lease.jobId(), extended);
        return new HeartbeatAnswer(false, extended.expiresAt());
    }

    @Override
    public synchronized boolean report(Lease lease, String idempotencyKey, JobOutcome outcome, Hardware hardware,
                                       String runnerVersion) {
        reportCalls.incrementAndGet();
        if (reports.containsKey(idempotencyKey)) {
            return false;
        }
        Leased current = leased.get(lease.jobId());
        if (current == null || !current.token().equals(lease.token())) {
            throw new IllegalStateException("FAILED_PRECONDITION: lease " + lease.token() + " is not current");
        }
        reports.put(idempotencyKey, outcome);
        leased.remove(lease.jobId());
        if (dropAcks > 0) {
            dropAcks--;
            throw new IllegalStateException("UNAVAILABLE: connection reset before the answer");
        }
        return true;
    }

    @Override
    public synchronized void reportSignature(long modelVersionId, String sha256, ModelSignature signature) {
        signatures.add(signature);
    }

    synchronized List<JobOutcome> outcomesOf(long jobId) {
        return reports.values().stream().filter(o -> o.jobId() == jobId).toList();
    }
}
