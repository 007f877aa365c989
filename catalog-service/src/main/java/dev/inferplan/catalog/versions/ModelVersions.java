package dev.inferplan.catalog.versions;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import dev.inferplan.catalog.audit.AuditLog;
import dev.inferplan.catalog.families.ModelFamilies;
import dev.inferplan.catalog.families.ModelFamily;
import dev.inferplan.catalog.persistence.Revisions;
import dev.inferplan.catalog.persistence.Rows;
import dev.inferplan.platform.persistence.SharedEntityManager;
import dev.inferplan.platform.problem.Problem.FieldError;
import dev.inferplan.platform.problem.ProblemException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * Registers and changes model versions. Every command is one transaction that locks the version's
 * row first (so concurrent commands on one version run one after the other and the later one sees
 * the earlier one's result), checks the quoted revision, and appends its audit entry.
 */
@ApplicationScoped
public class ModelVersions {

    /** Semver ("1.2.0", "2.0.0-rc.1+build") or a free label ("fp32", "in22k_ft_in1k"). */
    /** model_version.io_signature is a TEXT column: 65,535 bytes on MariaDB. */
    static final int MAX_SIGNATURE_BYTES = 65_535;

    static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,63}");

    private final ModelFamilies families;
    private final VersionReadModel reads;
    private final AuditLog audit;
    private final ArtifactRules artifactRules;
    private final Clock clock;
    private final Jsonb jsonb = JsonbBuilder.create();

    @Inject
    @SharedEntityManager
    private EntityManager entityManager;

    @Inject
    public ModelVersions(ModelFamilies families, VersionReadModel reads, AuditLog audit, ArtifactRules artifactRules) {
        this(families, reads, audit, artifactRules, Clock.systemUTC());
    }

    ModelVersions(ModelFamilies families, VersionReadModel reads, AuditLog audit, ArtifactRules artifactRules,
                  Clock clock) {
        this.families = families;
        this.reads = reads;
        this.audit = audit;
        this.artifactRules = artifactRules;
        this.clock = clock;
    }

    public record NewVersion(String label, ArtifactSpec artifact, LineageSpec lineage) {
    }

    public record LineageSpec(String kind, Long parentVersionId) {
    }

    /** Null fields stay as they are; only a PROPOSED version changes its label or artifact. */
    public record VersionChanges(Long revision, String label, ArtifactSpec artifact) {
    }

    @Transactional
    public VersionView register(long familyId, NewVersion request, String actor) {
        ModelFamily family = families.find(familyId);
        List<FieldError> errors = new ArrayList<>();
        validateLabel(errors, request.label());
        if (request.artifact() != null) {
            request.artifact().validate("artifact", errors, artifactRules.policy());
        }
        LineageKind lineageKind = null;
        if (request.lineage() != null) {
            lineageKind = LineageKind.parse(request.lineage().kind()).orElse(null);
            if (lineageKind == null) {
                errors.add(FieldError.field("lineage.kind", "one of " + LineageKind.allowed()));
            }
            if (request.lineage().parentVersionId() == null) {
                errors.add(FieldError.field("lineage.parentVersionId", "the id of the version this one derives from"));
            } else if (entityManager.find(ModelVersion.class, request.lineage().parentVersionId()) == null) {
                errors.add(FieldError.field("lineage.parentVersionId",
                        "no model version " + request.lineage().parentVersionId()));
            }
        }
        if (errors.isEmpty() && labelTaken(familyId, request.label())) {
            errors.add(duplicateLabel(family, request.label()));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("The model version is not valid.", errors);
        }
        ArtifactSpec artifact = request.artifact() == null ? null : request.artifact().normalized();
        Instant now = clock.instant();
        long id;
        try {
            id = Rows.insert(entityManager.unwrap(Connection.class), "INSERT INTO model_version (family_id, task, label,"
                            + " status, artifact_uri, artifact_sha256, artifact_size_bytes, artifact_format,"
                            + " artifact_opset, artifact_served_model, lineage_kind, parent_version_id, search_text,"
                            + " created_at, created_by, updated_at, version)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                    familyId, family.task(), request.label(), VersionStatus.PROPOSED,
                    artifact == null ? null : artifact.uri(), artifact == null ? null : artifact.sha256(),
                    artifact == null ? null : artifact.sizeBytes(), artifact == null ? null : artifact.format(),
                    artifact == null ? null : artifact.opset(), artifact == null ? null : artifact.servedModel(),
                    lineageKind == null ? null : lineageKind.wire(),
                    lineageKind == null ? null : request.lineage().parentVersionId(),
                    searchText(family, request.label()), now, actor, now);
        } catch (Rows.DataAccessException e) {
            if (e.isUniqueViolation()) {
                // Lost a race with a concurrent registration of the same label.
                throw ProblemException.unprocessable("The model version is not valid.",
                        List.of(duplicateLabel(family, request.label())));
            }
            throw e;
        }
        VersionView created = reads.byId(id).orElseThrow();
        audit.append(new AuditLog.Change(AuditLog.VERSION, Long.toString(id), id, "CREATED", actor, now, null, created));
        return created;
    }

    @Transactional
    public VersionView update(long id, VersionChanges changes, String actor) {
        ModelVersion version = locked(id);
        VersionView before = reads.byId(id).orElseThrow();
        Revisions.require(changes.revision(), version.revision(), before);
        if (version.status() != VersionStatus.PROPOSED) {
            throw ProblemException.conflict("version-frozen", "A " + version.status() + " version's label and artifact"
                    + " no longer change: the review is about them. Register a new version instead.", before);
        }
        List<FieldError> errors = new ArrayList<>();
        String label = changes.label() == null ? version.label() : changes.label();
        if (changes.label() != null) {
            validateLabel(errors, changes.label());
        }
        if (changes.artifact() != null) {
            changes.artifact().validate("artifact", errors, artifactRules.policy());
        }
        if (errors.isEmpty() && !label.equals(version.label()) && labelTaken(version.familyId(), label)) {
            errors.add(duplicateLabel(families.find(version.familyId()), label));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("The change is not valid.", errors);
        }
        return audited(before, "UPDATED", actor, now -> version.change(label,
                changes.artifact() == null ? null : changes.artifact().normalized(),
                searchText(families.find(version.familyId()), label), now));
    }

    /**
     * Makes a change to the version's row at this instant and appends it to the audit log with the
     * version as it was ({@code before}) and as it is now; the version as it is now.
     */
    private VersionView audited(VersionView before, String action, String actor, Consumer<Instant> change) {
        Instant now = clock.instant();
        change.accept(now);
        entityManager.flush();
        VersionView after = reads.byId(before.id()).orElseThrow();
        audit.append(new AuditLog.Change(AuditLog.VERSION, Long.toString(before.id()), before.id(), action, actor, now,
                before, after));
        return after;
    }

    /** What a runner read from the model the first time it loaded it. */
    public record TensorSignature(String name, String dtype, List<String> shape) {
    }

    public record SignatureReport(String sha256, Integer opset, List<TensorSignature> inputs,
                                  List<TensorSignature> outputs) {
    }

    public record SignatureOutcome(boolean accepted, String reason, VersionView version) {
    }

    /**
     * A runner's report of the artifact it loaded: refused unless its sha256 is the catalog's
     * (checked on every report); the first accepted report fills the IO signature, later ones
     * leave it as it is, but fill the opset if the catalog has none yet (runners before 0.1.0's
     * opset reading reported none).
     */
    @Transactional
    public SignatureOutcome reportSignature(long id, SignatureReport report, String actor) {
        if (report.opset() != null && (report.opset() < 1 || report.opset() > ArtifactSpec.MAX_OPSET)) {
            throw ProblemException.unprocessable("The signature is not valid.",
                    List.of(FieldError.field("opset", "an ONNX opset between 1 and " + ArtifactSpec.MAX_OPSET)));
        }
        ModelVersion version = locked(id);
        if (version.artifactUri() == null) {
            return new SignatureOutcome(false, "version " + id + " has no artifact", null);
        }
        if (version.artifactSha256() == null) {
            return new SignatureOutcome(false, "the catalog has no sha256 for this artifact yet; register it first", null);
        }
        if (report.sha256() == null || !version.artifactSha256().equals(report.sha256().toLowerCase(Locale.ROOT))) {
            return new SignatureOutcome(false, "sha256 mismatch: the catalog has " + version.artifactSha256()
                    + ", the runner loaded " + report.sha256(), null);
        }
        if (version.ioSignature() != null) {
            if (version.artifactOpset() != null || report.opset() == null) {
                return new SignatureOutcome(true, "signature already recorded", reads.byId(id).orElseThrow());
            }
            VersionView after = audited(reads.byId(id).orElseThrow(), "OPSET_REPORTED", actor,
                    now -> version.recordOpset(report.opset(), now));
            return new SignatureOutcome(true, "signature already recorded; opset recorded", after);
        }
        if (report.inputs() == null || report.inputs().isEmpty() || report.outputs() == null || report.outputs().isEmpty()) {
            throw ProblemException.unprocessable("The signature is not valid.",
                    List.of(FieldError.field("inputs", "at least one input and one output")));
        }
        String signature = jsonb.toJson(new Signature(report.inputs(), report.outputs()));
        if (signature.getBytes(StandardCharsets.UTF_8).length > MAX_SIGNATURE_BYTES) {
            throw ProblemException.unprocessable("The signature is not valid.", List.of(FieldError.field("inputs",
                    "inputs and outputs together, as JSON, at most " + MAX_SIGNATURE_BYTES + " bytes")));
        }
        VersionView after = audited(reads.byId(id).orElseThrow(), "SIGNATURE_REPORTED", actor,
                now -> version.recordSignature(signature, report.opset(), now));
        return new SignatureOutcome(true, "signature recorded", after);
    }

    public record Signature(List<TensorSignature> inputs, List<TensorSignature> outputs) {
    }

    /** The version with its row locked for the rest of the transaction, or 404. */
    public ModelVersion locked(long id) {
        ModelVersion version = entityManager.find(ModelVersion.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (version == null) {
            throw ProblemException.notFound("Model version " + id);
        }
        return version;
    }

    static String searchText(ModelFamily family, String label) {
        return (family.name() + " " + label + " " + family.description()).toLowerCase(Locale.ROOT);
    }

    private boolean labelTaken(long familyId, String label) {
        return !entityManager.createQuery("SELECT v.id FROM ModelVersion v WHERE v.familyId = :family"
                        + " AND v.label = :label", Long.class)
                .setParameter("family", familyId).setParameter("label", label).getResultList().isEmpty();
    }

    private static void validateLabel(List<FieldError> errors, String label) {
        if (label == null || !LABEL.matcher(label).matches()) {
            errors.add(FieldError.field("label", "a semantic version or a free label: 1 to 64 letters, digits"
                    + " or . _ + -, starting with a letter or digit"));
        }
    }

    private static FieldError duplicateLabel(ModelFamily family, String label) {
        return FieldError.field("label", "family '" + family.name() + "' already has a version labelled '" + label + "'");
    }
}
