package dev.inferplan.catalog.benchmarks;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.inferplan.catalog.audit.AuditLog;
import dev.inferplan.catalog.persistence.Revisions;
import dev.inferplan.contracts.accelerators.AcceleratorId;
import dev.inferplan.contracts.accelerators.AcceleratorVocabulary;
import dev.inferplan.platform.persistence.SharedEntityManager;
import dev.inferplan.platform.problem.Problem.FieldError;
import dev.inferplan.platform.problem.ProblemException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * Hardware pools: a runner registers its pool (or updates what it detected) on start; an admin
 * may do the same. The accelerator is stored as the contracts' canonical id ("cpu" for none).
 */
@ApplicationScoped
public class HardwarePools {

    static final Pattern POOL = Pattern.compile("[a-z0-9][a-z0-9._/-]{0,127}");
    static final Pattern INSTANCE_TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/:-]{0,127}");

    private final AuditLog audit;
    private final AcceleratorVocabulary vocabulary = AcceleratorVocabulary.standard();
    private final Clock clock = Clock.systemUTC();

    @Inject
    @SharedEntityManager
    private EntityManager entityManager;

    @jakarta.inject.Inject
    public HardwarePools(AuditLog audit) {
        this.audit = audit;
    }

    public record PoolRegistration(String pool, List<String> instanceTypes, String accelerator, Integer acceleratorCount,
                                   String cpuModel, Integer cpuCores, Long memoryBytes, String runnerVersion,
                                   Long revision) {
    }

    /** Creates the pool or updates its description; a quoted revision must be current. */
    @Transactional
    public PoolView register(PoolRegistration request, String actor) {
        List<FieldError> errors = new ArrayList<>();
        if (request.pool() == null || !POOL.matcher(request.pool()).matches()) {
            errors.add(FieldError.field("pool", "1 to 128 lowercase letters, digits or . _ / -"));
        }
        List<String> types = request.instanceTypes() == null ? List.of() : request.instanceTypes();
        if (types.isEmpty() || types.stream().anyMatch(t -> t == null || !INSTANCE_TYPE.matcher(t).matches())
                || String.join(",", types).length() > 2000) {
            errors.add(FieldError.field("instanceTypes", "one or more instance types such as aws/g5.xlarge"));
        }
        Optional<String> accelerator = canonical(request.accelerator());
        if (accelerator.isEmpty()) {
            errors.add(FieldError.field("accelerator", "a canonical accelerator id (nvidia-a10g, ...), a name the"
                    + " vocabulary knows (A10G), or cpu"));
        }
        int count = request.acceleratorCount() == null ? 0 : request.acceleratorCount();
        if (count < 0 || (accelerator.isPresent() && !accelerator.get().equals("cpu") && count < 1)) {
            errors.add(FieldError.field("acceleratorCount", "at least 1 for an accelerator, 0 for cpu"));
        }
        if (request.cpuCores() != null && request.cpuCores() < 1) {
            errors.add(FieldError.field("cpuCores", "positive"));
        }
        if (request.memoryBytes() != null && request.memoryBytes() < 1) {
            errors.add(FieldError.field("memoryBytes", "positive"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("The pool is not valid.", errors);
        }
        Instant now = clock.instant();
        HardwarePool pool = entityManager.find(HardwarePool.class, request.pool(), LockModeType.PESSIMISTIC_WRITE);
        PoolView before = pool == null ? null : PoolView.of(pool);
        if (pool == null) {
            pool = new HardwarePool(request.pool(), now);
            describe(pool, request, types, accelerator.get(), count, now);
            entityManager.persist(pool);
        } else {
            Revisions.checkIfQuoted(request.revision(), pool.revision(), before);
            describe(pool, request, types, accelerator.get(), count, now);
        }
        entityManager.flush();
        PoolView after = PoolView.of(pool);
        audit.append(new AuditLog.Change(AuditLog.POOL, request.pool(), null, before == null ? "CREATED" : "UPDATED",
                actor, now, before, after));
        return after;
    }

    @Transactional
    public List<PoolView> list() {
        return entityManager.createQuery("SELECT p FROM HardwarePool p ORDER BY p.pool", HardwarePool.class)
                .getResultStream().map(PoolView::of).toList();
    }

    @Transactional
    public Optional<PoolView> byName(String pool) {
        return Optional.ofNullable(entityManager.find(HardwarePool.class, pool)).map(PoolView::of);
    }

    private static void describe(HardwarePool pool, PoolRegistration request, List<String> types, String accelerator,
                                 int count, Instant now) {
        pool.describe(types, accelerator, count, request.cpuModel(), request.cpuCores(), request.memoryBytes(),
                request.runnerVersion(), now);
    }

    Optional<String> canonical(String accelerator) {
        if (accelerator == null || accelerator.isBlank()) {
            return Optional.empty();
        }
        String value = accelerator.strip();
        if (value.equals(AcceleratorId.CPU.id())) {
            return Optional.of(value);
        }
        try {
            if (vocabulary.byId(new AcceleratorId(value)).isPresent()) {
                return Optional.of(value);
            }
        } catch (IllegalArgumentException notAnId) {
            // Not in canonical form: try it as a source name below.
        }
        return vocabulary.resolve(value).map(a -> a.id().id());
    }
}
