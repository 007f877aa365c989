package dev.inferplan.catalog.reviews;

import java.net.URI;
import java.util.List;

import dev.inferplan.platform.security.Roles;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The discussion around a version's review. */
@Path("/catalog/versions/{id}/comments")
@RequestScoped
@Tag(name = "reviews")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.TEAM, Roles.REVIEWER, Roles.ADMIN, Roles.RUNNER})
public class CommentResource {

    private final Reviews reviews;

    @Inject
    public CommentResource(Reviews reviews) {
        this.reviews = reviews;
    }

    public record NewComment(String body) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.TEAM, Roles.REVIEWER, Roles.ADMIN})
    @Operation(summary = "Comment on the version's review")
    public Response comment(@PathParam("id") long id, NewComment request, @Context SecurityContext security) {
        Reviews.CommentView created = reviews.comment(id, request == null ? null : request.body(),
                security.getUserPrincipal().getName());
        return Response.created(URI.create("/api/catalog/versions/" + id + "/comments/" + created.id()))
                .entity(created).build();
    }

    @GET
    @Operation(summary = "The version's review comments, oldest first")
    public List<Reviews.CommentView> comments(@PathParam("id") long id) {
        return reviews.comments(id);
    }
}
