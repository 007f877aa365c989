package dev.inferplan.catalog.grpc;

import dev.inferplan.catalog.tasks.TaskRegistry;
import dev.inferplan.contracts.grpc.catalog.CatalogServiceGrpc;
import dev.inferplan.contracts.grpc.catalog.ListTasksRequest;
import dev.inferplan.contracts.grpc.catalog.ListTasksResponse;
import dev.inferplan.contracts.grpc.catalog.Task;
import dev.inferplan.platform.grpc.GrpcAuthentication;
import dev.inferplan.platform.security.Roles;

import io.grpc.BindableService;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.StreamObserver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The recommender's gRPC view of the catalog: an adapter over the same domain methods as the
 * REST resources. Methods not yet served answer UNIMPLEMENTED (grpc-java's default).
 */
@ApplicationScoped
public class CatalogGrpcService implements CatalogServiceGrpc.AsyncService, BindableService {

    private final TaskRegistry tasks;
    private final GrpcAuthentication authentication;

    @Inject
    public CatalogGrpcService(TaskRegistry tasks, GrpcAuthentication authentication) {
        this.tasks = tasks;
        this.authentication = authentication;
    }

    @Override
    public ServerServiceDefinition bindService() {
        return ServerInterceptors.intercept(CatalogServiceGrpc.bindService(this),
                authentication.requireAnyRole(Roles.VIEWER, Roles.TEAM, Roles.REVIEWER, Roles.ADMIN, Roles.RUNNER));
    }

    @Override
    public void listTasks(ListTasksRequest request, StreamObserver<ListTasksResponse> response) {
        ListTasksResponse.Builder tasksResponse = ListTasksResponse.newBuilder();
        tasks.list().forEach(task -> tasksResponse.addTasks(
                Task.newBuilder().setName(task.name()).setDescription(task.description())));
        response.onNext(tasksResponse.build());
        response.onCompleted();
    }
}
