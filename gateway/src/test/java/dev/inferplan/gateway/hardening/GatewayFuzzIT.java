package dev.inferplan.gateway.hardening;

import java.net.URI;
import java.util.List;
import java.util.Map;

import dev.inferplan.platform.testing.ServiceProcess;
import dev.inferplan.platform.testing.TestTokens;
import dev.inferplan.platform.testing.fuzz.ServiceFuzz;

import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The fuzz test (issue 11 §6) against the gateway as a process: every operation of its OpenAPI
 * document. It stores nothing, so only the answers are checked; its upstreams are unreachable, which
 * its answers must say as problems too.
 */
class GatewayFuzzIT extends ServiceFuzz {

    private static ServiceProcess service;

    @BeforeContainer
    static void start() {
        service = ServiceProcess.start("gateway", ServiceProcess.config(
                "inferplan.services.catalog", "http://localhost:9", "inferplan.services.pricing", "http://localhost:9",
                "inferplan.services.recommender", "http://localhost:9", "inferplan.services.runner", "http://localhost:9"));
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

    /** The gateway's own operations: /openapi is the suite's merged document, its services' fuzzed by their own tests. */
    @Override
    protected String documentPath() {
        return "/openapi/gateway";
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
