import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ai.onnxruntime.OrtSession;
import dev.inferplan.contracts.benchmarks.Scenario;
import dev.inferplan.runner.execution.DimensionBinding;
import dev.inferplan.runner.execution.ExecutionProvider;
import dev.inferplan.runner.execution.InputTensors;
import dev.inferplan.runner.execution.ModelSession;
import dev.inferplan.runner.execution.OrtRuntime;
import dev.inferplan.runner.execution.SessionInference;
import dev.inferplan.runner.execution.SessionSettings;
import dev.inferplan.runner.models.CachedModel;
import dev.inferplan.runner.models.ModelCache;
import dev.inferplan.runner.scenarios.LoadPoint;
import dev.inferplan.runner.scenarios.Measurement;
import dev.inferplan.runner.scenarios.RunRules;
import dev.inferplan.runner.scenarios.ScenarioRun;

/**
 * The runner's measurement overhead and its distance from native ONNX Runtime, measured so that
 * the machine's drift cancels: ROUNDS rounds, each running three short slices back to back, in an
 * order that cycles through all six permutations (so no contender always goes first or last):
 *   bare   — a bare OrtSession.run loop on this thread;
 *   runner — the runner's Offline path (ScenarioRun, closed loop, its load thread, pinned outputs)
 *            on the same OrtSession and input tensors;
 *   node   — the same model file, threads, shapes through onnxruntime-node, in a child process
 *            that stays up and runs a slice when told (bench/node/ort-node.js serve).
 * The verdict is the median of the per-round ratios (runner/bare, runner/node), with a
 * distribution-free 95% confidence interval for that median (order statistics of the binomial).
 * Then, optionally, the Server scenario at a fraction of the bare capacity.
 *
 * Usage: java -cp benchmark-runner.jar bench/RunnerOverhead.java MODEL_URI THREADS BATCH SEQ SLICE_SECONDS ROUNDS SERVER_FRACTION
 */
public class RunnerOverhead {

    public static void main(String[] args) throws Exception {
        URI model = URI.create(args[0]);
        int threads = Integer.parseInt(args[1]);
        int batch = Integer.parseInt(args[2]);
        int seq = Integer.parseInt(args[3]);
        double seconds = Double.parseDouble(args[4]);
        int rounds = Integer.parseInt(args[5]);
        double serverFraction = Double.parseDouble(args[6]);

        OrtRuntime runtime = new OrtRuntime();
        CachedModel cached = new ModelCache(Path.of("var/models")).fetch(model, "");
        System.out.println("model-file " + cached.path().toAbsolutePath());
        Process node = new ProcessBuilder("node", "bench/node/ort-node.js", cached.path().toAbsolutePath().toString(),
                Integer.toString(threads), Integer.toString(batch), Integer.toString(seq), "serve")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader fromNode = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter toNode = new PrintWriter(node.getOutputStream(), true, StandardCharsets.UTF_8);
        System.out.println("onnxruntime-node " + fromNode.readLine());   // ready: its version, after one warm run

        try (ModelSession session = runtime.open(cached, SessionSettings.cpuThreads(threads), List.of(ExecutionProvider.CPU), false);
             InputTensors inputs = session.inputs(new DimensionBinding(batch, seq, Map.of()), 1);
             SessionInference inference = session.inference(inputs)) {
            OrtSession raw = rawSession(session);
            bare(raw, inputs, 2);   // warm the session before the first slice
            String[][] orders = {{"bare", "runner", "node"}, {"runner", "node", "bare"}, {"node", "bare", "runner"},
                                 {"bare", "node", "runner"}, {"node", "runner", "bare"}, {"runner", "bare", "node"}};
            double[] bare = new double[rounds];
            double[] runner = new double[rounds];
            double[] nativeNode = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                for (String contender : orders[r % orders.length]) {
                    switch (contender) {
                        case "bare" -> bare[r] = bare(raw, inputs, seconds) * batch;
                        case "runner" -> runner[r] = runner(inference, batch, seconds);
                        default -> {
                            toNode.println(seconds);
                            nativeNode[r] = Double.parseDouble(fromNode.readLine());
                        }
                    }
                }
                System.out.printf(Locale.ROOT, "round %d (%s): bare %.2f, runner %.2f, node %.2f samples/s; runner/bare %.4f, "
                                + "runner/node %.4f%n", r + 1, String.join(" ", orders[r % orders.length]), bare[r], runner[r],
                        nativeNode[r], runner[r] / bare[r], runner[r] / nativeNode[r]);
            }
            toNode.close();
            node.waitFor();
            System.out.printf(Locale.ROOT, "bare-median %.2f%nrunner-median %.2f%nnode-median %.2f%n",
                    median(bare), median(runner), median(nativeNode));
            System.out.println("runner/bare " + ratioSummary(runner, bare));
            System.out.println("runner/node " + ratioSummary(runner, nativeNode));

            if (serverFraction <= 0) {
                return;
            }
            double qps = Math.max(1, median(bare) / batch * serverFraction);
            // as a Server job runs it (JobExecutor): intra-op threads that sleep between runs, the generator's defaults
            try (ModelSession serverSession = runtime.open(cached, SessionSettings.cpuThreads(threads).withoutSpinning(),
                    List.of(ExecutionProvider.CPU), false);
                 InputTensors serverInputs = serverSession.inputs(new DimensionBinding(batch, seq, Map.of()), 1);
                 SessionInference serverInference = serverSession.inference(serverInputs)) {
                RunRules rules = RunRules.of(Scenario.SERVER, Math.max(15, seconds * 3)).withMinQueries(1).withWarmupSeconds(1)
                        .withGenerator(generator());
                Measurement server = new ScenarioRun(serverInference, new LoadPoint(Scenario.SERVER, batch, 1, qps, 0, 7), rules,
                        () -> false, (w, m) -> { }).measure();
                System.out.printf(Locale.ROOT, "server-target-qps %.2f%nserver-achieved-qps %.2f%nserver-achieved/target %.4f%n"
                                + "server-generator %s (spin %d µs)%nserver-generator-lag-p99-us %.1f%nserver-generator-lag-max-us %.1f%n"
                                + "server-p99-ms %.3f%nserver-queries %d%nserver-status %s %s%n",
                        qps, server.achievedQps(), server.achievedQps() / qps, server.generatorScheduling(),
                        rules.generator().spinUs(), server.generatorLagP99Us(), server.generatorLagMaxUs(),
                        server.latencyMs().p99(), server.queries(), server.status(),
                        server.invalidReason() == null ? "" : server.invalidReason());
            }
        } finally {
            node.destroy();
        }
    }

    /** Median of the per-round ratios, its 95% interval, and the range. */
    private static String ratioSummary(double[] numerator, double[] denominator) {
        double[] ratios = new double[numerator.length];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = numerator[i] / denominator[i];
        }
        Arrays.sort(ratios);
        int k = lowerRank(ratios.length);
        String interval = k < 0 ? "n/a (too few rounds)"
                : String.format(Locale.ROOT, "%.4f–%.4f", ratios[k], ratios[ratios.length - 1 - k]);
        return String.format(Locale.ROOT, "median %.4f, 95%% CI of the median %s, range %.4f–%.4f", median(ratios), interval,
                ratios[0], ratios[ratios.length - 1]);
    }

    /**
     * The largest 0-based rank k with P(Binomial(n, ½) ≤ k) ≤ 2.5%: [x(k), x(n-1-k)] then covers the
     * median with at least 95% probability, whatever the distribution. -1 when n is too small.
     */
    private static int lowerRank(int n) {
        double cumulative = 0;
        double term = Math.pow(0.5, n);   // P(X = 0)
        int k = -1;
        for (int j = 0; j < n; j++) {
            cumulative += term;
            if (cumulative > 0.025) {
                break;
            }
            k = j;
            term = term * (n - j) / (j + 1);
        }
        return k;
    }

    /** The runner's defaults, or SERVER_SPIN_US / SERVER_RT_PRIORITY from the environment (to compare settings). */
    private static RunRules.Generator generator() {
        RunRules.Generator d = RunRules.Generator.DEFAULT;
        return new RunRules.Generator(Long.parseLong(System.getenv().getOrDefault("SERVER_SPIN_US", Long.toString(d.spinUs()))),
                Integer.parseInt(System.getenv().getOrDefault("SERVER_RT_PRIORITY", Integer.toString(d.realtimePriority()))));
    }

    /** The same OrtSession the runner uses: the bare loop must differ only by the runner's own code. */
    private static OrtSession rawSession(ModelSession session) throws Exception {
        var field = ModelSession.class.getDeclaredField("session");
        field.setAccessible(true);
        return (OrtSession) field.get(session);
    }

    private static double bare(OrtSession session, InputTensors inputs, double seconds) throws Exception {
        var tensors = inputs.tensors();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        long n = 0;
        while (System.nanoTime() < end) {
            try (OrtSession.Result ignored = session.run(tensors)) {
                n++;
            }
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    private static double runner(SessionInference inference, int batch, double seconds) {
        // one window of the whole duration: the same amount of work as the bare loop, no stability extension
        RunRules rules = new RunRules(seconds, 1, seconds, 1, 1, 1.10, 0, 1_000, 30, RunRules.Generator.DEFAULT);
        return new ScenarioRun(inference, new LoadPoint(Scenario.OFFLINE, batch, 1, 0, 0, 1), rules,
                () -> false, (w, m) -> { }).measure().throughputPerS();
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
