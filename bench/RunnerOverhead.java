import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import ai.onnxruntime.OrtSession;
import dev.inferplan.runner.execution.DimensionBinding;
import dev.inferplan.runner.execution.ExecutionProvider;
import dev.inferplan.runner.execution.InputTensors;
import dev.inferplan.runner.execution.ModelSession;
import dev.inferplan.runner.execution.OrtRuntime;
import dev.inferplan.runner.execution.SessionSettings;
import dev.inferplan.runner.models.CachedModel;
import dev.inferplan.runner.models.ModelCache;
import dev.inferplan.runner.scenarios.LoadPoint;
import dev.inferplan.runner.scenarios.Measurement;
import dev.inferplan.runner.scenarios.RunRules;
import dev.inferplan.runner.scenarios.Scenario;
import dev.inferplan.runner.scenarios.ScenarioRun;

/**
 * The runner's measurement overhead, in one process: a bare OrtSession.run loop (A) against the
 * runner's Offline path (B) on the same session, inputs and threads, alternating A B A B; then the
 * Server scenario at a fraction of that capacity (achieved vs target QPS, generator lag p99), on a
 * session opened as a Server job opens it.
 * Usage: java -cp benchmark-runner.jar bench/RunnerOverhead.java MODEL_URI THREADS BATCH SEQ SECONDS ROUNDS SERVER_FRACTION
 * Prints the extracted model path first (for the onnxruntime-node run), then one line per figure.
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
        try (ModelSession session = runtime.open(cached, SessionSettings.cpuThreads(threads), List.of(ExecutionProvider.CPU), false);
             InputTensors inputs = session.inputs(new DimensionBinding(batch, seq, java.util.Map.of()), 1)) {
            OrtSession raw = rawSession(session);
            // warm both paths once
            bare(raw, inputs, 2);
            List<Double> a = new ArrayList<>();
            List<Double> b = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                a.add(bare(raw, inputs, seconds) * batch);
                b.add(runner(session, inputs, batch, seconds));
                System.out.printf(Locale.ROOT, "round %d: bare %.2f samples/s, runner %.2f samples/s%n", r + 1,
                        a.get(a.size() - 1), b.get(b.size() - 1));
            }
            double ma = median(a);
            double mb = median(b);
            System.out.printf(Locale.ROOT, "bare-median %.2f%nrunner-median %.2f%nrunner/bare %.4f%n", ma, mb, mb / ma);

            if (serverFraction <= 0) {
                return;
            }
            double qps = Math.max(1, ma / batch * serverFraction);
            // as a Server job runs it (JobExecutor): intra-op threads that sleep between runs, the generator's defaults
            try (ModelSession serverSession = runtime.open(cached, SessionSettings.cpuThreads(threads).withoutSpinning(),
                    List.of(ExecutionProvider.CPU), false);
                 InputTensors serverInputs = serverSession.inputs(new DimensionBinding(batch, seq, java.util.Map.of()), 1)) {
                RunRules rules = RunRules.of(Scenario.SERVER, seconds * 3).withMinQueries(1).withWarmupSeconds(1)
                        .withGenerator(generator());
                Measurement server = new ScenarioRun(serverSession.inference(serverInputs),
                        new LoadPoint(Scenario.SERVER, batch, 1, qps, 0, 7), rules, () -> false, (w, m) -> { }).measure();
                System.out.printf(Locale.ROOT, "server-target-qps %.2f%nserver-achieved-qps %.2f%nserver-achieved/target %.4f%n"
                                + "server-generator %s (spin %d µs)%nserver-generator-lag-p99-us %.1f%nserver-generator-lag-max-us %.1f%n"
                                + "server-p99-ms %.3f%nserver-queries %d%nserver-status %s %s%n",
                        qps, server.achievedQps(), server.achievedQps() / qps, server.generatorScheduling(),
                        rules.generator().spinUs(), server.generatorLagP99Us(), server.generatorLagMaxUs(),
                        server.latencyMs().p99(), server.queries(), server.status(),
                        server.invalidReason() == null ? "" : server.invalidReason());
            }
        }
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

    private static double runner(ModelSession session, InputTensors inputs, int batch, double seconds) {
        // one window of the whole duration: the same amount of work as the bare loop, no stability extension
        RunRules rules = new RunRules(seconds, 1, seconds, 1, 1, 1.10, 0, 1_000, 30, RunRules.Generator.DEFAULT);
        return new ScenarioRun(session.inference(inputs), new LoadPoint(Scenario.OFFLINE, batch, 1, 0, 0, 1), rules,
                () -> false, (w, m) -> { }).measure().throughputPerS();
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
