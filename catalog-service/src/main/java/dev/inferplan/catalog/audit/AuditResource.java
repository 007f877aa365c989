package dev.inferplan.catalog.audit;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.inferplan.platform.problem.Problem.FieldError;
import dev.inferplan.platform.problem.ProblemException;
import dev.inferplan.platform.security.Roles;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit log, read-only: only GET is served here, so PUT, PATCH and DELETE answer 405. */
@Path("/catalog/audit")
@RequestScoped
@Tag(name = "audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.TEAM, Roles.REVIEWER, Roles.ADMIN})
public class AuditResource {

    private static final int MAX_SIZE = 500;

    private final AuditLog log;

    @Inject
    public AuditResource(AuditLog log) {
        this.log = log;
    }

    public record AuditView(long id, String entityType, String entityId, Long modelVersionId, String action,
                            String actor, Instant at, JsonValue before, JsonValue after) {
        static AuditView of(AuditEntry entry) {
            return new AuditView(entry.id(), entry.entityType(), entry.entityId(), entry.modelVersionId(),
                    entry.action(), entry.actor(), entry.occurredAt(), parse(entry.beforeJson()),
                    parse(entry.afterJson()));
        }

        private static JsonValue parse(String json) {
            if (json == null) {
                return null;
            }
            try (JsonReader reader = Json.createReader(new StringReader(json))) {
                return reader.readValue();
            }
        }
    }

    public record AuditPage(List<AuditView> items, int page, int size, long total) {
    }

    @GET
    @Operation(summary = "Audit entries of an entity (entityType and entityId) or of everything about a model version")
    public AuditPage find(@QueryParam("entityType") String entityType,
                          @QueryParam("entityId") String entityId,
                          @QueryParam("modelVersion") Long modelVersion,
                          @QueryParam("page") @DefaultValue("0") int page,
                          @QueryParam("size") @DefaultValue("100") int size) {
        if (page < 0 || size < 1 || size > MAX_SIZE) {
            throw ProblemException.badRequest("Bad paging.", FieldError.field("size", "1.." + MAX_SIZE + ", page ≥ 0"));
        }
        AuditLog.Query query = new AuditLog.Query(Optional.ofNullable(entityType).filter(s -> !s.isBlank()),
                Optional.ofNullable(entityId).filter(s -> !s.isBlank()), Optional.ofNullable(modelVersion));
        return new AuditPage(log.find(query, page * size, size).stream().map(AuditView::of).toList(), page, size,
                log.count(query));
    }
}
