package dev.inferplan.catalog.families;

import java.net.URI;
import java.util.Optional;

import dev.inferplan.platform.problem.Problem;
import dev.inferplan.platform.security.Roles;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Model families: teams register and update them; everyone reads. */
@Path("/catalog/families")
@RequestScoped
@Tag(name = "families")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.TEAM, Roles.REVIEWER, Roles.ADMIN, Roles.RUNNER})
public class FamilyResource {

    private final ModelFamilies families;

    @Inject
    public FamilyResource(ModelFamilies families) {
        this.families = families;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.TEAM, Roles.ADMIN})
    @Operation(summary = "Register a model family")
    @APIResponse(responseCode = "201", description = "Registered",
            content = @Content(schema = @Schema(implementation = FamilyView.class)))
    @APIResponse(responseCode = "422", description = "Missing or invalid fields, unknown task, duplicate name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response register(@Valid @NotNull(message = "a model family is required") ModelFamilies.NewFamily request,
                             @Context SecurityContext security) {
        FamilyView family = families.register(request, security.getUserPrincipal().getName());
        return Response.created(URI.create("/api/catalog/families/" + family.id())).entity(family).build();
    }

    @GET
    @Operation(summary = "List families, by name, optionally of one task")
    public ModelFamilies.FamilyPage list(@QueryParam("task") String task,
                                         @QueryParam("page") @DefaultValue("0") @Min(value = 0, message = "0 or more") int page,
                                         @QueryParam("size") @DefaultValue("50") @Min(value = 1, message = "1..500")
                                         @Max(value = 500, message = "1..500") int size) {
        return families.list(Optional.ofNullable(task).filter(t -> !t.isBlank()), page, size);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One family")
    public FamilyView byId(@PathParam("id") long id) {
        return families.byId(id);
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.TEAM, Roles.ADMIN})
    @Operation(summary = "Change owner, description or licence; quote the revision you read")
    @APIResponse(responseCode = "409", description = "Stale revision; the body's 'current' is the family as it is now",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "No revision quoted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public FamilyView update(@PathParam("id") long id, @Valid ModelFamilies.FamilyChanges changes,
                             @Context SecurityContext security) {
        ModelFamilies.FamilyChanges body = changes == null ? new ModelFamilies.FamilyChanges(null, null, null, null) : changes;
        return families.update(id, body, security.getUserPrincipal().getName());
    }
}
