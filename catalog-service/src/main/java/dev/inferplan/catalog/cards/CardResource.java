package dev.inferplan.catalog.cards;

import dev.inferplan.platform.security.Roles;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The model card of a version, as JSON (default) or Markdown ({@code Accept: text/markdown}). */
@Path("/catalog/versions/{id}/card")
@RequestScoped
@Tag(name = "cards")
@RolesAllowed({Roles.VIEWER, Roles.TEAM, Roles.REVIEWER, Roles.ADMIN, Roles.RUNNER})
public class CardResource {

    static final String MARKDOWN = "text/markdown";

    private final ModelCards cards;

    @Inject
    public CardResource(ModelCards cards) {
        this.cards = cards;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The model card as JSON")
    public ModelCard json(@PathParam("id") long id) {
        return cards.card(id);
    }

    // qs < 1: a client that accepts anything gets JSON.
    @GET
    @Produces(MARKDOWN + ";qs=0.5")
    @Operation(summary = "The model card as Markdown")
    public String markdown(@PathParam("id") long id) {
        return ModelCardMarkdown.render(cards.card(id));
    }
}
