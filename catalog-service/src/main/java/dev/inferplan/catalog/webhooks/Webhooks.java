package dev.inferplan.catalog.webhooks;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.inferplan.catalog.audit.AuditLog;
import dev.inferplan.catalog.persistence.Rows;
import dev.inferplan.contracts.artifacts.ArtifactUriPolicy;
import dev.inferplan.platform.persistence.SharedEntityManager;
import dev.inferplan.platform.problem.Problem.FieldError;
import dev.inferplan.platform.problem.ProblemException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.Config;

/**
 * Webhook subscriptions and their delivery log. Registration checks the URL by the rules artifact
 * URIs follow, under {@code catalog.webhooks.*} (schemes, https only by default; hosts, any by
 * default; internal addresses only inside allowed networks), and the sender checks the addresses
 * again at each attempt. Deliveries are rows: made from the audit log in the transaction that
 * advances the position, retried with back-off, every attempt kept.
 */
@ApplicationScoped
public class Webhooks {

    static final String CURSOR = "webhooks-audit";
    public static final String AUDIT_TYPE = "webhook";

    private final ArtifactUriPolicy rules;
    private final AuditLog audit;
    private final Jsonb jsonb = JsonbBuilder.create();
    private final Clock clock = Clock.systemUTC();

    @Inject
    @SharedEntityManager
    private EntityManager entityManager;

    @Inject
    public Webhooks(Config config, AuditLog audit) {
        this.audit = audit;
        this.rules = ArtifactUriPolicy.of("catalog.webhooks",
                config.getOptionalValues("catalog.webhooks.schemes", String.class).orElse(List.of("https")), List.of(),
                config.getOptionalValues("catalog.webhooks.hosts", String.class).orElse(List.of(ArtifactUriPolicy.ANY_HOST)),
                config.getOptionalValues("catalog.webhooks.allowed-networks", String.class).orElse(List.of()), 1);
    }

    public record NewWebhook(String url, List<String> events, String secret) {
    }

    /** A subscription as the API shows it (never its secret). */
    public record WebhookView(long id, String url, List<String> events, String createdBy, Instant createdAt) {
    }

    public record AttemptView(int attempt, Instant at, Integer statusCode, String error) {
    }

    public record DeliveryView(long id, long webhookId, String event, long auditEntryId, String status, int attempts,
                               Instant nextAttemptAt, Instant createdAt, Instant deliveredAt, List<AttemptView> log) {
    }

    /** A delivery claimed for an attempt: where, what, with which key. */
    record Due(long deliveryId, long webhookId, String url, String secret, String event, String payload, int attempts) {
    }

    ArtifactUriPolicy rules() {
        return rules;
    }

    @Transactional
    public WebhookView register(NewWebhook request, String actor) {
        List<FieldError> errors = new ArrayList<>();
        String url = request == null || request.url() == null ? "" : request.url().strip();
        if (url.isEmpty() || url.length() > 2000) {
            errors.add(FieldError.field("url", "the receiver's URL (at most 2000 characters)"));
        } else {
            try {
                rules.check(new URI(url));
            } catch (URISyntaxException e) {
                errors.add(FieldError.field("url", "not a URI"));
            } catch (ArtifactUriPolicy.Refused e) {
                errors.add(FieldError.field("url", e.getMessage()));
            }
        }
        Set<String> events = new LinkedHashSet<>();
        if (request == null || request.events() == null || request.events().isEmpty()) {
            errors.add(FieldError.field("events", "one or more of " + Arrays.toString(WebhookEvent.values())));
        } else {
            for (int i = 0; i < request.events().size(); i++) {
                Optional<WebhookEvent> event = WebhookEvent.parse(request.events().get(i));
                if (event.isEmpty()) {
                    errors.add(FieldError.field("events[" + i + "]", "one of " + Arrays.toString(WebhookEvent.values())));
                } else {
                    events.add(event.get().name());
                }
            }
        }
        String secret = request == null || request.secret() == null ? "" : request.secret();
        if (secret.length() < 16 || secret.length() > 256) {
            errors.add(FieldError.field("secret", "the signing key: 16 to 256 characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("The webhook is not valid.", errors);
        }
        Instant now = clock.instant();
        long id = Rows.insert(entityManager.unwrap(Connection.class), "INSERT INTO webhook (url, events, secret, created_by,"
                + " created_at) VALUES (?, ?, ?, ?, ?)", url, String.join(",", events), secret, actor, now);
        WebhookView created = new WebhookView(id, url, List.copyOf(events), actor, now);
        audit.append(new AuditLog.Change(AUDIT_TYPE, Long.toString(id), null, "CREATED", actor, now, null, created));
        return created;
    }

    @Transactional
    public List<WebhookView> list() {
        List<WebhookView> views = new ArrayList<>();
        for (Object row : entityManager.createNativeQuery("SELECT id, url, events, created_by, created_at FROM webhook"
                + " ORDER BY id").getResultList()) {
            Object[] r = (Object[]) row;
            views.add(new WebhookView(number(r[0]), (String) r[1], List.of(((String) r[2]).split(",")), (String) r[3],
                    instant(r[4])));
        }
        return views;
    }

    @Transactional
    public List<DeliveryView> deliveries(long webhookId) {
        if (entityManager.createNativeQuery("SELECT id FROM webhook WHERE id = ?").setParameter(1, webhookId)
                .getResultList().isEmpty()) {
            throw ProblemException.notFound("Webhook " + webhookId);
        }
        List<Object[]> attempts = rows(entityManager.createNativeQuery("SELECT a.delivery_id, a.attempt, a.attempted_at,"
                + " a.status_code, a.error FROM webhook_attempt a JOIN webhook_delivery d ON d.id = a.delivery_id"
                + " WHERE d.webhook_id = ? ORDER BY a.delivery_id, a.attempt").setParameter(1, webhookId).getResultList());
        List<DeliveryView> views = new ArrayList<>();
        for (Object[] r : rows(entityManager.createNativeQuery("SELECT id, webhook_id, event, audit_entry_id, status,"
                + " attempts, next_attempt_at, created_at, delivered_at FROM webhook_delivery WHERE webhook_id = ?"
                + " ORDER BY id").setParameter(1, webhookId).getResultList())) {
            long id = number(r[0]);
            List<AttemptView> log = attempts.stream().filter(a -> number(a[0]) == id).map(a -> new AttemptView(
                    (int) number(a[1]), instant(a[2]), a[3] == null ? null : (int) number(a[3]), (String) a[4])).toList();
            views.add(new DeliveryView(id, number(r[1]), (String) r[2], number(r[3]), (String) r[4], (int) number(r[5]),
                    instant(r[6]), instant(r[7]), instant(r[8]), log));
        }
        return views;
    }

    /**
     * Turns the audit entries after the position (those at least {@code settle} old) into deliveries
     * for every subscribed webhook and advances the position, in one transaction that first locks the
     * position's row: two instances never both enqueue an entry.
     */
    @Transactional
    public int enqueueFromAudit(Duration settle, int limit) {
        Connection connection = entityManager.unwrap(Connection.class);
        Rows.update(connection, "UPDATE event_cursor SET position = position WHERE name = ?", CURSOR);
        long position = number(entityManager.createNativeQuery("SELECT position FROM event_cursor WHERE name = ?")
                .setParameter(1, CURSOR).getSingleResult());
        Instant now = clock.instant();
        List<Object[]> entries = rows(entityManager.createNativeQuery("SELECT id, entity_type, entity_id, model_version_id,"
                        + " action, actor, occurred_at, before_json, after_json FROM audit_entry WHERE id > ?"
                        + " AND occurred_at <= ? ORDER BY id").setParameter(1, position)
                .setParameter(2, Timestamp.from(now.minus(settle))).setMaxResults(limit).getResultList());
        if (entries.isEmpty()) {
            return 0;
        }
        int read = entries.size();
        List<Object[]> hooks = rows(entityManager.createNativeQuery("SELECT id, events FROM webhook").getResultList());
        long last = position;
        for (Object[] r : entries) {
            AuditEvents.Entry entry = new AuditEvents.Entry(number(r[0]), (String) r[1], (String) r[2],
                    r[3] == null ? null : number(r[3]), (String) r[4], (String) r[5], instant(r[6]), text(r[7]), text(r[8]));
            last = entry.id();
            Optional<AuditEvents.Payload> payload = AuditEvents.of(entry);
            if (payload.isEmpty()) {
                continue;
            }
            String body = jsonb.toJson(payload.get());
            for (Object[] hook : hooks) {
                if (List.of(((String) hook[1]).split(",")).contains(payload.get().event())) {
                    Rows.insert(connection, "INSERT INTO webhook_delivery (webhook_id, event, audit_entry_id, payload,"
                                    + " status, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, 'PENDING', 0, ?, ?)",
                            number(hook[0]), payload.get().event(), entry.id(), body, now, now);
                }
            }
        }
        Rows.update(connection, "UPDATE event_cursor SET position = ? WHERE name = ?", last, CURSOR);
        return read;
    }

    /**
     * Deliveries due now, each claimed by moving its next attempt past the sender's time limit (another
     * instance then leaves it alone; one whose sender died is due again after that).
     */
    @Transactional
    List<Due> claimDue(int limit, Duration claimFor) {
        Instant now = clock.instant();
        List<Due> due = new ArrayList<>();
        for (Object[] r : rows(entityManager.createNativeQuery("SELECT d.id, d.webhook_id, w.url, w.secret, d.event,"
                        + " d.payload, d.attempts, d.next_attempt_at FROM webhook_delivery d JOIN webhook w ON w.id = d.webhook_id"
                        + " WHERE d.status = 'PENDING' AND d.next_attempt_at <= ? ORDER BY d.next_attempt_at, d.id")
                .setParameter(1, Timestamp.from(now)).setMaxResults(limit).getResultList())) {
            int claimed = Rows.update(entityManager.unwrap(Connection.class), "UPDATE webhook_delivery SET next_attempt_at = ?"
                    + " WHERE id = ? AND status = 'PENDING' AND next_attempt_at = ?", now.plus(claimFor), number(r[0]),
                    instant(r[7]));
            if (claimed == 1) {
                due.add(new Due(number(r[0]), number(r[1]), (String) r[2], (String) r[3], (String) r[4], text(r[5]),
                        (int) number(r[6])));
            }
        }
        return due;
    }

    /** Records an attempt: delivered, retried after {@code retryAfter}, or FAILED when no retry is left. */
    @Transactional
    void attempted(Due due, Integer statusCode, String error, boolean delivered, Optional<Duration> retryAfter) {
        Instant now = clock.instant();
        Connection connection = entityManager.unwrap(Connection.class);
        int attempt = due.attempts() + 1;
        Rows.insert(connection, "INSERT INTO webhook_attempt (delivery_id, attempt, attempted_at, status_code, error)"
                + " VALUES (?, ?, ?, ?, ?)", due.deliveryId(), attempt, now, statusCode,
                error == null ? null : error.length() > 500 ? error.substring(0, 500) : error);
        if (delivered) {
            Rows.update(connection, "UPDATE webhook_delivery SET status = 'DELIVERED', attempts = ?, next_attempt_at = NULL,"
                    + " delivered_at = ? WHERE id = ?", attempt, now, due.deliveryId());
        } else if (retryAfter.isPresent()) {
            Rows.update(connection, "UPDATE webhook_delivery SET attempts = ?, next_attempt_at = ? WHERE id = ?", attempt,
                    now.plus(retryAfter.get()), due.deliveryId());
        } else {
            Rows.update(connection, "UPDATE webhook_delivery SET status = 'FAILED', attempts = ?, next_attempt_at = NULL"
                    + " WHERE id = ?", attempt, due.deliveryId());
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(List<?> rows) {
        return (List<Object[]>) rows;
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case null -> null;
            case Timestamp t -> t.toInstant();
            case java.time.LocalDateTime t -> Timestamp.valueOf(t).toInstant();
            case Instant i -> i;
            default -> throw new IllegalStateException("not a timestamp: " + value.getClass());
        };
    }

    private static String text(Object value) {
        try {
            return switch (value) {
                case null -> null;
                case String s -> s;
                case java.sql.Clob c -> c.getSubString(1, (int) c.length());
                default -> value.toString();
            };
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
