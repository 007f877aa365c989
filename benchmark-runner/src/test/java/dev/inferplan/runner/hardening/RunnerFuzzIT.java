package dev.inferplan.runner.hardening;

import java.net.URI;
import java.util.List;
import java.util.Map;

import dev.inferplan.platform.testing.ServiceProcess;
import dev.inferplan.platform.testing.TestTokens;
import dev.inferplan.platform.testing.fuzz.ServiceFuzz;

import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The fuzz test (issue 11 §6) against the benchmark-runner as a process: every operation of its OpenAPI
 * document. It stores nothing, so only the answers are checked; its upstreams are unreachable, which
 * its answers must say as problems too.
 */
class RunnerFuzzIT extends ServiceFuzz {

    private static ServiceProcess service;

    @BeforeContainer
    static void start() {
        service = ServiceProcess.start("benchmark-runner", ServiceProcess.config("runner.lease.enabled", "false"));
    }

    @AfterContainer
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Override
    protected URI service() {
        return service.baseUri();
    }

    @Override
    protected String token() {
        return TestTokens.token("fuzzer", "viewer", "team", "reviewer", "admin", "runner");
    }

    @Override
    protected Map<String, List<String>> known() {
        return Map.of();
    }

    @Override
    protected Map<String, Long> storedRows() {
        return Map.of();
    }
}
