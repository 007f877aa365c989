package dev.inferplan.catalog.jobs;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import dev.inferplan.catalog.CatalogServiceContract;
import dev.inferplan.contracts.grpc.catalog.CapacityStep;
import dev.inferplan.contracts.grpc.catalog.GpuSummary;
import dev.inferplan.contracts.grpc.catalog.LatencyMs;
import dev.inferplan.contracts.grpc.catalog.LeaseJobResponse;
import dev.inferplan.contracts.grpc.catalog.MeasuredPoint;
import dev.inferplan.contracts.grpc.catalog.MeasurementWindow;
import dev.inferplan.contracts.grpc.catalog.ProviderAttempt;
import dev.inferplan.contracts.grpc.catalog.ProviderDecision;
import dev.inferplan.contracts.grpc.catalog.ReportResultRequest;

import com.google.protobuf.ByteString;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static dev.inferplan.catalog.CatalogClient.unique;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13 §1 on H2 or MariaDB per subclass: everything a runner knew about each point reaches
 * {@code GET /api/benchmarks/results} (status, windows, RSS, GPU summaries, generator lag and
 * scheduling, output check, capacity-search steps, the point's own provider, decision and session
 * options, the latency histogram, MLPerf compliance); UNSTABLE is never valid; only VALID,
 * MLPerf-compliant points count in the model card; a report without the model's sha256 is refused.
 */
public abstract class ReportEvidenceContract extends CatalogServiceContract {

    @Test
    public void everyFigureOfEachPointOfAThreadsSweepReachesTheResultsWithItsOwnSessionOptions() throws Exception {
        String pool = runners().pool();
        long version = version();
        long job = submit(version, pool, "SERVER", "{\"batchSizes\": [1], \"threads\": [1, 2]}",
                ", \"targetQps\": 40, \"latencyBoundMs\": 50, \"minQueries\": 100, \"windowSeconds\": 1");
        LeaseJobResponse lease = runners().runner().leaseJob(RunnerClient.lease(pool, "runner-a"));
        byte[] histogram1 = histogram(700, 4_000_000L);
        byte[] histogram2 = histogram(700, 3_000_000L);
        ReportResultRequest report = base(lease, "k-" + lease.getLeaseToken())
                .addPoints(point(1, histogram1, "VALID", true))
                .addPoints(point(2, histogram2, "VALID", true))
                .build();
        assertTrue(runners().runner().reportResult(report).getRecorded());
        assertEquals("SUCCEEDED", api().get("/api/benchmarks/jobs/" + job).getString("status"));

        List<JsonObject> results = results(version);
        assertEquals(2, results.size());
        for (int i = 0; i < 2; i++) {
            JsonObject r = results.get(i);
            int threads = i + 1;
            assertEquals(threads, r.getInt("threads"));
            assertEquals("VALID", r.getString("status"));
            assertTrue(r.getBoolean("valid"));
            // 100 queries and 1 s windows: valid under the job's own rules, not MLPerf's
            assertFalse(r.getBoolean("mlperfCompliant"));
            assertEquals("minQueries 100 below MLPerf's 662 queries for SERVER; windows of 1.00 s, shorter than the"
                    + " standard 5 s", r.getString("mlperfRuleBroken"));
            assertEquals("CUDA", r.getString("executionProvider"), "the point's own provider, not the report's");
            JsonObject config = r.getJsonObject("config");
            assertEquals("intraOpThreads=" + threads + ", interOpThreads=1", config.getString("sessionOptions"),
                    "each point's own session options");
            assertEquals("VALID", config.getString("status"));
            assertTrue(config.getBoolean("stable"));
            assertEquals(700, config.getInt("samples"));
            JsonArray windows = config.getJsonArray("windows");
            assertEquals(3, windows.size());
            assertEquals(233, windows.getJsonObject(2).getInt("queries"));
            assertEquals(20.25, windows.getJsonObject(2).getJsonNumber("p99Ms").doubleValue());
            assertEquals(200_000_000L + threads, config.getJsonNumber("rssBytes").longValue());
            assertEquals(300_000_000L, config.getJsonNumber("peakRssBytes").longValue());
            JsonObject gpu = config.getJsonArray("gpus").getJsonObject(0);
            assertEquals(12, gpu.getInt("samples"));
            assertEquals(61.5, gpu.getJsonNumber("meanUtilizationPercent").doubleValue());
            assertEquals(97, gpu.getInt("maxUtilizationPercent"));
            assertEquals(1_234.5, gpu.getJsonNumber("meanMemoryUsedMib").doubleValue());
            assertEquals(2_048, gpu.getInt("maxMemoryUsedMib"));
            assertEquals(812.5, config.getJsonNumber("generatorLagMaxUs").doubleValue());
            assertEquals(95.0, config.getJsonNumber("generatorLagP99Us").doubleValue());
            assertEquals("SCHED_FIFO 1", config.getString("generatorScheduling"));
            assertEquals("max |Δ| 0 vs first run", config.getString("outputCheck"));
            JsonArray steps = config.getJsonArray("capacitySearch");
            assertEquals(2, steps.size());
            assertFalse(steps.getJsonObject(0).getBoolean("meetsBound"));
            assertEquals(80.0, steps.getJsonObject(0).getJsonNumber("qps").doubleValue());
            assertEquals(61.0, steps.getJsonObject(0).getJsonNumber("p99Ms").doubleValue());
            JsonObject decision = config.getJsonObject("providerDecision");
            assertEquals("CUDA", decision.getString("ran"));
            assertEquals(List.of("TENSORRT", "CUDA"), decision.getJsonArray("requested").getValuesAs(
                    jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList());
            assertTrue(decision.getBoolean("fellBack"));
            assertEquals("refused: libnvinfer.so.10 missing", decision.getJsonArray("attempts").getJsonObject(0)
                    .getString("outcome"));
            assertEquals("CUDA (requested [TENSORRT, CUDA]; TENSORRT: refused: libnvinfer.so.10 missing; fell back)",
                    decision.getString("reason"));
            assertEquals(14.5, config.getJsonObject("serviceLatencyMs").getJsonNumber("p99").doubleValue());
            assertEquals(12.5, config.getJsonNumber("latencyMeanMs").doubleValue());
            assertEquals(150.0, config.getJsonNumber("sessionCreateMs").doubleValue());
            assertEquals(31.0, config.getJsonNumber("firstInferenceMs").doubleValue());
            assertTrue(config.getString("rules").startsWith("minDuration=2.0s"), config::toString);
        }

        // the histogram, as stored: JSON with base64, or the bytes themselves
        long first = results.get(0).getJsonNumber("id").longValue();
        JsonObject served = api().get("/api/benchmarks/results/" + first + "/histogram");
        assertEquals("HdrHistogram-compressed", served.getString("encoding"));
        assertEquals("ns", served.getString("unit"));
        assertEquals(700, served.getInt("totalCount"));
        byte[] data = Base64.getDecoder().decode(served.getString("data"));
        assertArrayEquals(histogram1, data);
        Histogram decoded = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(data), 0);
        assertEquals(4_000_000L, decoded.getMinValue(), 4_000);
        assertEquals(4_699_000L, decoded.getMaxValue(), 4_700);
        try (Response raw = api().as("vera", "viewer", "/api/benchmarks/results/"
                + results.get(1).getJsonNumber("id").longValue() + "/histogram")
                .accept(MediaType.APPLICATION_OCTET_STREAM).get()) {
            assertEquals(200, raw.getStatus());
            assertArrayEquals(histogram2, raw.readEntity(byte[].class));
        }
    }

    @Test
    public void aPointWhoseWindowsNeverAgreedIsStoredNotValidEvenWhenTheRunnerSaysValid() {
        String pool = runners().pool();
        long version = version();
        long job = submit(version, pool, "SINGLE_STREAM", "{\"batchSizes\": [1]}", "");
        LeaseJobResponse lease = runners().runner().leaseJob(RunnerClient.lease(pool, "runner-a"));
        // a runner from before the status rule: valid=true with status UNSTABLE and no reason
        runners().runner().reportResult(base(lease, "k-" + lease.getLeaseToken())
                .addPoints(point(1, histogram(700, 2_000_000L), "UNSTABLE", true).toBuilder().clearInvalidReason()
                        .setStable(false)).build());
        assertEquals("SUCCEEDED", api().get("/api/benchmarks/jobs/" + job).getString("status"));
        JsonObject result = results(version).get(0);
        assertEquals("UNSTABLE", result.getString("status"));
        assertFalse(result.getBoolean("valid"), "UNSTABLE is never valid");
        assertEquals("UNSTABLE: the windows never agreed within the stability tolerance", result.getString("invalidReason"));
        assertTrue(result.getBoolean("mlperfCompliant"), "700 SingleStream queries in 5 s windows: MLPerf's rules held");
        JsonObject card = api().get("/api/catalog/versions/" + version + "/card");
        JsonObject summary = card.getJsonArray("benchmarks").getJsonObject(0);
        assertEquals(1, summary.getInt("results"));
        assertEquals(0, summary.getInt("valid"));
        assertTrue(!summary.containsKey("best") || summary.isNull("best"), card::toString);
    }

    @Test
    public void onlyValidMlperfCompliantPointsAreCalledValidInTheModelCard() {
        String pool = runners().pool();
        long version = version();
        submit(version, pool, "SINGLE_STREAM", "{\"batchSizes\": [1]}", "");
        submit(version, pool, "SINGLE_STREAM", "{\"batchSizes\": [1]}", ", \"minQueries\": 10");
        LeaseJobResponse standard = runners().runner().leaseJob(RunnerClient.lease(pool, "runner-a"));
        runners().runner().reportResult(base(standard, "k-" + standard.getLeaseToken())
                .addPoints(point(1, histogram(700, 2_000_000L), "VALID", true).toBuilder().setThroughputPerS(50)).build());
        LeaseJobResponse quick = runners().runner().leaseJob(RunnerClient.lease(pool, "runner-a"));
        // the runner did not say; the catalog judges from the job (minQueries 10) and its own count
        runners().runner().reportResult(base(quick, "k-" + quick.getLeaseToken())
                .addPoints(point(1, histogram(700, 1_000_000L), "VALID", true).toBuilder().clearMlperfCompliant()
                        .setThroughputPerS(90)).build());
        List<JsonObject> results = results(version);
        assertTrue(results.get(0).getBoolean("mlperfCompliant"));
        assertTrue(!results.get(0).containsKey("mlperfRuleBroken") || results.get(0).isNull("mlperfRuleBroken"));
        assertFalse(results.get(1).getBoolean("mlperfCompliant"));
        assertEquals("minQueries 10 below MLPerf's 64 queries for SINGLE_STREAM", results.get(1).getString("mlperfRuleBroken"));
        assertTrue(results.get(1).getBoolean("valid"), "valid under its own job's rules");
        JsonObject summary = api().get("/api/catalog/versions/" + version + "/card").getJsonArray("benchmarks")
                .getJsonObject(0);
        assertEquals(2, summary.getInt("results"));
        assertEquals(1, summary.getInt("valid"), "the quick look is not called VALID");
        assertEquals(50.0, summary.getJsonObject("best").getJsonNumber("throughputPerS").doubleValue(),
                "the faster quick look is not the best valid figure");
    }

    @Test
    public void aReportWithoutTheModelsSha256OrWithABrokenHistogramFailsTheJobAndStoresNothing() {
        String pool = runners().pool();
        long version = version();
        long blank = submit(version, pool, "SINGLE_STREAM", "{\"batchSizes\": [1]}", "");
        long broken = submit(version, pool, "SINGLE_STREAM", "{\"batchSizes\": [1]}", "");
        long miscounted = submit(version, pool, "SINGLE_STREAM", "{\"batchSizes\": [1]}", "");
        LeaseJobResponse first = runners().runner().leaseJob(RunnerClient.lease(pool, "runner-a"));
        runners().runner().reportResult(base(first, "k-" + first.getLeaseToken()).setModelSha256("  ")
                .addPoints(point(1, histogram(700, 2_000_000L), "VALID", true)).build());
        JsonObject refused = api().get("/api/benchmarks/jobs/" + blank);
        assertEquals("FAILED", refused.getString("status"));
        assertEquals("INVALID_REPORT: model_sha256 is blank: a measured result must name the sha256 of the model it"
                + " measured", refused.getString("failureReason"));

        LeaseJobResponse second = runners().runner().leaseJob(RunnerClient.lease(pool, "runner-a"));
        byte[] truncated = Arrays.copyOf(histogram(700, 2_000_000L), 20);
        runners().runner().reportResult(base(second, "k-" + second.getLeaseToken())
                .addPoints(point(1, truncated, "VALID", true)).build());
        assertEquals("INVALID_REPORT: point 1 (batch 1, concurrency 1): latency_histogram is not HdrHistogram's"
                + " compressed encoding", api().get("/api/benchmarks/jobs/" + broken).getString("failureReason"));

        LeaseJobResponse third = runners().runner().leaseJob(RunnerClient.lease(pool, "runner-a"));
        runners().runner().reportResult(base(third, "k-" + third.getLeaseToken())
                .addPoints(point(1, histogram(699, 2_000_000L), "VALID", true)).build());
        assertEquals("INVALID_REPORT: point 1 (batch 1, concurrency 1): latency_histogram holds 699 values for 700"
                + " queries", api().get("/api/benchmarks/jobs/" + miscounted).getString("failureReason"));
        assertEquals(0, results(version).size(), "nothing stored");
    }

    @Test
    public void providerOptionsReachTheRunnerWithTheLeaseAndOptionsOutOfRangeAreRefusedNamingTheField() {
        String pool = runners().pool();
        long version = version();
        long job = submit(version, pool, "OFFLINE", "{\"batchSizes\": [8]}", """
                , "executionProviders": ["TENSORRT", "CPU"], "allowFallback": false,
                "providerOptions": {"cudaDeviceId": 1, "cudaMemoryLimitBytes": 8589934592, "tensorrtFp16": true,
                 "tensorrtEngineCacheDir": "/var/cache/trt", "tensorrtWorkspaceBytes": 2147483648}""");
        JsonObject options = api().get("/api/benchmarks/jobs/" + job).getJsonObject("providerOptions");
        assertEquals(1, options.getInt("cudaDeviceId"));
        assertEquals("/var/cache/trt", options.getString("tensorrtEngineCacheDir"));
        var leased = runners().runner().leaseJob(RunnerClient.lease(pool, "runner-a")).getJob();
        assertEquals(List.of("TENSORRT", "CPU"), leased.getExecutionProvidersList());
        assertFalse(leased.getAllowFallback());
        assertEquals(1, leased.getProviderOptions().getCudaDeviceId());
        assertEquals(8L << 30, leased.getProviderOptions().getCudaMemoryLimitBytes());
        assertTrue(leased.getProviderOptions().getTensorrtFp16());
        assertEquals("/var/cache/trt", leased.getProviderOptions().getTensorrtEngineCacheDir());
        assertEquals(2L << 30, leased.getProviderOptions().getTensorrtWorkspaceBytes());
        assertEquals("GRID", leased.getSearch(), "the default");
        long quick = submit(version, pool, "OFFLINE", "{\"batchSizes\": [1, 2, 4], \"concurrencies\": [1, 2]}",
                ", \"search\": \"QUICK\"");
        assertEquals("QUICK", api().get("/api/benchmarks/jobs/" + quick).getString("search"));
        assertEquals("QUICK", runners().runner().leaseJob(RunnerClient.lease(pool, "runner-a")).getJob().getSearch());

        try (Response refused = api().post("tina", "team", "/api/benchmarks/jobs", """
                {"modelVersionId": %d, "pool": "%s", "scenario": "OFFLINE", "sweep": {"batchSizes": [1]},
                 "durationSeconds": 2, "executionProviders": ["CUDA"],
                 "providerOptions": {"cudaDeviceId": 64, "cudaMemoryLimitBytes": 0, "tensorrtFp16": true}}"""
                .formatted(version, pool))) {
            assertEquals(400, refused.getStatus());
            List<String> fields = dev.inferplan.catalog.CatalogClient.fields(refused.readEntity(JsonObject.class));
            assertEquals(List.of("providerOptions.cudaDeviceId", "providerOptions.cudaMemoryLimitBytes", "providerOptions"),
                    fields);
        }
        try (Response refused = api().post("tina", "team", "/api/benchmarks/jobs", """
                {"modelVersionId": %d, "pool": "%s", "scenario": "OFFLINE", "sweep": {"batchSizes": [1]},
                 "durationSeconds": 2, "providerOptions": {"tensorrtEngineCacheDir": "../etc"}}"""
                .formatted(version, pool))) {
            assertEquals(400, refused.getStatus());
            assertEquals(List.of("providerOptions.tensorrtEngineCacheDir", "providerOptions"),
                    dev.inferplan.catalog.CatalogClient.fields(refused.readEntity(JsonObject.class)));
        }
    }

    @Test
    public void aFidelityJobComparesADerivedVersionWithItsParentAndStoresMeasuredMetricsCitingTheJob() {
        String pool = runners().pool();
        long family = api().family(unique("minilm"), "text-embedding");
        long parent = api().version(family, "fp32");
        long derived = api().created("tina", "team", "/api/catalog/families/" + family + "/versions", """
                {"label": "int8", "artifact": {"uri": "file:/models/int8.onnx", "sha256": "%s", "format": "onnx"},
                 "lineage": {"kind": "quantized-from", "parentVersionId": %d}}""".formatted("ab".repeat(32), parent))
                .getJsonNumber("id").longValue();
        long job = api().created("tina", "team", "/api/benchmarks/jobs", """
                {"modelVersionId": %d, "pool": "%s", "kind": "FIDELITY", "sweep": {"threads": [2], "sequenceLength": 64}}"""
                .formatted(derived, pool)).getJsonNumber("id").longValue();
        JsonObject submitted = api().get("/api/benchmarks/jobs/" + job);
        assertEquals("FIDELITY", submitted.getString("kind"));
        assertEquals(parent, submitted.getJsonNumber("referenceModelVersionId").longValue());

        LeaseJobResponse lease = runners().runner().leaseJob(RunnerClient.lease(pool, "runner-a"));
        assertEquals("FIDELITY", lease.getJob().getKind());
        assertEquals("file:/models/fp32.onnx", lease.getJob().getReferenceArtifact().getUri());
        assertEquals(parent, lease.getJob().getReferenceModelVersionId());
        assertEquals("EMBEDDING", lease.getJob().getFidelityOutputKind());
        assertEquals(List.of(2), lease.getJob().getThreadsList());
        assertEquals(64, lease.getJob().getSequenceLength());

        String inputs = "real: 40 English sentences (benchmark-runner fidelity/sentences-en.txt, written for inferplan,"
                + " CC0), tokenized one by one by all-minilm-l6-v2-q-tokenizer.json from the model's artifact";
        assertTrue(runners().runner().reportResult(base(lease, "k-" + lease.getLeaseToken())
                .setFidelity(dev.inferplan.contracts.grpc.catalog.FidelityReport.newBuilder().setOutputKind("EMBEDDING")
                        .setInputs(40).setInputsDescription(inputs).setMeanCosine(0.992336).setP5Cosine(0.989245)
                        .setMinCosine(0.988284).setReferenceSha256("ab".repeat(32)).setOutputName("last_hidden_state"))
                .build()).getRecorded());
        assertEquals("SUCCEEDED", api().get("/api/benchmarks/jobs/" + job).getString("status"));

        List<JsonObject> metrics = api().get("/api/catalog/versions/" + derived).getJsonArray("metrics")
                .getValuesAs(JsonObject.class);
        JsonObject mean = metrics.stream().filter(m -> m.getString("name").equals("fidelity_cosine_mean")).findFirst()
                .orElseThrow(() -> new AssertionError(metrics.toString()));
        assertEquals(0.992336, mean.getJsonNumber("value").doubleValue());
        assertEquals("inferplan fidelity inputs (40 real)", mean.getString("dataset"));
        assertEquals("vs parent version " + parent, mean.getString("split"));
        assertEquals("MEASURED", mean.getJsonObject("provenance").getString("kind"));
        String source = mean.getJsonObject("provenance").getString("source");
        assertTrue(source.startsWith("fidelity job " + job + " (attempt 1) on pool " + pool + " by runner runner-a"), source);
        assertTrue(source.endsWith("inputs " + inputs), source);
        assertEquals(0.989245, metrics.stream().filter(m -> m.getString("name").equals("fidelity_cosine_p5")).findFirst()
                .orElseThrow().getJsonNumber("value").doubleValue());
        assertTrue(metrics.stream().noneMatch(m -> m.getString("name").equals("fidelity_top1_agreement")));
        // and the model card shows it with the other quality metrics
        assertTrue(api().get("/api/catalog/versions/" + derived + "/card").getJsonArray("metrics").toString()
                .contains("fidelity_cosine_p5"));
        assertEquals(0, results(derived).size(), "a fidelity job stores no benchmark result");

        // a version without a parent has nothing to be faithful to; a report without the figures fails the job
        try (Response refused = api().post("tina", "team", "/api/benchmarks/jobs", """
                {"modelVersionId": %d, "pool": "%s", "kind": "FIDELITY"}""".formatted(parent, pool))) {
            assertEquals(422, refused.getStatus());
            assertEquals(List.of("kind"), dev.inferplan.catalog.CatalogClient.fields(refused.readEntity(JsonObject.class)));
        }
        long again = api().created("tina", "team", "/api/benchmarks/jobs", """
                {"modelVersionId": %d, "pool": "%s", "kind": "FIDELITY"}""".formatted(derived, pool))
                .getJsonNumber("id").longValue();
        LeaseJobResponse second = runners().runner().leaseJob(RunnerClient.lease(pool, "runner-a"));
        runners().runner().reportResult(base(second, "k-" + second.getLeaseToken()).build());
        assertEquals("INVALID_REPORT: a fidelity job's report carries its fidelity figures",
                api().get("/api/benchmarks/jobs/" + again).getString("failureReason"));
    }

    // --- helpers

    long version() {
        return api().version(api().family(unique("minilm"), "text-embedding"), "1.0.0");
    }

    long submit(long version, String pool, String scenario, String sweep, String extra) {
        return api().created("tina", "team", "/api/benchmarks/jobs", """
                {"modelVersionId": %d, "pool": "%s", "scenario": "%s", "sweep": %s, "durationSeconds": 2 %s}"""
                .formatted(version, pool, scenario, sweep, extra)).getJsonNumber("id").longValue();
    }

    List<JsonObject> results(long version) {
        try (Response response = api().as("vera", "viewer", "/api/benchmarks/results?modelVersion=" + version).get()) {
            return response.readEntity(JsonArray.class).getValuesAs(JsonObject.class);
        }
    }

    static byte[] histogram(int count, long valueNanos) {
        Histogram histogram = new Histogram(3);
        for (int i = 0; i < count; i++) {
            histogram.recordValue(valueNanos + i * 1_000L);
        }
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Arrays.copyOf(buffer.array(), length);
    }

    static ReportResultRequest.Builder base(LeaseJobResponse lease, String key) {
        return ReportResultRequest.newBuilder().setJobId(lease.getJob().getId()).setLeaseToken(lease.getLeaseToken())
                .setIdempotencyKey(key).setSucceeded(true).setExecutionProvider("CPU").setOrtVersion("1.29.0")
                .setSessionOptions("the report's, not a point's").setHardware("{\"cpuModel\": \"Test CPU\"}")
                .setModelSha256("ab".repeat(32)).setRunnerVersion("test");
    }

    static MeasuredPoint point(int threads, byte[] histogram, String status, boolean valid) {
        return MeasuredPoint.newBuilder().setBatchSize(1).setConcurrency(1).setThreads(threads).setThroughputPerS(40)
                .setLatencyMs(LatencyMs.newBuilder().setP50(10).setP90(12).setP95(13).setP99(20).setP999(31.5).setMax(40))
                .setQueries(700).setSamples(700).setDurationSeconds(17.5).setValid(valid).setStatus(status)
                .setInvalidReason(valid ? "" : "a rule broke").setStable(true)
                .setTargetQps(40).setAchievedQps(40).setPeakRssBytes(300_000_000L).setRssBytes(200_000_000L + threads)
                .addWindows(MeasurementWindow.newBuilder().setIndex(1).setQueries(234).setThroughputPerS(40).setP99Ms(20))
                .addWindows(MeasurementWindow.newBuilder().setIndex(2).setQueries(233).setThroughputPerS(40).setP99Ms(19.5))
                .addWindows(MeasurementWindow.newBuilder().setIndex(3).setQueries(233).setThroughputPerS(40).setP99Ms(20.25))
                .addGpus(GpuSummary.newBuilder().setIndex(0).setSamples(12).setMeanUtilizationPercent(61.5)
                        .setMaxUtilizationPercent(97).setMeanMemoryUsedMib(1_234.5).setMaxMemoryUsedMib(2_048))
                .setGeneratorLagP99Us(95).setGeneratorLagMaxUs(812.5).setGeneratorScheduling("SCHED_FIFO 1")
                .setOutputCheck("max |Δ| 0 vs first run")
                .addCapacitySearch(CapacityStep.newBuilder().setQps(80).setMeetsBound(false).setP99Ms(61))
                .addCapacitySearch(CapacityStep.newBuilder().setQps(40).setMeetsBound(true).setP99Ms(20))
                .setExecutionProvider("CUDA")
                .setProviderDecision(ProviderDecision.newBuilder().addRequested("TENSORRT").addRequested("CUDA")
                        .setAllowFallback(true).setRan("CUDA").setFellBack(true)
                        .addAttempts(ProviderAttempt.newBuilder().setProvider("TENSORRT").setUsed(false)
                                .setOutcome("refused: libnvinfer.so.10 missing"))
                        .addAttempts(ProviderAttempt.newBuilder().setProvider("CUDA").setUsed(true).setOutcome("used"))
                        .setReason("CUDA (requested [TENSORRT, CUDA]; TENSORRT: refused: libnvinfer.so.10 missing; fell back)"))
                .setSessionOptions("intraOpThreads=" + threads + ", interOpThreads=1")
                .setLatencyHistogram(ByteString.copyFrom(histogram))
                .setMlperfCompliant(true)
                .setServiceLatencyMs(LatencyMs.newBuilder().setP50(9).setP90(11).setP95(12).setP99(14.5).setMax(30))
                .setLatencyMeanMs(12.5).setSessionCreateMs(150).setFirstInferenceMs(31)
                .setRules("minDuration=2.0s, minQueries=100")
                .build();
    }
}
