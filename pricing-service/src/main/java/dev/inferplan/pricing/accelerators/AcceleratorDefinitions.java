package dev.inferplan.pricing.accelerators;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import dev.inferplan.contracts.accelerators.Accelerator;
import dev.inferplan.contracts.accelerators.AcceleratorId;
import dev.inferplan.contracts.accelerators.AcceleratorKind;
import dev.inferplan.contracts.accelerators.AcceleratorVocabulary;
import dev.inferplan.platform.persistence.SharedEntityManager;
import dev.inferplan.platform.problem.Problem.FieldError;
import dev.inferplan.platform.problem.ProblemException;
import dev.inferplan.pricing.book.ProviderLocks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The vocabulary imports use: the standard one (contracts' accelerators.csv) extended by what admins
 * added, kept in the database so every instance and every later import sees it. An addition is
 * audited and refused when its id or any of its names collides with an existing accelerator.
 */
@ApplicationScoped
public class AcceleratorDefinitions {

    /** The lock key that serializes additions (providers match [a-z][a-z0-9-]*, so it is no provider's). */
    static final String LOCK = "~accelerators";
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");

    @Inject
    @SharedEntityManager
    private EntityManager entityManager;

    private final DataSource dataSource;
    private final ProviderLocks locks;
    private final Clock clock = Clock.systemUTC();

    @Inject
    public AcceleratorDefinitions(@Named("pricing") DataSource dataSource, ProviderLocks locks) {
        this.dataSource = dataSource;
        this.locks = locks;
    }

    /** What an admin adds. */
    public record NewAccelerator(String id, List<String> aliases, String vendor, BigDecimal memoryGib, String kind,
                                 String displayName) {
    }

    /** The standard vocabulary with every addition, read now (imports read it when they start). */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public AcceleratorVocabulary vocabulary() {
        try (Connection connection = dataSource.getConnection()) {
            return AcceleratorVocabulary.standard().extendedWith(additions(connection));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the added accelerators: " + e.getMessage(), e);
        }
    }

    /**
     * Adds an accelerator, or refuses it: 400 naming the field at fault, 409 naming the accelerator it
     * collides with. One addition at a time (a lock row), so two colliding additions cannot both pass.
     */
    @Transactional(rollbackOn = Exception.class)
    public AcceleratorVocabulary.Definition add(NewAccelerator request, String by) {
        AcceleratorVocabulary.Definition definition = validate(request);
        locks.ensure(LOCK);
        Connection connection = entityManager.unwrap(Connection.class);
        try {
            locks.hold(connection, LOCK);
            try {
                AcceleratorVocabulary.standard().extendedWith(additions(connection)).extendedWith(List.of(definition));
            } catch (IllegalArgumentException collision) {
                throw ProblemException.conflict("accelerator-collision", "The accelerator collides with the vocabulary: "
                        + collision.getMessage().replaceFirst("^extension, ", ""));
            }
            Instant now = clock.instant();
            Accelerator a = definition.accelerator();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO accelerator_definition (id, vendor,"
                    + " display_name, memory_gib, kind, aliases, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, a.id().id());
                insert.setString(2, a.vendor());
                insert.setString(3, a.displayName());
                insert.setBigDecimal(4, request.memoryGib());
                insert.setString(5, a.kind().name());
                insert.setString(6, String.join("|", definition.aliases()));
                insert.setTimestamp(7, Timestamp.from(now));
                insert.setString(8, by);
                insert.executeUpdate();
            }
            try (PreparedStatement audit = connection.prepareStatement("INSERT INTO pricing_audit (at, actor, action,"
                    + " entity_type, entity_id, detail) VALUES (?, ?, 'ADD', 'accelerator', ?, ?)")) {
                audit.setTimestamp(1, Timestamp.from(now));
                audit.setString(2, by);
                audit.setString(3, a.id().id());
                audit.setString(4, "vendor=" + a.vendor() + "; kind=" + a.kind() + "; memoryGib=" + request.memoryGib()
                        + "; aliases=" + String.join("|", definition.aliases()));
                audit.executeUpdate();
            }
            return definition;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot add the accelerator: " + e.getMessage(), e);
        }
    }

    /** An audit entry: who did what to which entity, when. */
    public record AuditEntry(long id, Instant at, String actor, String action, String entityType, String entityId,
                             String detail) {
    }

    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public List<AuditEntry> audit(String entityType) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT id, at, actor, action, entity_type, entity_id,"
                     + " detail FROM pricing_audit WHERE entity_type = ? ORDER BY id")) {
            select.setString(1, entityType);
            List<AuditEntry> entries = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.add(new AuditEntry(rows.getLong(1), rows.getTimestamp(2).toInstant(), rows.getString(3),
                            rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7)));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the audit: " + e.getMessage(), e);
        }
    }

    private static List<AcceleratorVocabulary.Definition> additions(Connection connection) throws SQLException {
        List<AcceleratorVocabulary.Definition> additions = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id, vendor, display_name, memory_gib, kind,"
                + " aliases FROM accelerator_definition ORDER BY created_at, id");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                BigDecimal memory = rows.getBigDecimal(4);
                additions.add(new AcceleratorVocabulary.Definition(new Accelerator(new AcceleratorId(rows.getString(1)),
                        rows.getString(2), rows.getString(3), memory == null ? null : memory.doubleValue(),
                        AcceleratorKind.valueOf(rows.getString(5))),
                        rows.getString(6).isEmpty() ? List.of() : Arrays.asList(rows.getString(6).split("\\|"))));
            }
        }
        return additions;
    }

    private static AcceleratorVocabulary.Definition validate(NewAccelerator request) {
        List<FieldError> errors = new ArrayList<>();
        if (request.id() == null || request.id().length() > 64 || !ID.matcher(request.id()).matches()) {
            errors.add(FieldError.field("id", "lowercase words joined by single dashes, at most 64 characters"
                    + " (acme-x1-48gb)"));
        }
        if (request.vendor() == null || request.vendor().isBlank() || request.vendor().length() > 64) {
            errors.add(FieldError.field("vendor", "who makes it, at most 64 characters"));
        }
        if (request.memoryGib() != null && (request.memoryGib().signum() <= 0
                || request.memoryGib().compareTo(BigDecimal.valueOf(100_000)) > 0 || request.memoryGib().scale() > 2)) {
            errors.add(FieldError.field("memoryGib", "memory per device in GiB, > 0, at most 2 decimals"));
        }
        AcceleratorKind kind = null;
        try {
            kind = request.kind() == null ? null : AcceleratorKind.valueOf(request.kind().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (kind == null) {
            errors.add(FieldError.field("kind", "one of " + Arrays.toString(AcceleratorKind.values())));
        }
        List<String> aliases = request.aliases() == null ? List.of() : request.aliases();
        for (int i = 0; i < aliases.size(); i++) {
            String alias = aliases.get(i);
            if (alias == null || alias.isBlank() || alias.length() > 100 || alias.contains("|") || alias.contains(",")) {
                errors.add(FieldError.field("aliases[" + i + "]", "a name sources use, at most 100 characters,"
                        + " without '|' or ','"));
            }
        }
        String displayName = request.displayName() == null || request.displayName().isBlank() ? request.id()
                : request.displayName();
        if (displayName != null && displayName.length() > 128) {
            errors.add(FieldError.field("displayName", "at most 128 characters"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "bad-request", "Bad request", "The accelerator is not valid.", errors);
        }
        try {
            return new AcceleratorVocabulary.Definition(new Accelerator(new AcceleratorId(request.id()),
                    request.vendor().strip(), displayName.strip(),
                    request.memoryGib() == null ? null : request.memoryGib().doubleValue(), kind),
                    aliases.stream().map(String::strip).toList());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("The accelerator is not valid.", FieldError.field("id", "a valid id"));
        }
    }
}
