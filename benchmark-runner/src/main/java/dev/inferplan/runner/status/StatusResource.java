package dev.inferplan.runner.status;

import dev.inferplan.platform.security.Roles;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What the runner is doing: leasing or not (and why), the job and point in progress with its ETA. */
@Path("/runner/status")
@RequestScoped
@Tag(name = "status")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {

    private final RunnerStatus status;

    @Inject
    public StatusResource(RunnerStatus status) {
        this.status = status;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.TEAM, Roles.REVIEWER, Roles.ADMIN, Roles.RUNNER})
    @Operation(summary = "Leasing state, the current job and point (i of n, percent, ETA), counts since start")
    public RunnerStatus.Snapshot status() {
        return status.snapshot();
    }
}
