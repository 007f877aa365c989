package dev.inferplan.runner.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import dev.inferplan.contracts.artifacts.ArtifactUriPolicy;
import dev.inferplan.runner.RunnerVersion;
import dev.inferplan.runner.execution.OrtRuntime;
import dev.inferplan.runner.hardware.Hardware;
import dev.inferplan.runner.hardware.HardwareProbe;
import dev.inferplan.runner.hardware.NvidiaSmi;
import dev.inferplan.runner.hardware.ResourceSampler;
import dev.inferplan.runner.jobs.JobControl;
import dev.inferplan.runner.jobs.JobExecutor;
import dev.inferplan.runner.jobs.JobOutcome;
import dev.inferplan.runner.jobs.PointResult;
import dev.inferplan.runner.models.ModelCache;
import dev.inferplan.runner.sweeps.SweepProgress;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;

/**
 * {@code bin/runner run …}: one model benchmarked by hand on this machine, with the same engine and
 * rules as a leased job. Progress goes to stderr; the table (or with {@code --json} the result)
 * to stdout. Exit 0 with a result (valid or not), 1 when the job failed, 2 on a usage error.
 */
public final class RunnerCli {

    private RunnerCli() {
    }

    public static void main(String[] args) {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %4$s %5$s%6$s%n");
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || !args.get(0).equals("run")) {
            err.print(RunOptions.USAGE);
            return 2;
        }
        RunOptions options;
        try {
            options = RunOptions.parse(args.subList(1, args.size()));
        } catch (IllegalArgumentException e) {
            err.println("runner: " + e.getMessage());
            err.print(RunOptions.USAGE);
            return 2;
        }
        NvidiaSmi nvidiaSmi = new NvidiaSmi(options.nvidiaSmi());
        Hardware hardware = new HardwareProbe(options.pool(), "", nvidiaSmi).detect();
        JobExecutor executor = new JobExecutor(new ModelCache(options.cacheDirectory(), ArtifactUriPolicy.unrestricted()), new OrtRuntime(), hardware,
                RunnerVersion.get(), ResourceSampler.of(hardware, nvidiaSmi), options.generator());
        JobOutcome outcome = executor.execute(options.job(), new JobControl() {
            @Override
            public boolean cancelled() {
                return false;
            }

            @Override
            public void progress(SweepProgress progress, String point) {
                err.println(progress.describe() + ": " + point);
            }
        });
        try (Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withFormatting(true))) {
            if (!outcome.succeeded()) {
                if (options.json()) {
                    out.println(jsonb.toJson(new Failure(false, outcome.failureKind(), outcome.failureReason(),
                            options.job().artifactUri().toString())));
                }
                err.println("runner: " + outcome.failureReason());
                return 1;
            }
            if (options.json()) {
                List<PointResult> points = outcome.points();
                out.println(points.size() == 1 ? jsonb.toJson(points.get(0)) : jsonb.toJson(points));
            } else {
                printTable(outcome, out);
            }
            if (outcome.search() != null) {
                // on stderr with the progress, so that stdout stays the table or the JSON of the points measured
                err.printf(Locale.ROOT, "quick search: measured %d points, best %s; stopped: %s%n",
                        outcome.search().measured().size(), outcome.search().best(), outcome.search().stoppedBecause());
            }
            return 0;
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the result: " + e.getMessage(), e);
        }
    }

    /** What {@code --json} prints when the job could not be measured. */
    public record Failure(boolean succeeded, String failureKind, String failureReason, String model) {
    }

    private static void printTable(JobOutcome outcome, PrintStream out) {
        PointResult first = outcome.points().get(0);
        out.printf(Locale.ROOT, "model %s (sha256 %s, opset %s)%n", first.modelUri(), first.modelSha256(),
                first.modelOpset() == null ? "unknown" : first.modelOpset());
        out.printf(Locale.ROOT, "%s, ONNX Runtime %s, %s%n", first.providerDecision(), first.ortVersion(), first.sessionOptions());
        out.printf(Locale.ROOT, "%s, %d cores; session created in %.1f ms, first inference %.1f ms%n",
                first.hardware().cpuModel(), first.hardware().cpuCores(), first.sessionCreateMs(), first.firstInferenceMs());
        out.printf(Locale.ROOT, "%-14s %5s %4s %4s %10s %9s %9s %9s %9s %9s %8s %8s  %s%n", "scenario", "batch",
                "conc", "thr", "samples/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "qps", "queries", "seconds", "status");
        for (PointResult p : outcome.points()) {
            out.printf(Locale.ROOT, "%-14s %5d %4d %4d %10.2f %9.3f %9.3f %9.3f %9.3f %9s %8d %8.1f  %s%s%n",
                    p.scenario(), p.batchSize(), p.concurrency(), p.intraOpThreads(), p.throughputPerS(),
                    p.latencyMs().p50(), p.latencyMs().p90(), p.latencyMs().p99(), p.latencyMs().max(),
                    p.targetQps() > 0 ? String.format(Locale.ROOT, "%.1f/%.1f", p.achievedQps(), p.targetQps()) : "-",
                    p.queries(), p.durationSeconds(), p.status(),
                    p.invalidReason() == null ? "" : " (" + p.invalidReason() + ")");
            if (p.generatorScheduling() != null) {
                out.printf(Locale.ROOT, "%14s generator %s: lag (issue − scheduled) p99 %.1f µs, max %.1f µs%n", "",
                        p.generatorScheduling(), p.generatorLagP99Us(), p.generatorLagMaxUs());
            }
        }
    }
}
