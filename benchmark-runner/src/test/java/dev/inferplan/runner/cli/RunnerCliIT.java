package dev.inferplan.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.inferplan.runner.TestModels;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

/** {@code bin/runner run … --json}: the packaged jar's real main in its own process, on the real int8 model. */
class RunnerCliIT {

    private record Run(int exit, String out, String err) {
    }

    private static Run cli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", Path.of("target", "benchmark-runner.jar").toString(),
                RunnerCli.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
        var err = process.getErrorStream();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String errText = new String(err.readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES));
        return new Run(process.exitValue(), out, errText);
    }

    @Test
    void jsonPrintsOneResultObjectInTheContractShape() throws Exception {
        Run run = cli("run", "--model", TestModels.int8().toString(), "--sha256", TestModels.INT8_SHA256,
                "--scenario", "offline", "--batch", "2", "--seq", "32", "--threads", "2", "--duration", "1",
                "--window", "0.3", "--warmup", "0.2", "--min-queries", "1", "--json", "--cache", "target/cli-cache");
        assertEquals(0, run.exit(), run.err());
        JsonObject result = Json.createReader(new StringReader(run.out())).readObject();
        assertEquals("OFFLINE", result.getString("scenario"));
        assertEquals(2, result.getInt("batchSize"));
        assertEquals(1, result.getInt("concurrency"));
        assertEquals("CPU", result.getString("executionProvider"));
        assertEquals("1.29.0", result.getString("ortVersion"));
        assertEquals("local", result.getString("pool"));
        assertTrue(result.getJsonNumber("throughputPerS").doubleValue() > 0);
        JsonObject latency = result.getJsonObject("latencyMs");
        for (String p : List.of("p50", "p90", "p95", "p99", "max")) {
            assertTrue(latency.getJsonNumber(p).doubleValue() > 0, p);
        }
        assertTrue(result.getJsonNumber("queries").longValue() > 0);
        assertTrue(result.getJsonNumber("durationSeconds").doubleValue() >= 0.9);
        assertTrue(result.containsKey("valid"));
        assertTrue(result.getJsonObject("hardware").getInt("cpuCores") > 0);
        assertEquals(TestModels.INT8_SHA256, result.getString("modelSha256"));
        assertEquals(11, result.getInt("modelOpset"));
        assertTrue(run.err().contains("point 1 of 1"), run.err());
    }

    @Test
    void theTableNamesTheModelWithItsSha256AndOpset() throws Exception {
        Run run = cli("run", "--model", TestModels.int8().toString(), "--scenario", "offline", "--batch", "1", "--seq", "16",
                "--threads", "1", "--duration", "0.5", "--window", "0.2", "--warmup", "0", "--min-queries", "1",
                "--cache", "target/cli-cache");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("model " + TestModels.int8() + " (sha256 " + TestModels.INT8_SHA256 + ", opset 11)\n"),
                run.out());
    }

    @Test
    void aSequenceLongerThanTheModelSupportsExitsOneNamingTheLengthAndTheLimit() throws Exception {
        Run run = cli("run", "--model", TestModels.int8().toString(), "--scenario", "single-stream", "--seq", "1024",
                "--threads", "1", "--json", "--cache", "target/cli-cache");
        assertEquals(1, run.exit());
        JsonObject failure = Json.createReader(new StringReader(run.out())).readObject();
        assertEquals("IMPOSSIBLE_SWEEP", failure.getString("failureKind"));
        assertTrue(failure.getString("failureReason").contains("sequence length 1024 is longer than this model supports, "
                + "at most 512"), failure.getString("failureReason"));
    }

    @Test
    void aFailedJobExitsOneWithTheReasonAsJson() throws Exception {
        Run run = cli("run", "--model", TestModels.notOnnx().toString(), "--scenario", "single-stream", "--json",
                "--cache", "target/cli-cache");
        assertEquals(1, run.exit());
        JsonObject failure = Json.createReader(new StringReader(run.out())).readObject();
        assertEquals("NOT_ONNX", failure.getString("failureKind"));
        assertTrue(failure.getString("failureReason").contains("Protobuf parsing failed"));
    }

    @Test
    void aUsageErrorExitsTwoWithTheUsage() throws Exception {
        Run run = cli("run", "--scenario", "offline");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("--model and --scenario are required"));
        assertTrue(run.err().contains("usage: bin/runner run"));
    }
}
