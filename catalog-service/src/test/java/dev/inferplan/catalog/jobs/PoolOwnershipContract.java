package dev.inferplan.catalog.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import dev.inferplan.catalog.CatalogClient;
import dev.inferplan.catalog.CatalogServiceContract;
import dev.inferplan.contracts.grpc.catalog.BenchmarkJobServiceGrpc;
import dev.inferplan.contracts.grpc.catalog.RegisterPoolRequest;
import dev.inferplan.platform.testing.TestTokens;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static dev.inferplan.catalog.CatalogClient.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who may register, change and lease a hardware pool, over gRPC (runners) and REST, on H2 or MariaDB
 * per subclass: a runner token naming a pool acts for that pool only, one without the claim for the
 * pool it registered first, published-evidence pools only an admin; a refusal changes nothing. Pool
 * names with '/' are paths that work; names that are not paths are refused.
 */
public abstract class PoolOwnershipContract extends CatalogServiceContract {

    @Test
    void aRunnerTokenNamingAPoolRegistersChangesAndLeasesThatPoolOnly() {
        String pool = unique("claimed");
        String other = unique("not-mine");
        BenchmarkJobServiceGrpc.BenchmarkJobServiceBlockingStub gpu1 = runners().as(TestTokens.runnerOf("runner-gpu-1", pool));
        gpu1.registerPool(registration(pool, "first"));
        assertEquals("runner-gpu-1", pool(pool).getString("registeredBy"));
        runners().as(TestTokens.runnerOf("runner-gpu-2", pool)).registerPool(registration(pool, "second replica"));
        assertEquals("second replica", pool(pool).getString("cpuModel"), "another replica of the same pool");
        assertFalse(gpu1.leaseJob(RunnerClient.lease(pool, "gpu-1")).hasJob(), "its own pool: leases (nothing queued)");

        assertDenied(() -> gpu1.registerPool(registration(other, "taken")));
        assertEquals(404, api().send("GET", "vera", "viewer", "/api/benchmarks/pools/" + other, null).status());
        assertForbidden(api().sendAs(TestTokens.runnerOf("runner-gpu-1", pool), "PUT", "/api/benchmarks/pools/" + other,
                restRegistration("taken")));
        assertEquals(200, api().send("PUT", "ada", "admin", "/api/benchmarks/pools/" + other, restRegistration("admin's"))
                .status());
        long revision = pool(other).getJsonNumber("revision").longValue();
        assertDenied(() -> gpu1.registerPool(registration(other, "taken")));
        assertDenied(() -> gpu1.leaseJob(RunnerClient.lease(other, "gpu-1")));
        assertEquals(revision, pool(other).getJsonNumber("revision").longValue(), "nothing changed");
        assertEquals("admin's", pool(other).getString("cpuModel"));
    }

    @Test
    void aRunnerWithoutAClaimKeepsThePoolItRegisteredFirstAndCannotTakeAnothers() {
        String pool = unique("first-come");
        BenchmarkJobServiceGrpc.BenchmarkJobServiceBlockingStub a = runners().as(TestTokens.token("runner-a", "runner"));
        BenchmarkJobServiceGrpc.BenchmarkJobServiceBlockingStub b = runners().as(TestTokens.token("runner-b", "runner"));
        a.registerPool(registration(pool, "a's"));
        long revision = pool(pool).getJsonNumber("revision").longValue();

        assertDenied(() -> b.registerPool(registration(pool, "b's")));
        assertForbidden(api().send("PUT", "runner-b", "runner", "/api/benchmarks/pools/" + pool, restRegistration("b's")));
        assertDenied(() -> b.leaseJob(RunnerClient.lease(pool, "b")));
        assertEquals("a's", pool(pool).getString("cpuModel"));
        assertEquals(revision, pool(pool).getJsonNumber("revision").longValue(), "the refusals changed nothing");
        assertEquals(List.of("CREATED"), poolAudit(pool), "and appended nothing");

        a.registerPool(registration(pool, "a's again"));
        runners().as(TestTokens.runnerOf("runner-c", pool)).registerPool(registration(pool, "a token naming it"));
        assertEquals(200, api().send("PUT", "ada", "admin", "/api/benchmarks/pools/" + pool, restRegistration("admin"))
                .status());
        assertEquals("runner-a", pool(pool).getString("registeredBy"), "the first registrant stays");
        assertEquals(List.of("CREATED", "UPDATED", "UPDATED", "UPDATED"), poolAudit(pool));
    }

    @Test
    void publishedEvidencePoolsAreRegisteredAndChangedByAnAdminOnly() {
        String published = "published/" + unique("nvidia-test") + "x1";
        String path = "/api/benchmarks/pools/" + published;
        BenchmarkJobServiceGrpc.BenchmarkJobServiceBlockingStub runner = runners().runner();
        assertDenied(() -> runner.registerPool(registration(published, "runner's")));
        assertDenied(() -> runners().as(TestTokens.runnerOf("runner-p", published))
                .registerPool(registration(published, "runner's")));
        assertForbidden(api().send("PUT", "rex", "runner", path, restRegistration("runner's")));
        assertEquals(404, api().send("GET", "vera", "viewer", path, null).status());

        CatalogClient.Answer created = api().send("PUT", "ada", "admin", path, restRegistration("admin's"));
        assertEquals(200, created.status(), created::body);
        assertDenied(() -> runner.registerPool(registration(published, "runner's")));
        assertDenied(() -> runners().as(TestTokens.runnerOf("runner-p", published)).leaseJob(
                RunnerClient.lease(published, "p")));
        assertEquals("admin's", pool(published).getString("cpuModel"));
    }

    @Test
    void poolNamesWithASlashAreReachableByPathOverRestAndGrpc() {
        String byAdmin = "team-a/" + unique("gpu");
        CatalogClient.Answer put = api().send("PUT", "ada", "admin", "/api/benchmarks/pools/" + byAdmin,
                restRegistration("rest"));
        assertEquals(200, put.status(), put::body);
        assertEquals(byAdmin, pool(byAdmin).getString("pool"));

        String byRunner = "team-b/" + unique("cpu");
        runners().runner().registerPool(registration(byRunner, "grpc"));
        assertEquals("grpc", pool(byRunner).getString("cpuModel"));
        assertEquals(200, api().send("PUT", RunnerClient.RUNNER, "runner", "/api/benchmarks/pools/" + byRunner,
                restRegistration("rest update")).status());
        assertEquals("rest update", pool(byRunner).getString("cpuModel"));

        for (String notAPath : List.of("a/../b", "a//b", "a/", "./a", "a/./b", "/a", "a/.hidden")) {
            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                    () -> runners().runner().registerPool(registration(notAPath, "x")), notAPath);
            assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode(), notAPath);
            assertTrue(refused.getStatus().getDescription().contains("pool: "), refused::toString);
        }
    }

    @Test
    void poolsRegisteredBeforeTheirRegistrantWasRecordedBelongToTheFirstOneTheAuditNames() throws Exception {
        String pool = unique("older");
        Timestamp then = Timestamp.from(Instant.parse("2026-01-01T00:00:00Z"));
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO hardware_pool (pool,"
                    + " instance_types, accelerator, accelerator_count, registered_at, updated_at, version)"
                    + " VALUES (?, 'aws/c7i.xlarge', 'cpu', 0, ?, ?, 1)")) {
                insert.setString(1, pool);
                insert.setTimestamp(2, then);
                insert.setTimestamp(3, then);
                insert.executeUpdate();
            }
            for (String actor : List.of("old-runner", "someone-later")) {
                try (PreparedStatement audit = connection.prepareStatement("INSERT INTO audit_entry (entity_type,"
                        + " entity_id, action, actor, occurred_at) VALUES ('pool', ?, 'CREATED', ?, ?)")) {
                    audit.setString(1, pool);
                    audit.setString(2, actor);
                    audit.setTimestamp(3, then);
                    audit.executeUpdate();
                }
            }
            try (Statement backfill = connection.createStatement()) {
                backfill.executeUpdate(v10Backfill());
            }
        }
        assertEquals("old-runner", pool(pool).getString("registeredBy"));
        runners().as(TestTokens.token("old-runner", "runner")).registerPool(registration(pool, "still mine"));
        assertDenied(() -> runners().as(TestTokens.token("someone-later", "runner")).registerPool(registration(pool, "x")));
    }

    /** The backfill statement of the migration that added registered_by, as the database runs it. */
    private static String v10Backfill() throws IOException {
        try (InputStream sql = PoolOwnershipContract.class.getResourceAsStream(
                "/db/migration/V10__hardware_pool_registered_by.sql")) {
            String text = new String(sql.readAllBytes(), StandardCharsets.UTF_8);
            String update = text.substring(text.indexOf("UPDATE hardware_pool"));
            return update.substring(0, update.lastIndexOf(';'));
        }
    }

    // --- helpers

    private JsonObject pool(String pool) {
        return api().get("/api/benchmarks/pools/" + pool);
    }

    private List<String> poolAudit(String pool) {
        return api().get("/api/catalog/audit?entityType=pool&entityId=" + pool).getJsonArray("items")
                .getValuesAs(JsonObject.class).stream().map(e -> e.getString("action")).toList();
    }

    private static RegisterPoolRequest registration(String pool, String cpuModel) {
        return RegisterPoolRequest.newBuilder().setPool(pool).addInstanceTypes("aws/c7i.xlarge").setAccelerator("cpu")
                .setCpuModel(cpuModel).setCpuCores(2).setRunnerVersion("test").build();
    }

    private static String restRegistration(String cpuModel) {
        return """
                {"instanceTypes": ["aws/c7i.xlarge"], "accelerator": "cpu", "acceleratorCount": 0, "cpuModel": "%s",
                 "cpuCores": 2}""".formatted(cpuModel);
    }

    private static void assertDenied(org.junit.jupiter.api.function.Executable call) {
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, call);
        assertEquals(Status.Code.PERMISSION_DENIED, refused.getStatus().getCode(), refused::toString);
    }

    private static void assertForbidden(CatalogClient.Answer answer) {
        assertEquals(403, answer.status(), answer::body);
        assertEquals("application/problem+json", answer.contentType());
        assertTrue(answer.json().getString("detail").contains("pool"), answer::body);
    }
}
