package dev.inferplan.recommender.upstreams;

import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.inferplan.contracts.grpc.catalog.CatalogServiceGrpc;
import dev.inferplan.contracts.grpc.catalog.ListTasksRequest;
import dev.inferplan.contracts.grpc.catalog.Task;
import dev.inferplan.platform.grpc.ServiceChannel;
import dev.inferplan.platform.security.CallerToken;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

/**
 * The recommender's one client of catalog-service (gRPC). Every call carries the caller's token
 * and a deadline ({@code catalog.client.timeout-ms}); a catalog that keeps failing opens the
 * circuit so requests fail fast instead of queueing behind it.
 */
@ApplicationScoped
public class CatalogClient {

    private final CatalogServiceGrpc.CatalogServiceBlockingStub stub;
    private final long timeoutMs;
    private final URI uri;
    private final ServiceChannel channel;

    @Inject
    public CatalogClient(@ConfigProperty(name = "catalog.grpc.uri") URI uri,
                         @ConfigProperty(name = "catalog.client.timeout-ms") long timeoutMs,
                         CallerToken callerToken) {
        this.uri = uri;
        this.timeoutMs = timeoutMs;
        this.channel = ServiceChannel.open(uri, callerToken::raw);
        this.stub = CatalogServiceGrpc.newBlockingStub(channel.channel());
    }

    @PreDestroy
    void close() {
        channel.close();
    }

    public URI uri() {
        return uri;
    }

    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5000)
    public List<String> taskNames() {
        return stub.withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS)
                .listTasks(ListTasksRequest.getDefaultInstance())
                .getTasksList().stream()
                .map(Task::getName)
                .toList();
    }
}
