package dev.inferplan.runner.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.inferplan.contracts.benchmarks.ExecutionProvider;
import dev.inferplan.contracts.benchmarks.Scenario;
import dev.inferplan.runner.execution.ProviderOptions;
import dev.inferplan.runner.hardware.NvidiaSmi;
import dev.inferplan.runner.jobs.BenchmarkJob;
import dev.inferplan.runner.scenarios.RunRules;

/**
 * The options of {@code bin/runner run}. A comma-separated list ({@code --batch 1,8}) makes a sweep.
 */
record RunOptions(BenchmarkJob job, boolean json, String pool, Path cacheDirectory, RunRules.Generator generator,
                  String nvidiaSmi) {

    static final String USAGE = """
            usage: bin/runner run --model URI --scenario offline|server|single-stream|multi-stream [options]
              --model URI             file:, http(s): or jar:file:…!/entry.onnx (a plain path is read as a file)
              --sha256 HEX            expected sha256 of the model (checked before use)
              --batch N[,N…]          samples per query (default 1; 8 for multi-stream)
              --concurrency N[,N…]    threads sharing the session (default 1)
              --threads N[,N…]        ONNX Runtime intra-op threads (default 0: the runtime's choice)
              --seq N                 sequence length bound to text models' symbolic dimension (default 128)
              --dim NAME=VALUE        binds any other symbolic dimension (repeatable)
              --duration S            minimum measured duration in seconds (default 10)
              --qps Q                 Server: target queries per second
              --latency-bound-ms MS   Server: p99 bound; without --qps, searches the highest QPS under it
              --provider P[,P…]       TENSORRT, CUDA, CPU in the order wanted (default CPU)
              --no-fallback           fail instead of falling back to the next provider
              --quick-search          hill-climb over the sweep's values (Model Analyzer's quick search) instead of every point
              --min-queries N         replace MLPerf's minimum query count (recorded with the result)
              --window S              measurement window (default 5 s)
              --warmup S              warm-up excluded from the figures (default 2 s)
              --spin-us US            Server: the generator spins this long before each arrival (default 200)
              --rt-priority N         Server: the generator's SCHED_FIFO priority, 0 for none (default 1)
              --nvidia-smi PATH       the nvidia-smi that finds and samples GPUs (default: on the PATH)
              --pool ID               pool recorded with the result (default local)
              --cache DIR             model cache (default ./var/models)
              --json                  print the result as JSON (one object; an array for a sweep)
            """;

    static RunOptions parse(List<String> args) {
        Map<String, String> values = new HashMap<>();
        Map<String, Long> dims = new HashMap<>();
        boolean json = false;
        boolean noFallback = false;
        boolean quick = false;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            switch (option) {
                case "--json" -> json = true;
                case "--no-fallback" -> noFallback = true;
                case "--quick-search" -> quick = true;
                case "--dim" -> {
                    String[] kv = value(args, ++i, option).split("=", 2);
                    if (kv.length != 2) {
                        throw new IllegalArgumentException("--dim needs NAME=VALUE");
                    }
                    dims.put(kv[0], Long.parseLong(kv[1]));
                }
                case "--model", "--sha256", "--batch", "--concurrency", "--threads", "--seq", "--duration", "--qps",
                     "--latency-bound-ms", "--provider", "--min-queries", "--window", "--warmup", "--pool", "--cache",
                     "--scenario", "--spin-us", "--rt-priority", "--nvidia-smi" -> values.put(option, value(args, ++i, option));
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (!values.containsKey("--model") || !values.containsKey("--scenario")) {
            throw new IllegalArgumentException("--model and --scenario are required");
        }
        Scenario scenario = Scenario.require(values.get("--scenario"));
        List<ExecutionProvider> providers = Arrays.stream(values.getOrDefault("--provider", "CPU").split(","))
                .map(ExecutionProvider::parse).toList();
        BenchmarkJob job = new BenchmarkJob(0, 0, modelUri(values.get("--model")), values.getOrDefault("--sha256", ""),
                scenario, ints(values.get("--batch")), ints(values.get("--concurrency")), ints(values.get("--threads")),
                Integer.parseInt(values.getOrDefault("--seq", "128")), dims,
                Double.parseDouble(values.getOrDefault("--duration", "10")),
                Double.parseDouble(values.getOrDefault("--qps", "0")),
                Double.parseDouble(values.getOrDefault("--latency-bound-ms", "0")),
                providers, !noFallback, 1,
                new BenchmarkJob.Tuning(Long.parseLong(values.getOrDefault("--min-queries", "0")),
                        Double.parseDouble(values.getOrDefault("--window", "0")),
                        Double.parseDouble(values.getOrDefault("--warmup", "-1"))), 0, ProviderOptions.DEFAULT, null, quick);
        return new RunOptions(job, json, values.getOrDefault("--pool", "local"),
                Path.of(values.getOrDefault("--cache", "var/models")),
                new RunRules.Generator(
                        Long.parseLong(values.getOrDefault("--spin-us", Long.toString(RunRules.Generator.DEFAULT.spinUs()))),
                        Integer.parseInt(values.getOrDefault("--rt-priority",
                                Integer.toString(RunRules.Generator.DEFAULT.realtimePriority())))),
                values.getOrDefault("--nvidia-smi", NvidiaSmi.DEFAULT_COMMAND));
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }

    private static List<Integer> ints(String list) {
        if (list == null) {
            return List.of();
        }
        List<Integer> values = new ArrayList<>();
        for (String v : list.split(",")) {
            values.add(Integer.parseInt(v.trim()));
        }
        return values;
    }

    static URI modelUri(String text) {
        if (text.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") && !text.matches("^[a-zA-Z]:\\\\.*")) {
            return URI.create(text);
        }
        return Path.of(text).toAbsolutePath().normalize().toUri();
    }
}
