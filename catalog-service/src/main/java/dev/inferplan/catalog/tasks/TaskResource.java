package dev.inferplan.catalog.tasks;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import dev.inferplan.platform.problem.Problem;
import dev.inferplan.platform.security.Roles;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The task vocabulary: any signed-in user reads it; reviewers and admins extend it. */
@Path("/catalog/tasks")
@RequestScoped
@Tag(name = "tasks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.TEAM, Roles.REVIEWER, Roles.ADMIN, Roles.RUNNER})
public class TaskResource {

    private final TaskRegistry registry;

    @Inject
    public TaskResource(TaskRegistry registry) {
        this.registry = registry;
    }

    @GET
    @Operation(summary = "List the registered tasks")
    public List<TaskView> list() {
        return registry.list().stream().map(TaskView::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
    @Operation(summary = "Register a task")
    @APIResponse(responseCode = "201", description = "Registered",
            content = @Content(schema = @Schema(implementation = TaskView.class)))
    @APIResponse(responseCode = "409", description = "Already registered",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Invalid name or description",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response register(NewTask request, @Context SecurityContext security) {
        NewTask body = request == null ? new NewTask(null, null) : request;
        Task task = registry.register(body.name(), body.description(), security.getUserPrincipal().getName());
        return Response.created(URI.create("/api/catalog/tasks/" + task.name())).entity(TaskView.of(task)).build();
    }

    public record NewTask(String name, String description) {
    }

    public record TaskView(String name, String description, Instant createdAt, String createdBy) {
        static TaskView of(Task task) {
            return new TaskView(task.name(), task.description(), task.createdAt(), task.createdBy());
        }
    }
}
