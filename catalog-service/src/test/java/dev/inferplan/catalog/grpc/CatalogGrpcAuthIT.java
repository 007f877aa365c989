package dev.inferplan.catalog.grpc;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import dev.inferplan.contracts.grpc.catalog.CatalogServiceGrpc;
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

    @Test
    void tokenWithoutAKnownRoleIsPermissionDenied() {
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                () -> stub(TestTokens.token("guest")).listTasks(ListTasksRequest.getDefaultInstance()));
        assertEquals(Status.Code.PERMISSION_DENIED, refused.getStatus().getCode());
    }

    private CatalogServiceGrpc.CatalogServiceBlockingStub stub(String token) {
        URI uri = URI.create("http://localhost:" + target.getUri().getPort());
        channels.add(ServiceChannel.open(uri, () -> token));
        return CatalogServiceGrpc.newBlockingStub(channels.getLast().channel());
    }
}
