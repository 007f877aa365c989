package dev.inferplan.catalog.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.inferplan.catalog.audit.AuditLog;
import dev.inferplan.catalog.persistence.Rows;
import dev.inferplan.catalog.versions.EvidenceChanged;
import dev.inferplan.catalog.versions.MetricView;
import dev.inferplan.catalog.versions.ModelVersion;
import dev.inferplan.catalog.versions.ModelVersions;
import dev.inferplan.catalog.versions.VersionReadModel;
import dev.inferplan.platform.persistence.SharedEntityManager;
import dev.inferplan.platform.problem.Problem.FieldError;
import dev.inferplan.platform.problem.ProblemException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Attaches quality metrics to versions. A metric is evidence: once recorded it is not edited (a
 * correction is a new metric with its own provenance), it is audited, and it re-runs the tier policy.
 */
@ApplicationScoped
public class QualityMetrics {

    static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.@-]{0,63}");
    static final BigDecimal LIMIT = new BigDecimal("1e13");
    static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    static final int MAX_DIGITS = 50;
    /** Below half of quality_metric's last decimal place (DECIMAL(20, 6)) a value rounds to 0. */
    static final BigDecimal ROUNDS_TO_ZERO = new BigDecimal("0.0000005");

    private final ModelVersions versions;
    private final VersionReadModel reads;
    private final Event<EvidenceChanged> evidenceChanged;
    private final AuditLog audit;
    private final Set<String> signedNames;
    private final Set<String> percentNames;
    private final int maxPerVersion;
    private final Clock clock = Clock.systemUTC();

    @Inject
    @SharedEntityManager
    private EntityManager entityManager;

    @Inject
    public QualityMetrics(ModelVersions versions, VersionReadModel reads, AuditLog audit,
                          Event<EvidenceChanged> evidenceChanged,
                          @ConfigProperty(name = "catalog.metrics.signed-names") List<String> signedNames,
                          @ConfigProperty(name = "catalog.metrics.percent-names") List<String> percentNames,
                          @ConfigProperty(name = "catalog.metrics.max-per-version", defaultValue = "1000") int maxPerVersion) {
        this.versions = versions;
        this.reads = reads;
        this.evidenceChanged = evidenceChanged;
        this.audit = audit;
        this.signedNames = lower(signedNames);
        this.percentNames = lower(percentNames);
        this.maxPerVersion = maxPerVersion;
    }

    public record ProvenanceSpec(String kind, String source) {
    }

    public record NewMetric(String name, BigDecimal value, String dataset, String split, Boolean higherIsBetter,
                            ProvenanceSpec provenance) {
    }

    @Transactional
    public MetricView attach(long versionId, NewMetric request, String actor) {
        ModelVersion version = versions.locked(versionId);
        List<FieldError> errors = validate(request);
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("The metric is not valid.", errors);
        }
        // Every version travels whole (its audit entries, the version index, the recommender's stream): bounded.
        long held = ((Number) entityManager.createNativeQuery("SELECT COUNT(*) FROM quality_metric WHERE model_version_id = ?")
                .setParameter(1, versionId).getSingleResult()).longValue();
        if (held >= maxPerVersion) {
            throw new ProblemException(409, "too-many-metrics", "Conflict", "Model version " + versionId + " already has "
                    + held + " metrics, the most a version holds (catalog.metrics.max-per-version).", List.of());
        }
        Provenance kind = Provenance.parse(request.provenance().kind()).orElseThrow();
        BigDecimal value = rounded(request.value());
        Instant now = clock.instant();
        long id = Rows.insert(entityManager.unwrap(Connection.class), "INSERT INTO quality_metric (model_version_id, name,"
                        + " metric_value, dataset, split, higher_is_better, provenance_kind, provenance_source, created_at,"
                        + " created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                versionId, request.name(), value, request.dataset().strip(), request.split().strip(),
                request.higherIsBetter(), kind, request.provenance().source().strip(), now, actor);
        MetricView created = new MetricView(id, versionId, request.name(), value.stripTrailingZeros(),
                request.dataset().strip(), request.split().strip(), request.higherIsBetter(),
                new MetricView.Provenance(kind.name(), request.provenance().source().strip()), now, actor);
        audit.append(new AuditLog.Change(AuditLog.METRIC, Long.toString(id), versionId, "CREATED", actor, now, null, created));
        evidenceChanged.fire(new EvidenceChanged(version, actor));
        return created;
    }

    @Transactional
    public List<MetricView> forVersion(long versionId) {
        return reads.byId(versionId).orElseThrow(() -> ProblemException.notFound("Model version " + versionId)).metrics();
    }

    /** Every field at fault, named as in the request. */
    List<FieldError> validate(NewMetric request) {
        List<FieldError> errors = new ArrayList<>();
        if (request.name() == null || !NAME.matcher(request.name()).matches()) {
            errors.add(FieldError.field("name", "1 to 64 letters, digits or _ . @ -, starting with a letter (top1, f1, mAP, mteb_avg)"));
        }
        if (request.value() == null) {
            errors.add(FieldError.field("value", "a number is required"));
        } else if (request.value().abs().compareTo(LIMIT) >= 0) {
            errors.add(FieldError.field("value", "out of range"));
        } else if (request.value().precision() > MAX_DIGITS) {
            errors.add(FieldError.field("value", "at most " + MAX_DIGITS + " significant digits"));
        } else if (request.name() != null) {
            String name = request.name().toLowerCase(Locale.ROOT);
            if (request.value().signum() < 0 && !signedNames.contains(name)) {
                errors.add(FieldError.field("value", request.name() + " cannot be negative"));
            } else if (percentNames.contains(name) && request.value().compareTo(HUNDRED) > 0) {
                errors.add(FieldError.field("value", request.name() + " is a percentage: at most 100"));
            }
        }
        text(errors, "dataset", request.dataset(), 128);
        text(errors, "split", request.split(), 64);
        if (request.higherIsBetter() == null) {
            errors.add(FieldError.field("higherIsBetter", "true or false is required"));
        }
        if (request.provenance() == null) {
            errors.add(FieldError.field("provenance", "{kind: PUBLISHED|MEASURED, source} is required"));
        } else {
            if (Provenance.parse(request.provenance().kind()).isEmpty()) {
                errors.add(FieldError.field("provenance.kind", "PUBLISHED or MEASURED"));
            }
            text(errors, "provenance.source", request.provenance().source(), 1000);
        }
        return errors;
    }

    /**
     * The value at the column's 6 decimal places (half-even). A value too small to show is 0 without
     * rescaling it: rescaling 1e-999999999 would compute 10^999999993.
     */
    static BigDecimal rounded(BigDecimal value) {
        if (value.abs().compareTo(ROUNDS_TO_ZERO) < 0) {
            return BigDecimal.ZERO;
        }
        return value.setScale(Math.min(6, Math.max(0, value.scale())), RoundingMode.HALF_EVEN);
    }

    private static void text(List<FieldError> errors, String field, String value, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            errors.add(FieldError.field(field, "1 to " + max + " characters are required"));
        }
    }

    private static Set<String> lower(List<String> names) {
        return Optional.ofNullable(names).orElse(List.of()).stream().map(n -> n.strip().toLowerCase(Locale.ROOT))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
}
