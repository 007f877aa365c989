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
import dev.inferplan.platform.security.Roles;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * Hardware pools: a runner registers its pool (or updates what it detected) on start; an admin
 * may do the same. The accelerator is stored as the contracts' canonical id ("cpu" for none).
 * A runner acts only for its own pool ({@link #requireRunnerOf}); published-evidence pools are the admin's.
 */
@ApplicationScoped
public class HardwarePools {

    /** Segments of lowercase letters, digits and . _ - joined by '/': never empty, '.' or '..', so every name is a path. */
    static final Pattern POOL = Pattern.compile("[a-z0-9][a-z0-9._-]*(/[a-z0-9][a-z0-9._-]*)*");
    static final int MAX_POOL_LENGTH = 128;
    /** Pools of published evidence (the seed's MLPerf and timm figures): no runner measures them. */
    public static final String PUBLISHED_PREFIX = "published/";
    /**
     * The "accelerator" of a published pool that stands for a provider's hosted endpoint (a model API): the
     * hardware is the provider's and unknown, the count 0. Only published pools may say so (no runner measures
     * a hosted endpoint); their results are a hosted model version's published latency.
     */
    public static final String HOSTED = "hosted";
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

    /**
     * Creates the pool or updates its description; a quoted revision must be current. Only an admin,
     * or the pool's own runner ({@link #requireRunnerOf}), may.
     */
    @Transactional
    public PoolView register(PoolRegistration request, PoolCaller caller) {
        List<FieldError> errors = new ArrayList<>();
        if (request.pool() == null || request.pool().length() > MAX_POOL_LENGTH || !POOL.matcher(request.pool()).matches()) {
            errors.add(FieldError.field("pool", "1 to " + MAX_POOL_LENGTH + " lowercase letters, digits or . _ - in"
                    + " segments joined by '/' (each segment starts with a letter or digit)"));
        }
        List<String> types = request.instanceTypes() == null ? List.of() : request.instanceTypes();
        if (types.isEmpty() || types.stream().anyMatch(t -> t == null || !INSTANCE_TYPE.matcher(t).matches())
                || String.join(",", types).length() > 2000) {
            errors.add(FieldError.field("instanceTypes", "one or more instance types such as aws/g5.xlarge"));
        }
        boolean hosted = request.accelerator() != null && request.accelerator().strip().equals(HOSTED);
        Optional<String> accelerator = hosted ? Optional.of(HOSTED) : canonical(request.accelerator());
        if (accelerator.isEmpty()) {
            errors.add(FieldError.field("accelerator", "a canonical accelerator id (nvidia-a10g, ...), a name the"
                    + " vocabulary knows (A10G), or cpu"));
        }
        if (hosted && (request.pool() == null || !request.pool().startsWith(PUBLISHED_PREFIX))) {
            errors.add(FieldError.field("accelerator", "hosted (a provider's endpoint) only on a published pool ('"
                    + PUBLISHED_PREFIX + "…'): no runner measures a hosted endpoint"));
        }
        int count = request.acceleratorCount() == null ? 0 : request.acceleratorCount();
        if (hosted && count != 0) {
            errors.add(FieldError.field("acceleratorCount", "0 for a hosted endpoint (its hardware is the provider's)"));
        } else if (count < 0 || (accelerator.isPresent() && !accelerator.get().equals("cpu") && !hosted && count < 1)) {
            errors.add(FieldError.field("acceleratorCount", "at least 1 for an accelerator, 0 for cpu"));
        }
        if (request.cpuCores() != null && request.cpuCores() < 1) {
            errors.add(FieldError.field("cpuCores", "positive"));
        }
        if (request.memoryBytes() != null && request.memoryBytes() < 1) {
            errors.add(FieldError.field("memoryBytes", "positive"));
        }
        if (request.cpuModel() != null && request.cpuModel().length() > 256) {
            errors.add(FieldError.field("cpuModel", "at most 256 characters"));
        }
        if (request.runnerVersion() != null && request.runnerVersion().length() > 64) {
            errors.add(FieldError.field("runnerVersion", "at most 64 characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("The pool is not valid.", errors);
        }
        Instant now = clock.instant();
        HardwarePool pool = entityManager.find(HardwarePool.class, request.pool(), LockModeType.PESSIMISTIC_WRITE);
        requireRunnerOf(caller, request.pool(), pool);
        PoolView before = pool == null ? null : PoolView.of(pool);
        String actor = caller.subject();
        if (pool == null) {
            pool = new HardwarePool(request.pool(), actor, now);
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

    /**
     * Refuses (403) a caller who may not act for the pool: an admin may act for any; a runner never for
     * a published-evidence pool; a runner whose token names a pool ({@code pool} claim) only for that
     * one; a runner whose token names none only for a pool that does not exist yet or that it
     * registered first under the same subject. {@code existing} is the pool's row, null when there is none.
     */
    public void requireRunnerOf(PoolCaller caller, String pool, HardwarePool existing) {
        if (caller.admin()) {
            return;
        }
        if (pool.startsWith(PUBLISHED_PREFIX)) {
            throw forbidden("A pool of published evidence ('" + PUBLISHED_PREFIX + "…') is registered and changed by an"
                    + " admin only.");
        }
        if (caller.poolClaim().isPresent()) {
            if (!caller.poolClaim().get().equals(pool)) {
                throw forbidden("This runner's token is for pool '" + caller.poolClaim().get() + "' (claim '"
                        + Roles.POOL_CLAIM + "'); it does not act for pool '" + pool + "'.");
            }
            return;
        }
        if (existing != null && !caller.subject().equals(existing.registeredBy())) {
            throw forbidden("Pool '" + pool + "' was registered under another identity: only that identity, a runner"
                    + " token naming the pool (claim '" + Roles.POOL_CLAIM + "') or an admin acts for it.");
        }
    }

    /** {@link #requireRunnerOf} for a pool read now; nothing to refuse when the pool does not exist. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void requireRunnerOf(PoolCaller caller, String pool) {
        requireRunnerOf(caller, pool, entityManager.find(HardwarePool.class, pool));
    }

    private static ProblemException forbidden(String detail) {
        return new ProblemException(403, "not-this-runners-pool", "Forbidden", detail, List.of());
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
