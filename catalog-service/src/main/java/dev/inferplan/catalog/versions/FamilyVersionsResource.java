package dev.inferplan.catalog.versions;

import java.net.URI;
import java.util.Optional;

import dev.inferplan.platform.problem.Problem;
import dev.inferplan.platform.security.Roles;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
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

/** The versions of one family: teams register them here. */
@Path("/catalog/families/{familyId}/versions")
@RequestScoped
@Tag(name = "versions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.TEAM, Roles.REVIEWER, Roles.ADMIN, Roles.RUNNER})
public class FamilyVersionsResource {

    private final ModelVersions versions;
    private final VersionIndex reads;

    @Inject
    public FamilyVersionsResource(ModelVersions versions, VersionIndex reads) {
        this.versions = versions;
        this.reads = reads;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.TEAM, Roles.ADMIN})
    @Operation(summary = "Register a version of the family (status PROPOSED)")
    @APIResponse(responseCode = "201", description = "Registered",
            content = @Content(schema = @Schema(implementation = VersionView.class)))
    @APIResponse(responseCode = "422", description = "Invalid label, artifact or lineage; duplicate label in the family",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response register(@PathParam("familyId") long familyId, ModelVersions.NewVersion request,
                             @Context SecurityContext security) {
        ModelVersions.NewVersion body = request == null ? new ModelVersions.NewVersion(null, null, null) : request;
        VersionView version = versions.register(familyId, body, security.getUserPrincipal().getName());
        return Response.created(URI.create("/api/catalog/versions/" + version.id())).entity(version).build();
    }

    @GET
    @Operation(summary = "The family's versions, newest first")
    public VersionIndex.Page list(@PathParam("familyId") long familyId,
                                      @QueryParam("page") @DefaultValue("0") int page,
                                      @QueryParam("size") @DefaultValue("50") int size) {
        VersionQuery query = VersionResource.query(null, null, null, null, null, null, null, "-id", page, size);
        return reads.search(new VersionQuery(query.task(), query.tier(), query.status(), query.text(),
                Optional.of(familyId), query.metric(), query.minValue(), query.maxValue(), query.sort(), page, size));
    }
}
