import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * The Server scenario's scheduling precision: generator settings compared in alternation (A B A B …)
 * on one session opened as a Server job opens it, at a fraction of the capacity a bare
 * OrtSession.run loop measured first; medians per setting.
 * Usage: java -cp benchmark-runner.jar bench/ServerPrecision.java MODEL_URI THREADS BATCH SEQ SECONDS ROUNDS FRACTION SETTINGS
 * SETTINGS: comma-separated SPIN_US:RT_PRIORITY pairs, e.g. 120:0,200:1 (the old generator, then the default).
 */
public class ServerPrecision {

    public static void main(String[] args) throws Exception {
        URI model = URI.create(args[0]);
        int threads = Integer.parseInt(args[1]);
        int batch = Integer.parseInt(args[2]);
        int seq = Integer.parseInt(args[3]);
        double seconds = Double.parseDouble(args[4]);
        int rounds = Integer.parseInt(args[5]);
        double fraction = Double.parseDouble(args[6]);
        List<RunRules.Generator> settings = new ArrayList<>();
        for (String pair : args[7].split(",")) {
            String[] sp = pair.split(":");
            settings.add(new RunRules.Generator(Long.parseLong(sp[0]), Integer.parseInt(sp[1])));
        }

        OrtRuntime runtime = new OrtRuntime();
        CachedModel cached = new ModelCache(Path.of("var/models")).fetch(model, "");
        try (ModelSession session = runtime.open(cached, SessionSettings.cpuThreads(threads).withoutSpinning(),
                List.of(ExecutionProvider.CPU), false);
             InputTensors inputs = session.inputs(new DimensionBinding(batch, seq, Map.of()), 1);
             SessionInference inference = session.inference(inputs)) {
            double capacity = bare(session, inputs, 10);
            double qps = Math.max(1, capacity * fraction);
            System.out.printf(Locale.ROOT, "capacity %.2f queries/s (bare loop, 10 s); target %.2f QPS, %.0f s per run%n",
                    capacity, qps, seconds);
            Map<RunRules.Generator, List<double[]>> runs = new LinkedHashMap<>();
            for (int r = 1; r <= rounds; r++) {
                for (RunRules.Generator generator : settings) {
                    RunRules rules = RunRules.of(Scenario.SERVER, seconds).withMinQueries(1).withWarmupSeconds(1)
                            .withGenerator(generator);
                    Measurement m = new ScenarioRun(inference,
                            new LoadPoint(Scenario.SERVER, batch, 1, qps, 0, 7 + r), rules, () -> false, (w, x) -> { }).measure();
                    runs.computeIfAbsent(generator, g -> new ArrayList<>()).add(new double[] {
                            m.achievedQps() / qps, m.generatorLagP99Us(), m.generatorLagMaxUs(), m.latencyMs().p99()});
                    System.out.printf(Locale.ROOT, "round %d spin %d µs, %s: achieved %.2f/%.2f (%.4f), lag p99 %.1f µs, "
                                    + "max %.1f µs, p99 %.1f ms, %d queries, %s, load %s%n", r, generator.spinUs(),
                            m.generatorScheduling(), m.achievedQps(), qps, m.achievedQps() / qps, m.generatorLagP99Us(),
                            m.generatorLagMaxUs(), m.latencyMs().p99(), m.queries(), m.status(), load());
                }
            }
            System.out.println("--- medians over " + rounds + " rounds");
            runs.forEach((g, list) -> System.out.printf(Locale.ROOT,
                    "spin %d µs, real-time priority %d: achieved/target %.4f, lag p99 %.1f µs, lag max %.1f µs, p99 %.1f ms%n",
                    g.spinUs(), g.realtimePriority(), median(list, 0), median(list, 1), median(list, 2), median(list, 3)));
        }
    }

    private static double bare(ModelSession session, InputTensors inputs, double seconds) throws Exception {
        var field = ModelSession.class.getDeclaredField("session");
        field.setAccessible(true);
        OrtSession raw = (OrtSession) field.get(session);
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        long n = 0;
        while (System.nanoTime() < end) {
            try (OrtSession.Result ignored = raw.run(inputs.tensors())) {
                n++;
            }
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    private static double median(List<double[]> runs, int column) {
        double[] v = runs.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String load() throws Exception {
        String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return f[0] + " " + f[1] + " " + f[2];
    }
}
