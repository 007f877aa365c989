package dev.inferplan.catalog.webhooks;

import java.net.URI;
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
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Webhook subscriptions (admin) and their delivery log. */
@Path("/catalog/webhooks")
@RequestScoped
@Tag(name = "webhooks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class WebhookResource {

    private final Webhooks webhooks;

    @Inject
    public WebhookResource(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Subscribe {url, events: [VERSION_STATUS_CHANGED, JOB_STATE_CHANGED, REVIEW_SUGGESTED], secret}")
    @APIResponse(responseCode = "201", description = "Subscribed",
            content = @Content(schema = @Schema(implementation = Webhooks.WebhookView.class)))
    @APIResponse(responseCode = "422", description = "A URL the rules refuse, an unknown event, a short secret",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response register(Webhooks.NewWebhook request, @Context SecurityContext security) {
        Webhooks.WebhookView created = webhooks.register(request, security.getUserPrincipal().getName());
        return Response.created(URI.create("/api/catalog/webhooks/" + created.id())).entity(created).build();
    }

    @GET
    @Operation(summary = "The subscriptions (without their secrets)")
    public List<Webhooks.WebhookView> list() {
        return webhooks.list();
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(summary = "The delivery log: each delivery with its status and every attempt")
    public List<Webhooks.DeliveryView> deliveries(@PathParam("id") long id) {
        return webhooks.deliveries(id);
    }
}
