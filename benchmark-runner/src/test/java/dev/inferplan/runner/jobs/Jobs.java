package dev.inferplan.runner.jobs;

import java.net.URI;
import java.util.List;
import java.util.Map;

import dev.inferplan.contracts.benchmarks.ExecutionProvider;
import dev.inferplan.contracts.benchmarks.Scenario;
import dev.inferplan.runner.TestModels;
import dev.inferplan.runner.execution.ProviderOptions;
import dev.inferplan.runner.models.CachedModel;
import dev.inferplan.runner.models.ModelSignature;
import dev.inferplan.runner.sweeps.SweepProgress;

/** Short jobs on the real int8 model: a second of measuring, small windows, no MLPerf minimum. */
final class Jobs {

    static final BenchmarkJob.Tuning QUICK = new BenchmarkJob.Tuning(1, 0.3, 0.2);

    private Jobs() {
    }

    /** A control that never cancels and ignores progress; it keeps the signature the job read. */
    static final class QuietControl implements JobControl {

        private volatile ModelSignature signature;

        @Override
        public boolean cancelled() {
            return false;
        }

        @Override
        public void progress(SweepProgress progress, String point) {
        }

        @Override
        public void signatureRead(CachedModel model, ModelSignature read) {
            signature = read;
        }

        /** The signature the job read, or null. */
        ModelSignature signature() {
            return signature;
        }
    }

    static BenchmarkJob offline(long id, URI model, String sha, int batch) {
        return new BenchmarkJob(id, 100 + id, model, sha, Scenario.OFFLINE, List.of(batch), List.of(1), List.of(2), 32,
                Map.of(), 0.9, 0, 0, List.of(ExecutionProvider.CPU), false, 1, QUICK);
    }

    static BenchmarkJob int8Offline(long id) {
        return offline(id, TestModels.int8(), TestModels.INT8_SHA256, 2);
    }

    static BenchmarkJob withProviders(BenchmarkJob job, List<ExecutionProvider> providers, boolean fallback) {
        return new BenchmarkJob(job.id(), job.modelVersionId(), job.artifactUri(), job.sha256(), job.scenario(),
                job.batchSizes(), job.concurrencies(), job.threads(), job.sequenceLength(), job.dimensions(),
                job.durationSeconds(), job.targetQps(), job.latencyBoundMs(), providers, fallback, job.attempt(), job.tuning());
    }

    static BenchmarkJob withProviderOptions(BenchmarkJob job, ProviderOptions options) {
        return new BenchmarkJob(job.id(), job.modelVersionId(), job.artifactUri(), job.sha256(), job.scenario(),
                job.batchSizes(), job.concurrencies(), job.threads(), job.sequenceLength(), job.dimensions(),
                job.durationSeconds(), job.targetQps(), job.latencyBoundMs(), job.providers(), job.allowFallback(),
                job.attempt(), job.tuning(), job.artifactSizeBytes(), options);
    }

    static BenchmarkJob withSequence(BenchmarkJob job, int sequenceLength, List<Integer> batches, Scenario scenario) {
        return new BenchmarkJob(job.id(), job.modelVersionId(), job.artifactUri(), job.sha256(), scenario,
                batches, job.concurrencies(), job.threads(), sequenceLength, job.dimensions(),
                job.durationSeconds(), job.targetQps(), job.latencyBoundMs(), job.providers(), job.allowFallback(),
                job.attempt(), job.tuning());
    }

    static BenchmarkJob withDuration(BenchmarkJob job, double seconds) {
        return new BenchmarkJob(job.id(), job.modelVersionId(), job.artifactUri(), job.sha256(), job.scenario(),
                job.batchSizes(), job.concurrencies(), job.threads(), job.sequenceLength(), job.dimensions(),
                seconds, job.targetQps(), job.latencyBoundMs(), job.providers(), job.allowFallback(), job.attempt(),
                new BenchmarkJob.Tuning(1, 0.3, 0));
    }
}
