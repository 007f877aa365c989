package dev.inferplan.catalog.jobs;

import java.time.Instant;
import java.util.List;

/** A benchmark job as the API shows it (the lease token stays with the runner that holds it). */
public record JobView(long id, long modelVersionId, String pool, String scenario, Sweep sweep, int durationSeconds,
                      Double targetQps, Double latencyBoundMs, List<String> executionProviders, boolean allowFallback,
                      Long minQueries, Double windowSeconds, Double warmupSeconds, String status, int attempts,
                      int maxAttempts, String leasedBy, Instant leaseExpiresAt, Double progressPercent, Long etaSeconds,
                      String failureReason, List<Long> resultIds, Instant submittedAt, String submittedBy,
                      Instant startedAt, Instant finishedAt, Instant updatedAt, long revision,
                      ProviderOptions providerOptions, String kind, Long referenceModelVersionId, String search) {

    /** The queue fields of a job as the audit log records them before a change (never the lease token). */
    public record LeaseState(long id, String status, int attempts, int maxAttempts, String leasedBy,
                             Instant leaseExpiresAt) {
    }

    public record Sweep(List<Integer> batchSizes, List<Integer> concurrencies, List<Integer> threads, int sequenceLength) {
    }

    public static JobView of(BenchmarkJob job, List<Long> resultIds) {
        return new JobView(job.id(), job.modelVersionId(), job.pool(), job.scenario(),
                new Sweep(job.batchSizes(), job.concurrencies(), job.threads(), job.sequenceLength()),
                job.durationSeconds(), job.targetQps(), job.latencyBoundMs(), job.executionProviders(),
                job.allowFallback(), job.minQueries(), job.windowSeconds(), job.warmupSeconds(), job.status().name(),
                job.attempts(), job.maxAttempts(), job.leasedBy(), job.leaseExpiresAt(), job.progressPercent(),
                job.etaSeconds(), job.failureReason(), List.copyOf(resultIds), job.submittedAt(), job.submittedBy(),
                job.startedAt(), job.finishedAt(), job.updatedAt(), job.revision(),
                ProviderOptions.fromJson(job.providerOptions()), job.kind(), job.referenceModelVersionId(), job.search());
    }
}
