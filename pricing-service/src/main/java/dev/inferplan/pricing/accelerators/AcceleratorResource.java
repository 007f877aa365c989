package dev.inferplan.pricing.accelerators;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.inferplan.contracts.accelerators.Accelerator;
import dev.inferplan.contracts.accelerators.AcceleratorVocabulary;
import dev.inferplan.platform.problem.Problem;
import dev.inferplan.platform.problem.ProblemException;
import dev.inferplan.platform.security.Roles;
import dev.inferplan.pricing.book.UnmappedOffers;
import dev.inferplan.pricing.book.ProviderLocks;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
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

/** The accelerator vocabulary imports resolve names with: read by everyone, extended by admins. */
@Path("/pricing/accelerators")
@RequestScoped
@Tag(name = "accelerators")
@Produces(MediaType.APPLICATION_JSON)
public class AcceleratorResource {

    private final AcceleratorDefinitions definitions;
    private final UnmappedOffers unmapped;
    private final ProviderLocks locks;

    @Inject
    public AcceleratorResource(AcceleratorDefinitions definitions, UnmappedOffers publisher, ProviderLocks locks) {
        this.definitions = definitions;
        this.unmapped = publisher;
        this.locks = locks;
    }

    public record AcceleratorView(String id, String vendor, String displayName, Double memoryGib, String kind,
                                  List<String> aliases, boolean added) {
        static AcceleratorView of(AcceleratorVocabulary.Definition definition, boolean added) {
            Accelerator a = definition.accelerator();
            return new AcceleratorView(a.id().id(), a.vendor(), a.displayName(), a.memoryGibPerDevice(), a.kind().name(),
                    definition.aliases(), added);
        }
    }

    /** One version that re-labelled a provider's unmapped offers after the addition. */
    public record RelabelView(String provider, long priceBookVersion, long previousVersion, long offersRelabelled) {
    }

    public record Added(AcceleratorView accelerator, List<RelabelView> relabelled) {
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.TEAM, Roles.REVIEWER, Roles.ADMIN, Roles.RUNNER})
    @Operation(summary = "Every accelerator the imports know, with the names they answer to; added=true for an admin's")
    public List<AcceleratorView> list() {
        Set<String> standard = AcceleratorVocabulary.standard().all().stream().map(a -> a.id().id())
                .collect(Collectors.toSet());
        return definitions.vocabulary().definitions().stream()
                .map(d -> AcceleratorView.of(d, !standard.contains(d.accelerator().id().id()))).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Add an accelerator {id, aliases, vendor, memoryGib, kind[, displayName]}",
            description = "Audited. Refused (409) when its id or a name collides with an existing accelerator. The next"
                    + " import resolves its names; offers imported earlier under an unmapped: name it now resolves are"
                    + " re-labelled in a new version of their provider's book.")
    @APIResponse(responseCode = "201", description = "Added", content = @Content(schema = @Schema(implementation = Added.class)))
    @APIResponse(responseCode = "409", description = "Collides with an existing id or name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response add(AcceleratorDefinitions.NewAccelerator request, @Context SecurityContext security) {
        if (request == null) {
            throw ProblemException.badRequest("A JSON body {id, aliases, vendor, memoryGib, kind} is required.",
                    Problem.FieldError.field("id", "required"));
        }
        String by = security.getUserPrincipal().getName();
        AcceleratorVocabulary.Definition added = definitions.add(request, by);
        AcceleratorVocabulary vocabulary = definitions.vocabulary();
        List<RelabelView> relabelled = new ArrayList<>();
        for (String provider : unmapped.providersWithUnmappedOffers()) {
            locks.ensure(provider);
            unmapped.relabel(provider, vocabulary, by).ifPresent(r -> relabelled.add(new RelabelView(r.provider(),
                    r.versionId(), r.previousVersionId(), r.offersRelabelled())));
        }
        return Response.created(URI.create("/api/pricing/accelerators/" + added.accelerator().id()))
                .entity(new Added(AcceleratorView.of(added, true), relabelled)).build();
    }

    @GET
    @Path("/audit")
    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
    @Operation(summary = "Who added which accelerator, when")
    public List<AcceleratorDefinitions.AuditEntry> audit() {
        return definitions.audit("accelerator");
    }

}
