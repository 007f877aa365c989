package dev.inferplan.runner.jobs;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.inferplan.contracts.benchmarks.ExecutionProvider;
import dev.inferplan.contracts.benchmarks.MeasurementStatus;
import dev.inferplan.contracts.benchmarks.MlperfCompliance;
import dev.inferplan.contracts.benchmarks.Scenario;
import dev.inferplan.runner.BenchmarkFailure;
import dev.inferplan.runner.BenchmarkFailure.Kind;
import dev.inferplan.runner.execution.DimensionBinding;
import dev.inferplan.runner.execution.InputTensors;
import dev.inferplan.runner.execution.ModelSession;
import dev.inferplan.runner.execution.OrtRuntime;
import dev.inferplan.runner.execution.OutputCheck;
import dev.inferplan.runner.execution.SessionInference;
import dev.inferplan.runner.execution.SessionSettings;
import dev.inferplan.runner.fidelity.FidelityCheck;
import dev.inferplan.runner.fidelity.FidelityInputs;
import dev.inferplan.runner.fidelity.FidelityReport;
import dev.inferplan.runner.hardware.GpuUsage;
import dev.inferplan.runner.hardware.Hardware;
import dev.inferplan.runner.hardware.NvidiaSmi;
import dev.inferplan.runner.hardware.ResourceSampler;
import dev.inferplan.runner.models.CachedModel;
import dev.inferplan.runner.models.ModelCache;
import dev.inferplan.runner.scenarios.Inference;
import dev.inferplan.runner.scenarios.LatencySummary;
import dev.inferplan.runner.scenarios.LoadPoint;
import dev.inferplan.runner.scenarios.Measurement;
import dev.inferplan.runner.scenarios.RunRules;
import dev.inferplan.runner.scenarios.ScenarioRun;
import dev.inferplan.runner.scenarios.Window;
import dev.inferplan.runner.sweeps.CapacitySearch;
import dev.inferplan.runner.sweeps.QuickSearch;
import dev.inferplan.runner.sweeps.SearchTrace;
import dev.inferplan.runner.sweeps.SweepPlan;
import dev.inferplan.runner.sweeps.SweepPoint;
import dev.inferplan.runner.sweeps.SweepProgress;

/**
 * Runs one job: checks the sweep, fetches and verifies the model, opens one session per thread
 * count on the chosen provider, and measures every point under the scenario's rules. Whatever
 * goes wrong ends as a failed outcome with its reason; the caller goes on with the next job.
 */
public final class JobExecutor {

    private static final Logger LOG = Logger.getLogger(JobExecutor.class.getName());
    private static final long INPUT_SEED = 20_261_123L;
    /** Inputs of a fidelity check when the model's preprocessing is not at hand. */
    static final int FIDELITY_SYNTHETIC_INPUTS = 40;
    /** Quick search: a step must gain more than perf_analyzer's stability tolerance (10%) to count. */
    static final double QUICK_SEARCH_MIN_GAIN = 0.10;

    private final ModelCache cache;
    private final OrtRuntime runtime;
    private final Hardware hardware;
    private final String runnerVersion;
    private final ResourceSampler resources;
    private final RunRules.Generator generator;

    /** GPUs sampled through the nvidia-smi on the PATH, the Server generator's default settings. */
    public JobExecutor(ModelCache cache, OrtRuntime runtime, Hardware hardware, String runnerVersion) {
        this(cache, runtime, hardware, runnerVersion, ResourceSampler.of(hardware, NvidiaSmi.onPath()),
                RunRules.Generator.DEFAULT);
    }

    public JobExecutor(ModelCache cache, OrtRuntime runtime, Hardware hardware, String runnerVersion,
                       ResourceSampler resources, RunRules.Generator generator) {
        this.cache = cache;
        this.runtime = runtime;
        this.hardware = hardware;
        this.runnerVersion = runnerVersion;
        this.resources = resources;
        this.generator = generator;
    }

    public JobOutcome execute(BenchmarkJob job, JobControl control) {
        String sha = job.sha256();
        try {
            if (job.fidelity() != null) {
                return fidelity(job, control);
            }
            SweepPlan plan = SweepPlan.of(job.scenario(), job.batchSizes(), job.concurrencies(), job.threads(),
                    job.durationSeconds(), job.targetQps(), job.latencyBoundMs());
            CachedModel model = cache.fetch(job.artifactUri(), job.sha256(), job.artifactSizeBytes());
            sha = model.sha256();
            List<PointResult> results = new ArrayList<>();
            long started = System.nanoTime();
            ModelSession[] session = {null};
            try {
                int count = plan.points().size();
                QuickSearch.Probe<PointResult> probe = point -> {
                    checkCancelled(control);
                    if (session[0] == null || session[0].settings().intraOpThreads() != point.intraOpThreads()) {
                        if (session[0] != null) {
                            session[0].close();
                        }
                        SessionSettings settings = SessionSettings.cpuThreads(point.intraOpThreads());
                        session[0] = runtime.open(model, job.scenario() == Scenario.SERVER ? settings.withoutSpinning()
                                : settings, job.providers(), job.allowFallback(), job.providerOptions());
                        if (results.isEmpty()) {
                            control.signatureRead(model, session[0].signature());
                        }
                    }
                    PointResult measured = measurePoint(job, control, session[0], point, results.size() + 1, count, started);
                    results.add(measured);
                    // an UNSTABLE point still shows the way (it is stored as not valid all the same); an INVALID one does not
                    boolean within = !MeasurementStatus.INVALID.name().equals(measured.status())
                            && (!(job.latencyBoundMs() > 0) || measured.latencyMs().p99() <= job.latencyBoundMs());
                    return new QuickSearch.Outcome<>(measured.throughputPerS(), measured.latencyMs().p99(), within,
                            measured.status(), measured);
                };
                SearchTrace trace = null;
                if (job.quickSearch()) {
                    // the stability tolerance: a gain smaller than the noise between windows is no gain
                    QuickSearch.Answer<PointResult> answer = new QuickSearch<PointResult>(QUICK_SEARCH_MIN_GAIN)
                            .search(plan.points(), probe);
                    trace = new SearchTrace("QUICK", answer.measured(), answer.bestPoint(), answer.stoppedBecause());
                    LOG.info("job " + job.id() + ": quick search measured " + answer.measured().size() + " of " + count
                            + " points, best " + answer.bestPoint() + "; " + answer.stoppedBecause());
                } else {
                    for (SweepPoint point : plan.points()) {
                        probe.measure(point);
                    }
                }
                return new JobOutcome(job.id(), true, null, null, results,
                        session[0] == null ? null : session[0].signature(), sha, null, trace);
            } finally {
                if (session[0] != null) {
                    session[0].close();
                }
            }
        } catch (BenchmarkFailure e) {
            return failed(job, sha, e);
        } catch (IllegalArgumentException e) {
            return failed(job, sha, new BenchmarkFailure(Kind.IMPOSSIBLE_SWEEP, e.getMessage(), e));
        } catch (OutOfMemoryError e) {
            // the JVM's own heap or direct memory: ONNX Runtime's allocations fail as OrtExceptions, classified above
            return failed(job, sha, new BenchmarkFailure(Kind.OUT_OF_MEMORY, "the runner's JVM ran out of memory: "
                    + e.getMessage(), e));
        } catch (RuntimeException e) {
            // nothing foreseen: the job still fails with what happened rather than being leased again and again
            LOG.log(Level.SEVERE, "job " + job.id() + " failed unexpectedly", e);
            return failed(job, sha, new BenchmarkFailure(Kind.INFERENCE_FAILED, "unexpected " + e.getClass().getName()
                    + ": " + e.getMessage(), e));
        }
    }

    /**
     * Both models (this one and its parent) on the same fixed inputs, on the job's provider: the
     * agreement of their outputs (FidelityCheck), real sentences when the model ships its tokenizer.
     */
    private JobOutcome fidelity(BenchmarkJob job, JobControl control) {
        BenchmarkJob.Fidelity f = job.fidelity();
        CachedModel model = cache.fetch(job.artifactUri(), job.sha256(), job.artifactSizeBytes());
        CachedModel parent = cache.fetch(f.referenceUri(), f.referenceSha256(), f.referenceSizeBytes());
        SessionSettings settings = SessionSettings.cpuThreads(job.threads().isEmpty() ? 0 : job.threads().get(0));
        try (ModelSession candidate = runtime.open(model, settings, job.providers(), job.allowFallback(),
                job.providerOptions());
             ModelSession reference = runtime.open(parent, settings, job.providers(), job.allowFallback(),
                     job.providerOptions());
             FidelityInputs inputs = FidelityInputs.forModel(runtime.environment(), candidate, job.artifactUri(),
                     FIDELITY_SYNTHETIC_INPUTS, job.sequenceLength(), INPUT_SEED)) {
            control.signatureRead(model, candidate.signature());
            checkCancelled(control);
            control.progress(SweepProgress.of(1, 1, 0, 0), "fidelity against version " + f.referenceVersionId());
            FidelityReport report = FidelityCheck.compare(reference, candidate, inputs, f.outputKind());
            LOG.info(() -> "job " + job.id() + ": fidelity " + report);
            return new JobOutcome(job.id(), true, null, null, List.of(), candidate.signature(), model.sha256(), report,
                    null);
        } catch (IllegalArgumentException e) {
            throw new BenchmarkFailure(Kind.INFERENCE_FAILED, "fidelity: " + e.getMessage(), e);
        }
    }

    private static JobOutcome failed(BenchmarkJob job, String sha, BenchmarkFailure failure) {
        LOG.warning(() -> "job " + job.id() + " failed: " + failure.reason());
        return new JobOutcome(job.id(), false, failure.kind().name(), failure.reason(), List.of(), null, sha);
    }

    private PointResult measurePoint(BenchmarkJob job, JobControl control, ModelSession session, SweepPoint point,
                                     int index, int count, long started) {
        DimensionBinding binding = new DimensionBinding(point.batchSize(), job.sequenceLength(), job.dimensions());
        try {
            return measure(job, control, session, point, binding, index, count, started);
        } catch (BenchmarkFailure e) {
            if (e.kind() == Kind.CANCELLED || count == 1) {
                throw e;
            }
            // in a sweep, which point could not be measured
            throw new BenchmarkFailure(e.kind(), String.format(Locale.ROOT, "point %d of %d (batch %d, concurrency %d, "
                    + "threads %d): %s", index, count, point.batchSize(), point.concurrency(), point.intraOpThreads(),
                    e.getMessage()), e);
        }
    }

    private PointResult measure(BenchmarkJob job, JobControl control, ModelSession session, SweepPoint point,
                                DimensionBinding binding, int index, int count, long started) {
        try (InputTensors inputs = session.inputs(binding, INPUT_SEED);
             SessionInference inference = session.inference(inputs)) {
            double firstMs = inference.firstRunMs();
            OutputCheck check = integrity(session, inputs, binding);
            RunRules rules = rules(job).withGenerator(generator);
            AtomicLong peakRss = new AtomicLong(resources.rssBytes().orElse(0));
            List<ResourceSampler.GpuSample> gpu = new ArrayList<>();
            GpuUsage gpuUsage = new GpuUsage();
            String label = String.format(Locale.ROOT, "%s batch %d, concurrency %d, threads %d", job.scenario(),
                    point.batchSize(), point.concurrency(), point.intraOpThreads());
            ScenarioRun.WindowListener listener = (window, maxWindows) -> {
                resources.rssBytes().ifPresent(rss -> peakRss.accumulateAndGet(rss, Math::max));
                List<ResourceSampler.GpuSample> now = resources.gpuSamples();
                gpuUsage.add(now);
                gpu.clear();
                gpu.addAll(now);
                SweepProgress progress = SweepProgress.of(index, count, (double) window.index() / maxWindows,
                        System.nanoTime() - started);
                control.progress(progress, label + ", window " + window.index());
            };
            control.progress(SweepProgress.of(index, count, 0, System.nanoTime() - started), label);

            boolean search = job.scenario() == Scenario.SERVER && !(job.targetQps() > 0);
            // a capacity search sets each probe's rate itself: 1 QPS only stands in until the first probe
            LoadPoint load = new LoadPoint(job.scenario(), point.batchSize(), point.concurrency(),
                    search ? 1 : job.targetQps(), job.latencyBoundMs(), INPUT_SEED + index);
            Measurement measured;
            List<CapacitySearch.Step> steps = null;
            if (search) {
                CapacitySearch.Answer<Measurement> answer = searchCapacity(inference, load, rules, control, listener);
                steps = answer.steps();
                measured = answer.best();
                if (measured == null) {
                    // a probe misses for any broken rule, not only the bound: say which, for the highest and lowest rate
                    throw new BenchmarkFailure(Kind.IMPOSSIBLE_SWEEP, String.format(Locale.ROOT,
                            "no rate tried gave a valid run under the latency bound of %.1f ms (highest %.2f QPS: %s;"
                                    + " lowest %.4f QPS: %s)", job.latencyBoundMs(), steps.get(0).qps(),
                            answer.firstMiss(), steps.get(steps.size() - 1).qps(), answer.lastMiss()));
                }
            } else {
                measured = new ScenarioRun(inference, load, rules, control::cancelled, listener).measure();
            }
            checkCancelled(control);
            Verdict verdict = verdict(measured, check);
            MlperfCompliance compliance = compliance(measured, rules);
            return new PointResult(
                    job.id() > 0 ? "job-" + job.id() + "-point-" + index : "local-" + index,
                    job.modelVersionId(), hardware.pool(), job.scenario().name(), point.batchSize(), point.concurrency(),
                    point.intraOpThreads(), measured.throughputPerS(), latency(measured.latencyMs()),
                    measured.queries(), measured.samples(), measured.durationSeconds(), verdict.status().valid(),
                    verdict.reason(), verdict.status().name(), measured.stable(),
                    measured.windows(), measured.errors(), measured.targetQps(), measured.achievedQps(),
                    measured.generatorLagP99Us(), measured.generatorLagMaxUs(), measured.generatorScheduling(),
                    measured.serviceMs() == null ? null : latency(measured.serviceMs()),
                    steps, session.provider().ran().name(), session.provider().describe(), runtime.version(),
                    runnerVersion, sessionOptions(session, job), round(session.sessionCreateMs()), round(firstMs),
                    job.artifactUri().toString(), session.model().sha256(), session.signature().opset(),
                    inputs.shapes(), check.detail(),
                    resources.rssBytes().isPresent() ? resources.rssBytes().getAsLong() : null,
                    peakRss.get() == 0 ? null : peakRss.get(),
                    List.copyOf(gpu), gpuUsage.summaries(), describe(rules), hardware, compliance.compliant(),
                    compliance.ruleBroken(), Base64.getEncoder().encodeToString(measured.latencyHistogram()),
                    session.provider());
        }
    }

    /** The session options, and the GPU provider's when one ran with options the job set. */
    private static String sessionOptions(ModelSession session, BenchmarkJob job) {
        String provider = session.provider().ran() == ExecutionProvider.CPU ? "" : job.providerOptions().describe();
        return session.settings().describe() + (provider.isEmpty() ? "" : ", " + provider);
    }

    /** A point's standing and, unless VALID, why: broken rules (and a failed output check), else the windows. */
    record Verdict(MeasurementStatus status, String reason) {
    }

    static Verdict verdict(Measurement measured, OutputCheck check) {
        List<String> invalid = new ArrayList<>(measured.invalidReasons());
        if (!check.passed()) {
            invalid.add("output check failed: " + check.detail());
        }
        MeasurementStatus status = MeasurementStatus.of(invalid.isEmpty(), measured.stable());
        if (status == MeasurementStatus.UNSTABLE) {
            // valid by every rule, but no steady state: not evidence either, and it says why
            Window last = measured.windows().isEmpty() ? null : measured.windows().get(measured.windows().size() - 1);
            invalid.add(String.format(Locale.ROOT, "UNSTABLE: the last windows never agreed within the stability"
                    + " tolerance in %d windows%s", measured.windows().size(), last == null ? ""
                    : String.format(Locale.ROOT, " (last: %.2f/s, p99 %.3f ms)", last.throughputPerS(), last.p99Ms())));
        }
        return new Verdict(status, invalid.isEmpty() ? null : String.join("; ", invalid));
    }

    /** MLPerf's rules (contracts), against the minimum and window the run was held to. */
    static MlperfCompliance compliance(Measurement measured, RunRules rules) {
        long counted = measured.scenario().countsSamples() ? measured.samples() : measured.queries();
        return MlperfCompliance.check(measured.scenario(), counted, rules.minQueries(),
                rules.effectiveWindowSeconds(), measured.batchSize());
    }

    private CapacitySearch.Answer<Measurement> searchCapacity(Inference inference, LoadPoint load, RunRules rules,
                                                              JobControl control, ScenarioRun.WindowListener listener) {
        // the open loop cannot sustain more than the closed loop completes: measure that first, briefly
        RunRules quick = rules.withMinDurationSeconds(Math.min(rules.minDurationSeconds(), 3)).withMinQueries(1);
        LoadPoint closed = new LoadPoint(Scenario.OFFLINE, load.batchSize(), load.concurrency(), 0, 0, load.seed());
        Measurement capacity = new ScenarioRun(inference, closed, quick, control::cancelled, listener).measure();
        double upper = Math.max(1, capacity.throughputPerS() / load.batchSize() * 1.05);
        CapacitySearch<Measurement> search = new CapacitySearch<>(0.01, 12);
        return search.search(upper, qps -> {
            checkCancelled(control);
            Measurement m = new ScenarioRun(inference, load.withTargetQps(qps), rules, control::cancelled, listener).measure();
            LOG.info(() -> String.format(Locale.ROOT, "capacity search: %.2f QPS → p99 %.3f ms, %s", qps,
                    m.latencyMs().p99(), m.status()));
            return new CapacitySearch.Outcome<>(m.valid(), m, m.latencyMs().p99(), m.invalidReason());
        });
    }

    private OutputCheck integrity(ModelSession session, InputTensors inputs, DimensionBinding binding) {
        float[] first = session.firstOutput(inputs);
        if (session.provider().ran() == ExecutionProvider.CPU) {
            return OutputCheck.compare(first, List.of(session.firstOutput(inputs)), "first run");
        }
        try (ModelSession reference = runtime.open(session.model(), session.settings(), List.of(ExecutionProvider.CPU), false);
             InputTensors same = reference.inputs(binding, INPUT_SEED)) {
            return OutputCheck.compare(reference.firstOutput(same), List.of(first), "CPU provider");
        } catch (BenchmarkFailure e) {
            return new OutputCheck(true, "skipped: no CPU reference (" + e.getMessage() + ")");
        }
    }

    private static RunRules rules(BenchmarkJob job) {
        RunRules rules = RunRules.of(job.scenario(), job.durationSeconds());
        BenchmarkJob.Tuning t = job.tuning();
        if (t.minQueries() > 0) {
            rules = rules.withMinQueries(t.minQueries());
        }
        if (t.windowSeconds() > 0) {
            rules = rules.withWindowSeconds(t.windowSeconds());
        }
        if (t.warmupSeconds() >= 0) {
            rules = rules.withWarmupSeconds(t.warmupSeconds());
        }
        return rules;
    }

    private static String describe(RunRules r) {
        return String.format(Locale.ROOT, "minDuration=%.1fs, minQueries=%d, window=%.2fs, maxWindows=%d, "
                        + "stability=last %d within %.2f, warmup=%.1fs, maxGeneratorLagP99=%dµs, generatorSpin=%dµs, "
                        + "generatorRealtimePriority=%d",
                r.minDurationSeconds(), r.minQueries(), r.effectiveWindowSeconds(), r.maxWindows(), r.stableWindows(),
                r.stabilityTolerance(), r.warmupSeconds(), r.maxGeneratorLagP99Us(), r.generator().spinUs(),
                r.generator().realtimePriority());
    }

    private static void checkCancelled(JobControl control) {
        if (control.cancelled()) {
            throw new BenchmarkFailure(Kind.CANCELLED, "the job was cancelled or its lease was lost");
        }
    }

    private static PointResult.LatencyMs latency(LatencySummary s) {
        return new PointResult.LatencyMs(s.p50(), s.p90(), s.p95(), s.p99(), s.p999(), s.max(), s.mean());
    }

    private static double round(double v) {
        return Math.round(v * 100.0) / 100.0;
    }
}
