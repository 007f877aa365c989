package dev.inferplan.pricing.book;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.inferplan.platform.security.Roles;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The history of the price book, newest first. */
@Path("/pricing/versions")
@RequestScoped
@Tag(name = "versions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.TEAM, Roles.REVIEWER, Roles.ADMIN, Roles.RUNNER})
public class VersionResource {

    private final PriceBookVersions versions;
    private final VersionDiff diff;

    @Inject
    public VersionResource(PriceBookVersions versions, VersionDiff diff) {
        this.versions = versions;
        this.diff = diff;
    }

    @GET
    @Path("/{id}/diff")
    @Operation(summary = "What changed against the version this one superseded: added, removed, prices up and down")
    public VersionDiff.Diff diff(@PathParam("id") long id, @QueryParam("limit") @DefaultValue("200") int limit) {
        return diff.diff(id, Math.max(0, Math.min(limit, 10_000)));
    }

    @GET
    @Transactional
    @Operation(summary = "Price-book versions, newest first; current ones have no supersededAt")
    public List<VersionView> list(@QueryParam("provider") String provider) {
        return versions.history(Optional.ofNullable(provider)).stream().map(VersionView::of).toList();
    }

    public record VersionView(long id, String provider, String format, String sourceName, String sourceSha256,
                              int offerCount, Instant createdAt, Instant supersededAt, String importedBy) {
        static VersionView of(PriceBookVersion v) {
            return new VersionView(v.id(), v.provider(), v.format(), v.sourceName(), v.sourceSha256(), v.offerCount(),
                    v.createdAt(), v.supersededAt(), v.importedBy());
        }
    }
}
