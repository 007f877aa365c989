package dev.inferplan.catalog.jobs;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.inferplan.contracts.grpc.catalog.BenchmarkJobServiceGrpc;
import dev.inferplan.contracts.grpc.catalog.LatencyMs;
import dev.inferplan.contracts.grpc.catalog.LeaseJobRequest;
import dev.inferplan.contracts.grpc.catalog.LeaseJobResponse;
import dev.inferplan.contracts.grpc.catalog.MeasuredPoint;
import dev.inferplan.contracts.grpc.catalog.RegisterPoolRequest;
import dev.inferplan.contracts.grpc.catalog.ReportResultRequest;
import dev.inferplan.platform.grpc.ServiceChannel;
import dev.inferplan.platform.testing.TestTokens;

import jakarta.ws.rs.client.WebTarget;

import static dev.inferplan.catalog.CatalogClient.unique;

/**
 * The catalog's BenchmarkJobService as the tests call it: the real gRPC stub over a real channel to
 * the service under test, a token per caller. Close it after each test.
 */
public final class RunnerClient implements AutoCloseable {

    /** The identity of {@link #runner()}: a runner token without a pool claim. */
    public static final String RUNNER = "runner-under-test";

    private final URI uri;
    private final List<ServiceChannel> channels = new ArrayList<>();

    public RunnerClient(WebTarget target) {
        this.uri = URI.create("http://localhost:" + target.getUri().getPort());
    }

    public BenchmarkJobServiceGrpc.BenchmarkJobServiceBlockingStub runner() {
        return as(TestTokens.token(RUNNER, "runner"));
    }

    public BenchmarkJobServiceGrpc.BenchmarkJobServiceBlockingStub as(String token) {
        // a deadline, so that a call the server never answers fails the test instead of hanging the build
        return BenchmarkJobServiceGrpc.newBlockingStub(channel(token)).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    public io.grpc.Channel channel(String token) {
        ServiceChannel channel = ServiceChannel.open(uri, () -> token);
        channels.add(channel);
        return channel.channel();
    }

    /** A new pool, registered the way a runner does it (by {@link #runner()}). */
    public String pool() {
        String pool = unique("test-pool");
        runner().registerPool(RegisterPoolRequest.newBuilder().setPool(pool).addInstanceTypes("aws/c7i.xlarge")
                .setAccelerator("cpu").setCpuModel("Test CPU").setCpuCores(2).setMemoryBytes(8L << 30)
                .setRunnerVersion("test").build());
        return pool;
    }

    public static LeaseJobRequest lease(String pool, String runner) {
        return LeaseJobRequest.newBuilder().setPool(pool).setRunnerId(runner).build();
    }

    /** A successful report of one point per batch size, every figure plausible. */
    public static ReportResultRequest report(LeaseJobResponse lease, String key, int... batchSizes) {
        ReportResultRequest.Builder report = ReportResultRequest.newBuilder().setJobId(lease.getJob().getId())
                .setLeaseToken(lease.getLeaseToken()).setIdempotencyKey(key).setSucceeded(true)
                .setExecutionProvider("CPU").setOrtVersion("1.29.0").setSessionOptions("intraOp=2")
                .setHardware("{\"cpuModel\": \"Test CPU\", \"cpuCores\": 2}").setModelSha256("ab".repeat(32))
                .setRunnerVersion("test");
        for (int batch : batchSizes) {
            report.addPoints(MeasuredPoint.newBuilder().setBatchSize(batch).setConcurrency(1).setThreads(2)
                    .setThroughputPerS(100.0 * batch)
                    .setLatencyMs(LatencyMs.newBuilder().setP50(10).setP90(12).setP95(13).setP99(20).setP999(31.5).setMax(40))
                    .setQueries(500).setDurationSeconds(2.5).setValid(true).setAchievedQps(100));
        }
        return report.build();
    }

    @Override
    public void close() {
        channels.forEach(ServiceChannel::close);
        channels.clear();
    }
}
