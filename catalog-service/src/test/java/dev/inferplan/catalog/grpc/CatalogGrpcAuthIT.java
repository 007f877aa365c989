package dev.inferplan.catalog.grpc;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import dev.inferplan.contracts.grpc.catalog.CatalogServiceGrpc;
import dev.inferplan.contracts.grpc.catalog.GetCatalogPositionRequest;
import dev.inferplan.contracts.grpc.catalog.ListTasksRequest;
import dev.inferplan.contracts.grpc.catalog.Task;
import dev.inferplan.platform.grpc.ServiceChannel;
import dev.inferplan.platform.testing.TestTokens;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.WebTarget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The catalog's gRPC endpoint (same port as REST) admits the same tokens REST does, and no others. */
@HelidonTest
class CatalogGrpcAuthIT {

    @Inject
    private WebTarget target;

    private final List<ServiceChannel> channels = new ArrayList<>();

    @AfterEach
    void closeChannels() {
        channels.forEach(ServiceChannel::close);
    }

    @Test
    void validTokenListsTheSeededTasks() {
        List<String> names = stub(TestTokens.token("runner")).listTasks(ListTasksRequest.getDefaultInstance())
                .getTasksList().stream().map(Task::getName).toList();
        assertTrue(names.containsAll(List.of("image-classification", "text-embedding", "llm-generation")), names::toString);
    }

    @Test
    void missingExpiredForgedOrUnsignedTokensAreUnauthenticated() {
        for (String token : new String[] {null, TestTokens.expired("viewer"), TestTokens.forged("viewer"),
                TestTokens.unsigned("viewer"), "garbage"}) {
            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                    () -> stub(token).listTasks(ListTasksRequest.getDefaultInstance()));
            assertEquals(Status.Code.UNAUTHENTICATED, refused.getStatus().getCode(), "token " + token);
        }
    }

    /**
     * Issue 11 §5: one verifier for both paths, so a token is refused over gRPC exactly when REST refuses
     * it, for the same reason (REST used to accept a future nbf; neither refused crit or a week-long token).
     */
    @Test
    void restAndGrpcRefuseTheSameTokensForTheSameReason() {
        for (String token : List.of(TestTokens.notYetValid("viewer"), TestTokens.withCriticalHeader("viewer"),
                TestTokens.validFor("viewer", java.time.Duration.ofDays(7)), TestTokens.expired("viewer"), "not.a.jwt")) {
            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                    () -> stub(token).listTasks(ListTasksRequest.getDefaultInstance()));
            assertEquals(Status.Code.UNAUTHENTICATED, refused.getStatus().getCode(), token);
            try (jakarta.ws.rs.core.Response rest = target.path("/api/catalog/tasks").request()
                    .header("Authorization", "Bearer " + token).get()) {
                assertEquals(401, rest.getStatus(), token);
                assertEquals("The bearer token is not accepted: " + refused.getStatus().getDescription() + ".",
                        rest.readEntity(jakarta.json.JsonObject.class).getString("detail"));
            }
        }
        String dayLong = TestTokens.validFor("viewer", java.time.Duration.ofHours(24));
        assertTrue(!stub(dayLong).listTasks(ListTasksRequest.getDefaultInstance()).getTasksList().isEmpty());
    }

    @Test
    void tokenWithoutAKnownRoleIsPermissionDenied() {
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                () -> stub(TestTokens.token("guest")).listTasks(ListTasksRequest.getDefaultInstance()));
        assertEquals(Status.Code.PERMISSION_DENIED, refused.getStatus().getCode());
    }

    /** The recommender reloads its snapshot when the position moves: every committed change moves it. */
    @Test
    void thePositionMovesWithEveryCommittedChange() {
        CatalogServiceGrpc.CatalogServiceBlockingStub viewer = stub(TestTokens.token("viewer"));
        long before = viewer.getCatalogPosition(GetCatalogPositionRequest.getDefaultInstance()).getAuditPosition();
        assertEquals(before, viewer.getCatalogPosition(GetCatalogPositionRequest.getDefaultInstance()).getAuditPosition(),
                "no change, same position");
        try (jakarta.ws.rs.core.Response created = target.path("/api/catalog/families").request()
                .header("Authorization", TestTokens.bearer("team"))
                .post(jakarta.ws.rs.client.Entity.json("""
                        {"name": "position-test/%d", "task": "text-embedding", "owner": "t", "license": "MIT",
                         "description": "moves the position"}""".formatted(System.nanoTime())))) {
            assertEquals(201, created.getStatus(), () -> created.readEntity(String.class));
        }
        long after = viewer.getCatalogPosition(GetCatalogPositionRequest.getDefaultInstance()).getAuditPosition();
        assertTrue(after > before, before + " → " + after);
    }

    private CatalogServiceGrpc.CatalogServiceBlockingStub stub(String token) {
        URI uri = URI.create("http://localhost:" + target.getUri().getPort());
        channels.add(ServiceChannel.open(uri, () -> token));
        return CatalogServiceGrpc.newBlockingStub(channels.getLast().channel());
    }
}
