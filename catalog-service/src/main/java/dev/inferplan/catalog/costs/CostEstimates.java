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
import dev.inferplan.catalog.tiers.Tiers;
import dev.inferplan.catalog.versions.ModelVersion;
import dev.inferplan.catalog.versions.ModelVersions;
import dev.inferplan.contracts.money.Money;
import dev.inferplan.contracts.pricing.PurchaseOption;
import dev.inferplan.platform.persistence.SharedEntityManager;
import dev.inferplan.platform.problem.Problem.FieldError;
import dev.inferplan.platform.problem.ProblemException;

import jakarta.enterprise.context.ApplicationScoped;
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
    private final Tiers tiers;
    private final AuditLog audit;
    private final Clock clock;

    @Inject
    @SharedEntityManager
    private EntityManager entityManager;

    @Inject
    public CostEstimates(ModelVersions versions, Tiers tiers, AuditLog audit) {
        this.versions = versions;
        this.tiers = tiers;
        this.audit = audit;
        this.clock = Clock.systemUTC();
    }

    /** {@code costPer1kUsd} and {@code monthlyUsd} are decimal strings in USD ("0.0042"). */
    public record NewCostEstimate(String pool, String instanceType, String purchaseOption, String costPer1kUsd,
                                  String monthlyUsd, String assumptions, String source) {
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
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("The cost estimate is not valid.", errors);
        }
        Instant now = clock.instant();
        long id = Rows.insert(entityManager.unwrap(Connection.class), "INSERT INTO cost_estimate (model_version_id, pool,"
                        + " instance_type, purchase_option, cost_per_1k_usd, monthly_usd, assumptions, source, created_at,"
                        + " created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                versionId, strip(request.pool()), strip(request.instanceType()), option.get(), costPer1k, monthly,
                strip(request.assumptions()), request.source().strip(), now, actor);
        CostEstimateView created = CostEstimateView.of(entityManager.find(CostEstimate.class, id));
        audit.append(new AuditLog.Change(AuditLog.COST_ESTIMATE, Long.toString(id), versionId, "CREATED", actor, now,
                null, created));
        tiers.refresh(version, actor);
        return created;
    }

    @Transactional
    public List<CostEstimateView> forVersion(long versionId) {
        return entityManager.createQuery("SELECT c FROM CostEstimate c WHERE c.modelVersionId = :id"
                        + " ORDER BY c.costPer1kUsd, c.id", CostEstimate.class)
                .setParameter("id", versionId).getResultStream().map(CostEstimateView::of).toList();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<BigDecimal> cheapestPer1kUsd(long versionId) {
        return Optional.ofNullable(entityManager.createQuery("SELECT MIN(c.costPer1kUsd) FROM CostEstimate c"
                + " WHERE c.modelVersionId = :id", BigDecimal.class).setParameter("id", versionId).getSingleResult());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public long count(long versionId) {
        return entityManager.createQuery("SELECT COUNT(c) FROM CostEstimate c WHERE c.modelVersionId = :id", Long.class)
                .setParameter("id", versionId).getSingleResult();
    }

    private static BigDecimal money(List<FieldError> errors, String field, String value, boolean required) {
        if (blank(value)) {
            if (required) {
                errors.add(FieldError.field(field, "a non-negative USD amount as a decimal string, e.g. \"0.0042\""));
            }
            return null;
        }
        try {
            Money money = Money.parse(value.strip());
            if (money.isNegative()) {
                errors.add(FieldError.field(field, "must not be negative"));
                return null;
            }
            return money.usd();
        } catch (RuntimeException e) {
            errors.add(FieldError.field(field, "a non-negative USD amount as a decimal string, e.g. \"0.0042\""));
            return null;
        }
    }

    private static void length(List<FieldError> errors, String field, String value, int max) {
        if (value != null && value.length() > max) {
            errors.add(FieldError.field(field, "at most " + max + " characters"));
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String strip(String value) {
        return blank(value) ? null : value.strip();
    }
}
