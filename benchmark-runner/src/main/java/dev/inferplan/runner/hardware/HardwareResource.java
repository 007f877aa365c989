package dev.inferplan.runner.hardware;

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

/** The hardware this runner measures on. Operators and the runner role read it; teams see it in results. */
@Path("/runner/hardware")
@RequestScoped
@Tag(name = "hardware")
@Produces(MediaType.APPLICATION_JSON)
public class HardwareResource {

    private final HardwareProbe probe;

    @Inject
    public HardwareResource(HardwareProbe probe) {
        this.probe = probe;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.RUNNER, Roles.REVIEWER})
    @Operation(summary = "The hardware this runner detected (CPU, memory, GPUs via nvidia-smi)")
    public Hardware hardware() {
        return probe.detect();
    }
}
