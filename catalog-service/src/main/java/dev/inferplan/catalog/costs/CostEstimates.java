package dev.inferplan.catalog.costs;

import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.inferplan.catalog.audit.AuditLog;
import dev.inferplan.catalog.persistence.Rows;
import dev.inferplan.catalog.versions.EvidenceChanged;
import dev.inferplan.catalog.versions.ModelVersion;
import dev.inferplan.catalog.versions.ModelVersions;
import dev.inferplan.contracts.money.Money;
import dev.inferplan.contracts.pricing.PurchaseOption;
import dev.inferplan.platform.persistence.SharedEntityManager;
import dev.inferplan.platform.problem.Problem.FieldError;
import dev.inferplan.platform.problem.ProblemException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Cost estimates attached to versions (typically the recommender's figure for a pool or instance
 * type and purchase option). Each one is audited and re-runs the tier policy for its version.
 */
@ApplicationScoped
public class CostEstimates {

    private final ModelVersions versions;
    private final Event<EvidenceChanged> evidenceChanged;
    private final AuditLog audit;
    private final Clock clock;

    @Inject
    @SharedEntityManager
    private EntityManager entityManager;

    @Inject
    public CostEstimates(ModelVersions versions, Event<EvidenceChanged> evidenceChanged, AuditLog audit) {
        this.versions = versions;
        this.evidenceChanged = evidenceChanged;
        this.audit = audit;
        this.clock = Clock.systemUTC();
    }

    /**
     * {@code costPer1kUsd} and {@code monthlyUsd} are decimal strings in USD ("0.0042"). With
     * {@code source: "REPORT"} only {@code reportId} (and optionally {@code planRank} and
     * {@code assumptions}) is given: the figures come from the saved report. Any other source is a
     * hand-typed ({@link CostBasis#MANUAL}) estimate.
     */
    public record NewCostEstimate(String pool, String instanceType, String purchaseOption, String costPer1kUsd,
                                  String monthlyUsd, String assumptions, String source, Long reportId, Integer planRank) {

        public static final String REPORT = "REPORT";

        public boolean reportBacked() {
            return source != null && REPORT.equalsIgnoreCase(source.strip());
        }
    }

    /** A reviewer's reason to let a hand-typed estimate pass the cost gate. */
    public record Acceptance(String reason) {
    }

    /** What the cost gate finds on a version. */
    public record CostGate(long reportBacked, long manualAccepted, List<Long> manualWithoutReason) {
        public boolean passes() {
            return reportBacked + manualAccepted > 0;
        }
    }

    @Transactional
    public CostEstimateView attach(long versionId, NewCostEstimate request, String actor) {
        ModelVersion version = versions.locked(versionId);
        List<FieldError> errors = new ArrayList<>();
        if (blank(request.pool()) && blank(request.instanceType())) {
            errors.add(FieldError.field("pool", "a pool or an instanceType is required"));
        }
        length(errors, "pool", request.pool(), 128);
        length(errors, "instanceType", request.instanceType(), 128);
        Optional<PurchaseOption> option = PurchaseOption.parse(request.purchaseOption());
        if (option.isEmpty()) {
            errors.add(FieldError.field("purchaseOption", "one of " + List.of(PurchaseOption.values())));
        }
        BigDecimal costPer1k = money(errors, "costPer1kUsd", request.costPer1kUsd(), true);
        BigDecimal monthly = money(errors, "monthlyUsd", request.monthlyUsd(), false);
        if (blank(request.source())) {
            errors.add(FieldError.field("source", "where the estimate comes from (recommender report, spreadsheet, ...)"));
        }
        length(errors, "source", request.source(), 1000);
        length(errors, "assumptions", request.assumptions(), 2000);
        if (request.reportId() != null) {
            errors.add(FieldError.field("reportId", "only with source \"REPORT\""));
        }
        if (request.planRank() != null) {
            errors.add(FieldError.field("planRank", "only with source \"REPORT\""));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("The cost estimate is not valid.", errors);
        }
        Instant now = clock.instant();
        long id = Rows.insert(entityManager.unwrap(Connection.class), "INSERT INTO cost_estimate (model_version_id, pool,"
                        + " instance_type, purchase_option, cost_per_1k_usd, monthly_usd, assumptions, source, created_at,"
                        + " created_by, basis) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                versionId, strip(request.pool()), strip(request.instanceType()), option.get(), costPer1k, monthly,
                strip(request.assumptions()), request.source().strip(), now, actor, CostBasis.MANUAL);
        return created(version, id, now, actor);
    }

    /**
     * What a REPORT request may carry besides the report: the figures are the report's, so any
     * hand-typed one is refused rather than silently ignored.
     */
    public static List<FieldError> reportRequestErrors(NewCostEstimate request) {
        List<FieldError> errors = new ArrayList<>();
        if (request.reportId() == null || request.reportId() < 1) {
            errors.add(FieldError.field("reportId", "the id of a saved recommender report (POST /api/recommendations/reports)"));
        }
        if (request.planRank() != null && request.planRank() < 1) {
            errors.add(FieldError.field("planRank", "a plan's rank in the report (1 or more), or absent for the version's best"));
        }
        String[][] typed = {{"pool", request.pool()}, {"instanceType", request.instanceType()},
                {"purchaseOption", request.purchaseOption()}, {"costPer1kUsd", request.costPer1kUsd()},
                {"monthlyUsd", request.monthlyUsd()}};
        for (String[] field : typed) {
            if (field[1] != null) {
                errors.add(FieldError.field(field[0], "taken from the report's plan; leave it out"));
            }
        }
        length(errors, "assumptions", request.assumptions(), 2000);
        return errors;
    }

    /** Stores an estimate backed by a saved report's plan (the plan already checked to be for this version). */
    @Transactional
    public CostEstimateView attachReport(long versionId, ReportBackedPlan plan, String assumptions, String actor) {
        ModelVersion version = versions.locked(versionId);
        List<FieldError> errors = new ArrayList<>();
        BigDecimal costPer1k = money(errors, "costPer1kUsd", plan.costPer1kUsd(), true);
        BigDecimal monthly = money(errors, "monthlyUsd", plan.monthlyUsd(), true);
        if (!errors.isEmpty() || plan.purchaseOption() == null || plan.purchaseOption().isBlank()
                || plan.purchaseOption().length() > 24 || tooLong(plan.pool(), 128) || tooLong(plan.instanceType(), 128)
                || tooLong(plan.provider(), 64) || tooLong(plan.region(), 64)) {
            throw new ProblemException(502, "recommender-answer", "Bad Gateway", "The recommender's report "
                    + plan.reportId() + " cannot be stored as it is (plan " + plan.rank() + "): "
                    + (errors.isEmpty() ? "a value beyond the catalog's columns" : errors.getFirst().field() + " "
                    + errors.getFirst().reason()) + ".", List.of(FieldError.field("reportId", "the report's plan is malformed")));
        }
        String versionsCsv = String.join(",", plan.priceBookVersions().stream().map(String::valueOf).toList());
        if (versionsCsv.length() > 1000) {
            throw new ProblemException(502, "recommender-answer", "Bad Gateway", "The recommender's report "
                    + plan.reportId() + " names more price-book versions than the catalog stores.",
                    List.of(FieldError.field("reportId", "too many price-book versions")));
        }
        Instant now = clock.instant();
        long id = Rows.insert(entityManager.unwrap(Connection.class), "INSERT INTO cost_estimate (model_version_id, pool,"
                        + " instance_type, purchase_option, cost_per_1k_usd, monthly_usd, assumptions, source, created_at,"
                        + " created_by, basis, report_id, plan_rank, provider, region, price_book_versions)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                versionId, plan.pool(), plan.instanceType(), plan.purchaseOption(), costPer1k, monthly, strip(assumptions),
                "recommender report " + plan.reportId() + ", plan " + plan.rank(), now, actor, CostBasis.REPORT,
                plan.reportId(), plan.rank(), plan.provider(), plan.region(), versionsCsv);
        return created(version, id, now, actor);
    }

    private CostEstimateView created(ModelVersion version, long id, Instant now, String actor) {
        CostEstimateView created = view(entityManager.find(CostEstimate.class, id));
        audit.append(new AuditLog.Change(AuditLog.COST_ESTIMATE, Long.toString(id), version.id(), "CREATED", actor, now,
                null, created));
        evidenceChanged.fire(new EvidenceChanged(version, actor));
        return created;
    }

    /**
     * A reviewer (or admin) states why a hand-typed estimate may pass the cost gate; audited
     * {@code ACCEPTED}. A report-backed estimate needs none (409), and one reason per estimate (409).
     */
    @Transactional
    public CostEstimateView accept(long versionId, long estimateId, Acceptance request, String actor) {
        versions.locked(versionId);
        CostEstimate estimate = entityManager.find(CostEstimate.class, estimateId);
        if (estimate == null || estimate.modelVersionId() != versionId) {
            throw ProblemException.notFound("Cost estimate " + estimateId + " of version " + versionId);
        }
        CostEstimateView before = view(estimate);
        if (estimate.basis() == CostBasis.REPORT) {
            throw ProblemException.conflict("acceptance-not-needed", "Cost estimate " + estimateId + " rests on recommender"
                    + " report " + estimate.reportId() + "; the cost gate accepts it without a reviewer's reason.", before);
        }
        if (before.acceptance() != null) {
            throw ProblemException.conflict("already-accepted", "Cost estimate " + estimateId + " was accepted by "
                    + before.acceptance().acceptedBy() + ".", before);
        }
        String reason = request == null || request.reason() == null ? "" : request.reason().strip();
        if (reason.isEmpty() || reason.length() > 2000) {
            throw ProblemException.unprocessable("The acceptance is not valid.", List.of(FieldError.field("reason",
                    "why the committee accepts a hand-typed figure: 1 to 2000 characters")));
        }
        Instant now = clock.instant();
        Rows.update(entityManager.unwrap(Connection.class), "INSERT INTO cost_estimate_acceptance (cost_estimate_id,"
                + " reason, accepted_by, accepted_at) VALUES (?, ?, ?, ?)", estimateId, reason, actor, now);
        CostEstimateView after = view(estimate);
        audit.append(new AuditLog.Change(AuditLog.COST_ESTIMATE, Long.toString(estimateId), versionId, "ACCEPTED", actor,
                now, before, after));
        return after;
    }

    /** What the cost gate counts on this version, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public CostGate gate(long versionId) {
        long reportBacked = 0;
        long accepted = 0;
        List<Long> withoutReason = new ArrayList<>();
        for (CostEstimate estimate : estimatesOf(versionId)) {
            if (estimate.basis() == CostBasis.REPORT) {
                reportBacked++;
            } else if (acceptanceOf(estimate.id()) != null) {
                accepted++;
            } else {
                withoutReason.add(estimate.id());
            }
        }
        return new CostGate(reportBacked, accepted, withoutReason);
    }

    private List<CostEstimate> estimatesOf(long versionId) {
        return entityManager.createQuery("SELECT c FROM CostEstimate c WHERE c.modelVersionId = :id"
                + " ORDER BY c.costPer1kUsd, c.id", CostEstimate.class).setParameter("id", versionId).getResultList();
    }

    private CostEstimateAcceptance acceptanceOf(long estimateId) {
        return entityManager.createQuery("SELECT a FROM CostEstimateAcceptance a WHERE a.costEstimateId = :id",
                CostEstimateAcceptance.class).setParameter("id", estimateId).getResultStream().findFirst().orElse(null);
    }

    private CostEstimateView view(CostEstimate estimate) {
        return CostEstimateView.of(estimate, acceptanceOf(estimate.id()));
    }

    @Transactional
    public List<CostEstimateView> forVersion(long versionId) {
        // Two statements whatever the number of estimates (the model card's statement count is constant).
        java.util.Map<Long, CostEstimateAcceptance> accepted = new java.util.HashMap<>();
        entityManager.createQuery("SELECT a FROM CostEstimateAcceptance a WHERE a.costEstimateId IN"
                        + " (SELECT c.id FROM CostEstimate c WHERE c.modelVersionId = :id)", CostEstimateAcceptance.class)
                .setParameter("id", versionId).getResultStream().forEach(a -> accepted.put(a.costEstimateId(), a));
        return estimatesOf(versionId).stream().map(e -> CostEstimateView.of(e, accepted.get(e.id()))).toList();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<BigDecimal> cheapestPer1kUsd(long versionId) {
        return Optional.ofNullable(entityManager.createQuery("SELECT MIN(c.costPer1kUsd) FROM CostEstimate c"
                + " WHERE c.modelVersionId = :id", BigDecimal.class).setParameter("id", versionId).getSingleResult());
    }

    /** cost_estimate's DECIMAL(24, 10): at most 14 digits before the point and 10 after. */
    static final int INTEGER_DIGITS = 14;
    static final int FRACTION_DIGITS = 10;

    private static BigDecimal money(List<FieldError> errors, String field, String value, boolean required) {
        String expected = "a non-negative USD amount as a decimal string, e.g. \"0.0042\"";
        if (blank(value)) {
            if (required) {
                errors.add(FieldError.field(field, expected));
            }
            return null;
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(value.strip()).stripTrailingZeros();
        } catch (NumberFormatException e) {
            errors.add(FieldError.field(field, expected));
            return null;
        }
        // Checked before Money rescales it: rescaling 1e309 or 1e-999999999 costs as much as the digits it makes.
        if (amount.signum() < 0) {
            errors.add(FieldError.field(field, "must not be negative"));
            return null;
        }
        if (amount.precision() - amount.scale() > INTEGER_DIGITS || amount.scale() > FRACTION_DIGITS) {
            errors.add(FieldError.field(field, "at most " + INTEGER_DIGITS + " digits before the decimal point and "
                    + FRACTION_DIGITS + " after"));
            return null;
        }
        return new Money(amount).usd();
    }

    private static void length(List<FieldError> errors, String field, String value, int max) {
        if (value != null && value.length() > max) {
            errors.add(FieldError.field(field, "at most " + max + " characters"));
        }
    }

    private static boolean tooLong(String value, int max) {
        return value != null && value.length() > max;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String strip(String value) {
        return blank(value) ? null : value.strip();
    }
}
