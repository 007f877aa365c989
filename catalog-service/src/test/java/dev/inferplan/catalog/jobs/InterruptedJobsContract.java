package dev.inferplan.catalog.jobs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.inferplan.catalog.CatalogClient;
import dev.inferplan.contracts.grpc.catalog.HeartbeatRequest;
import dev.inferplan.contracts.grpc.catalog.LeaseJobResponse;
import dev.inferplan.platform.testing.ServiceProcess;

import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import org.junit.jupiter.api.Test;

import static dev.inferplan.catalog.CatalogClient.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jobs whose runner died while the catalog itself was down (killed): the packaged catalog as a
 * process, restarted on the same database (H2 file or MariaDB per subclass), with the periodic reaper
 * an hour away. At start-up, before it answers, the catalog re-queues the leased jobs whose lease
 * expired meanwhile and fails those that spent their attempts, so no job shows a runner that is gone.
 */
public abstract class InterruptedJobsContract {

    /** DB_URL (and user and password) of a database that outlives the catalog's processes. */
    abstract Map<String, String> database();

    @Test
    void leasesThatExpiredWhileTheCatalogWasDownAreReleasedAtStartUp() throws InterruptedException {
        Map<String, String> config = new LinkedHashMap<>(database());
        config.putAll(ServiceProcess.config("catalog.seed.enabled", "false", "catalog.artifacts.file-roots", "/models",
                "catalog.jobs.lease-timeout-seconds", "2", "catalog.jobs.reaper-interval-seconds", "3600"));
        // the JDK's HTTP client (CatalogClient.send), not Jersey's, which needs the CDI container of a @HelidonTest
        Client http = ClientBuilder.newClient();
        long requeued;
        long spent;
        ServiceProcess first = ServiceProcess.start("catalog-service", config);
        try (RunnerClient runners = new RunnerClient(http.target(first.baseUri()))) {
            CatalogClient api = new CatalogClient(http.target(first.baseUri()));
            String pool = runners.pool();
            long family = created(api, "/api/catalog/families", """
                    {"name": "%s", "task": "text-embedding", "owner": "it", "license": "Apache-2.0"}"""
                    .formatted(unique("interrupted")));
            long version = created(api, "/api/catalog/families/" + family + "/versions", """
                    {"label": "1.0.0", "artifact": {"uri": "file:/models/m.onnx", "sha256": "%s", "format": "onnx"}}"""
                    .formatted("ab".repeat(32)));
            requeued = submit(api, version, pool, 3);
            spent = submit(api, version, pool, 1);
            LeaseJobResponse running = runners.runner().leaseJob(RunnerClient.lease(pool, "runner-a"));
            assertEquals(requeued, running.getJob().getId());
            assertFalse(runners.runner().heartbeat(HeartbeatRequest.newBuilder().setJobId(requeued)
                    .setLeaseToken(running.getLeaseToken()).setProgressPercent(40).build()).getStop());
            assertEquals(spent, runners.runner().leaseJob(RunnerClient.lease(pool, "runner-a")).getJob().getId());
            assertEquals("RUNNING", job(api, requeued).getString("status"));
            // H2 writes a commit to its file within its write delay (0.5 s): a kill before that loses it
            Thread.sleep(1_500);
        } finally {
            first.kill();
        }
        Thread.sleep(2_500);   // the leases expire while no catalog runs

        ServiceProcess second = ServiceProcess.start("catalog-service", config);
        try {
            CatalogClient api = new CatalogClient(http.target(second.baseUri()));
            JsonObject queued = job(api, requeued);
            assertEquals("QUEUED", queued.getString("status"), queued::toString);
            assertEquals(1, queued.getInt("attempts"));
            assertFalse(queued.containsKey("leasedBy") && !queued.isNull("leasedBy"), queued::toString);
            JsonObject failed = job(api, spent);
            assertEquals("FAILED", failed.getString("status"), failed::toString);
            assertTrue(failed.getString("failureReason").startsWith("LEASE_EXPIRED: the lease of runner-a expired"),
                    failed::toString);
            CatalogClient.Answer audit = api.send("GET", "vera", "viewer",
                    "/api/catalog/audit?entityType=benchmark-job&entityId=" + requeued, null);
            List<String> actions = audit.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
                    .map(e -> e.getString("action") + " by " + e.getString("actor")).toList();
            assertEquals("LEASE_EXPIRED by lease-reaper", actions.get(actions.size() - 1), actions::toString);
        } finally {
            second.close();
            http.close();
        }
    }

    private static long submit(CatalogClient api, long version, String pool, int maxAttempts) {
        return created(api, "/api/benchmarks/jobs", """
                {"modelVersionId": %d, "pool": "%s", "scenario": "OFFLINE", "sweep": {"batchSizes": [1]},
                 "durationSeconds": 2, "maxAttempts": %d}""".formatted(version, pool, maxAttempts));
    }

    private static long created(CatalogClient api, String path, String json) {
        CatalogClient.Answer answer = api.send("POST", "tina", "team", path, json);
        assertEquals(201, answer.status(), answer::body);
        return answer.json().getJsonNumber("id").longValue();
    }

    private static JsonObject job(CatalogClient api, long id) {
        CatalogClient.Answer answer = api.send("GET", "vera", "viewer", "/api/benchmarks/jobs/" + id, null);
        assertEquals(200, answer.status(), answer::body);
        return answer.json();
    }
}
