package dev.inferplan.catalog.families;

import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.inferplan.catalog.audit.AuditLog;
import dev.inferplan.catalog.persistence.Rows;
import dev.inferplan.catalog.tasks.TaskRepository;
import dev.inferplan.catalog.persistence.Revisions;
import dev.inferplan.platform.persistence.SharedEntityManager;
import dev.inferplan.platform.problem.Problem.FieldError;
import dev.inferplan.platform.problem.ProblemException;
import dev.inferplan.platform.problem.RejectedAs;
import dev.inferplan.platform.problem.Text;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Registers and updates model families; every change is audited in the same transaction. */
@ApplicationScoped
public class ModelFamilies {

    /** Letters, digits and . _ - /, so that "BAAI/bge-small-en-v1.5" and "resnet50" are both names. */
    static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9._/-]{0,127}";
    static final String NAME_RULE = "1 to 128 letters, digits or . _ - /, starting with a letter or digit";

    private final TaskRepository tasks;
    private final AuditLog audit;
    private final Clock clock;

    @Inject
    @SharedEntityManager
    private EntityManager entityManager;

    @Inject
    public ModelFamilies(TaskRepository tasks, AuditLog audit) {
        this(tasks, audit, Clock.systemUTC());
    }

    ModelFamilies(TaskRepository tasks, AuditLog audit, Clock clock) {
        this.tasks = tasks;
        this.audit = audit;
        this.clock = clock;
    }

    /** A family to register; the task must be registered and the name free (checked against the database). */
    @RejectedAs(status = 422, type = "validation", title = "Unprocessable content", detail = "The model family is not valid.")
    public record NewFamily(
            @NotNull(message = NAME_RULE) @Pattern(regexp = NAME_PATTERN, message = NAME_RULE) String name,
            @NotBlank(message = "a registered task is required (GET /api/catalog/tasks)") String task,
            @NotNull(message = "1 to 128 characters are required") @Text(max = 128) String owner,
            @Size(max = 2000, message = "at most 2000 characters") String description,
            @NotNull(message = "1 to 128 characters are required") @Text(max = 128) String license) {
    }

    /** Null fields stay as they are; {@code revision} must be the family's current one. */
    @RejectedAs(status = 422, type = "validation", title = "Unprocessable content", detail = "The change is not valid.")
    public record FamilyChanges(Long revision, @Text(max = 128) String owner,
                                @Size(max = 2000, message = "at most 2000 characters") String description,
                                @Text(max = 128) String license) {
    }

    @Transactional
    public FamilyView register(NewFamily request, String actor) {
        // the fields' own rules are declared on NewFamily; what needs the database is checked here
        List<FieldError> errors = new ArrayList<>();
        if (tasks.byName(request.task()).isEmpty()) {
            errors.add(FieldError.field("task", "unknown task '" + request.task()
                    + "'; register it first (POST /api/catalog/tasks) or use one of GET /api/catalog/tasks"));
        }
        if (errors.isEmpty() && byName(request.name()).isPresent()) {
            errors.add(FieldError.field("name", "a family named '" + request.name() + "' already exists"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("The model family is not valid.", errors);
        }
        var now = clock.instant();
        long id;
        try {
            id = Rows.insert(entityManager.unwrap(Connection.class), "INSERT INTO model_family (name, task, owner,"
                            + " description, license, created_at, created_by, updated_at, version)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)",
                    request.name(), request.task(), request.owner().strip(), strip(request.description()),
                    request.license().strip(), now, actor, now);
        } catch (Rows.DataAccessException e) {
            if (e.isUniqueViolation()) {
                // Lost a race with a concurrent registration of the same name.
                throw ProblemException.unprocessable("The model family is not valid.", List.of(
                        FieldError.field("name", "a family named '" + request.name() + "' already exists")));
            }
            throw e;
        }
        FamilyView created = FamilyView.of(entityManager.find(ModelFamily.class, id));
        audit.append(new AuditLog.Change(AuditLog.FAMILY, Long.toString(id), null, "CREATED", actor, now, null, created));
        return created;
    }

    @Transactional
    public FamilyView update(long id, FamilyChanges changes, String actor) {
        ModelFamily family = locked(id);
        FamilyView before = FamilyView.of(family);
        Revisions.require(changes.revision(), family.revision(), before);
        var now = clock.instant();
        family.change(changes.owner() == null ? family.owner() : changes.owner().strip(),
                changes.description() == null ? family.description() : strip(changes.description()),
                changes.license() == null ? family.license() : changes.license().strip(), now);
        entityManager.flush();
        // The versions' free-text search covers the family's description.
        Rows.update(entityManager.unwrap(Connection.class), "UPDATE model_version SET search_text ="
                + " LOWER(CONCAT(?, ' ', label, ' ', ?)) WHERE family_id = ?", family.name(), family.description(), id);
        FamilyView after = FamilyView.of(family);
        audit.append(new AuditLog.Change(AuditLog.FAMILY, Long.toString(id), null, "UPDATED", actor, now, before, after));
        return after;
    }

    @Transactional
    public FamilyView byId(long id) {
        return FamilyView.of(find(id));
    }

    public record FamilyPage(List<FamilyView> items, int page, int size, long total) {
    }

    @Transactional
    public FamilyPage list(Optional<String> task, int page, int size) {
        String where = task.isPresent() ? " WHERE f.task = :task" : "";
        var select = entityManager.createQuery("SELECT f FROM ModelFamily f" + where + " ORDER BY f.name", ModelFamily.class);
        var count = entityManager.createQuery("SELECT COUNT(f) FROM ModelFamily f" + where, Long.class);
        task.ifPresent(t -> {
            select.setParameter("task", t);
            count.setParameter("task", t);
        });
        return new FamilyPage(select.setFirstResult(page * size).setMaxResults(size).getResultList().stream()
                .map(FamilyView::of).toList(), page, size, count.getSingleResult());
    }

    /** The family, or 404. */
    public ModelFamily find(long id) {
        ModelFamily family = entityManager.find(ModelFamily.class, id);
        if (family == null) {
            throw ProblemException.notFound("Model family " + id);
        }
        return family;
    }

    private ModelFamily locked(long id) {
        ModelFamily family = entityManager.find(ModelFamily.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (family == null) {
            throw ProblemException.notFound("Model family " + id);
        }
        return family;
    }

    private Optional<ModelFamily> byName(String name) {
        return entityManager.createQuery("SELECT f FROM ModelFamily f WHERE f.name = :name", ModelFamily.class)
                .setParameter("name", name).getResultStream().findFirst();
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }
}
