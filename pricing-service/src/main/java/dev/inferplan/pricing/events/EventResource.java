package dev.inferplan.pricing.events;

import dev.inferplan.platform.problem.Problem.FieldError;
import dev.inferplan.platform.problem.ProblemException;
import dev.inferplan.platform.security.Roles;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The price book's change log, read after a position. */
@Path("/pricing/events")
@RequestScoped
@Tag(name = "events")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.TEAM, Roles.REVIEWER, Roles.ADMIN, Roles.RUNNER})
public class EventResource {

    private static final int MAX_LIMIT = 1000;

    private final PriceBookEvents events;

    @Inject
    public EventResource(PriceBookEvents events) {
        this.events = events;
    }

    @GET
    @Operation(summary = "PRICE_BOOK_CHANGED events after a position, oldest first, each with its diff summary",
            description = "Keep the returned position and ask after it next time: every change is seen once, in order.")
    public PriceBookEvents.Page after(@QueryParam("after") @DefaultValue("0") String after,
                                      @QueryParam("limit") @DefaultValue("100") String limit) {
        long position;
        int size;
        try {
            position = Long.parseLong(after.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("after is not a position.", FieldError.field("after", "an integer ≥ 0"));
        }
        try {
            size = Integer.parseInt(limit.strip());
        } catch (NumberFormatException e) {
            size = -1;
        }
        if (position < 0) {
            throw ProblemException.badRequest("after is not a position.", FieldError.field("after", "an integer ≥ 0"));
        }
        if (size < 1 || size > MAX_LIMIT) {
            throw ProblemException.badRequest("Bad limit.", FieldError.field("limit", "1.." + MAX_LIMIT));
        }
        return events.after(position, size);
    }
}
