package dev.inferplan.runner.scenarios;

import dev.inferplan.contracts.benchmarks.Scenario;

/**
 * One measurement point: the load a scenario puts on the model. {@code batchSize} is the samples
 * per query (one batched inference); {@code concurrency} the number of threads sharing the
 * session; {@code targetQps} and {@code latencyBoundMs} apply to Server (0 when absent).
 */
public record LoadPoint(Scenario scenario, int batchSize, int concurrency, double targetQps,
                        double latencyBoundMs, long seed) {

    public LoadPoint {
        if (batchSize < 1 || concurrency < 1) {
            throw new IllegalArgumentException("batch size and concurrency must be at least 1");
        }
        if (scenario == Scenario.SERVER && !(targetQps > 0)) {
            throw new IllegalArgumentException("the Server scenario needs a target QPS above 0");
        }
    }

    public LoadPoint withTargetQps(double qps) {
        return new LoadPoint(scenario, batchSize, concurrency, qps, latencyBoundMs, seed);
    }
}
