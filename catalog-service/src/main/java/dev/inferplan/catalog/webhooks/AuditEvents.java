package dev.inferplan.catalog.webhooks;

import java.io.StringReader;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

/**
 * Which audit entries subscribers hear of, and what they are told: a version's STATUS_CHANGED, a
 * benchmark job entry whose status differs before and after (or a new job), a drift flag. Everything
 * the catalog changes is in the audit log in the change's own transaction, so the log is the outbox.
 */
public final class AuditEvents {

    private AuditEvents() {
    }

    /** One audit entry as read back. */
    public record Entry(long id, String entityType, String entityId, Long modelVersionId, String action, String actor,
                        Instant at, String beforeJson, String afterJson) {
    }

    /** The body a receiver gets. */
    public record Payload(String event, long auditEntryId, String entityType, String entityId, Long modelVersionId,
                          String action, String from, String to, String reason, String actor, Instant at) {
    }

    public static Optional<Payload> of(Entry e) {
        switch (e.entityType()) {
            case "version" -> {
                if (!"STATUS_CHANGED".equals(e.action())) {
                    return Optional.empty();
                }
                return Optional.of(payload(WebhookEvent.VERSION_STATUS_CHANGED, e, status(e.beforeJson()),
                        status(e.afterJson()), null));
            }
            case "benchmark-job" -> {
                String from = status(e.beforeJson());
                // An expired lease is recorded without the job after it: re-queued, or failed once attempts are spent.
                String to = Optional.ofNullable(status(e.afterJson())).orElse(switch (e.action()) {
                    case "FAILED" -> "FAILED";
                    case "LEASE_EXPIRED" -> "QUEUED";
                    default -> null;
                });
                if (to == null || Objects.equals(from, to)) {
                    return Optional.empty();
                }
                return Optional.of(payload(WebhookEvent.JOB_STATE_CHANGED, e, from, to, null));
            }
            case "review-flag" -> {
                return Optional.of(payload(WebhookEvent.REVIEW_SUGGESTED, e, null, null, string(e.afterJson(), "reason")));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private static Payload payload(WebhookEvent event, Entry e, String from, String to, String reason) {
        return new Payload(event.name(), e.id(), e.entityType(), e.entityId(), e.modelVersionId(), e.action(), from, to,
                reason, e.actor(), e.at());
    }

    private static String status(String json) {
        return string(json, "status");
    }

    private static String string(String json, String key) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                return null;
            }
            JsonObject object = value.asJsonObject();
            return object.containsKey(key) && object.get(key).getValueType() == JsonValue.ValueType.STRING
                    ? object.getString(key) : null;
        }
    }
}
