package dev.inferplan.catalog.reviews;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.inferplan.catalog.audit.AuditLog;
import dev.inferplan.catalog.costs.CostEstimates;
import dev.inferplan.catalog.persistence.Revisions;
import dev.inferplan.catalog.persistence.Rows;
import dev.inferplan.catalog.versions.ModelVersion;
import dev.inferplan.catalog.versions.ModelVersions;
import dev.inferplan.catalog.versions.VersionReadModel;
import dev.inferplan.catalog.versions.VersionStatus;
import dev.inferplan.catalog.versions.VersionView;
import dev.inferplan.platform.persistence.SharedEntityManager;
import dev.inferplan.platform.problem.Problem.FieldError;
import dev.inferplan.platform.problem.ProblemException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The committee's workflow on a version. Each decision is one transaction that first locks the
 * version's row: of two reviewers deciding at once, the second waits, then finds the version
 * already moved on (a stale revision, or an action no longer allowed) and gets 409 with the
 * version as it now is. Every decision is recorded (who, when, why) and audited.
 */
@ApplicationScoped
public class Reviews {

    private final ModelVersions versions;
    private final VersionReadModel reads;
    private final BenchmarkGate benchmarkGate;
    private final CostEstimates costs;
    private final GovernanceGates gates;
    private final AuditLog audit;
    private final Clock clock = Clock.systemUTC();

    @Inject
    @SharedEntityManager
    private EntityManager entityManager;

    @Inject
    public Reviews(ModelVersions versions, VersionReadModel reads, BenchmarkGate benchmarkGate, CostEstimates costs,
                   GovernanceGates gates, AuditLog audit) {
        this.versions = versions;
        this.reads = reads;
        this.benchmarkGate = benchmarkGate;
        this.costs = costs;
        this.gates = gates;
        this.audit = audit;
    }

    /** {@code revision}, when quoted, must be the version's current one. */
    public record ReviewRequest(String action, String reason, Long revision) {
    }

    public record DecisionView(long id, long modelVersionId, String action, String fromStatus, String toStatus,
                               String reason, String decidedBy, Instant decidedAt) {
        static DecisionView of(ReviewDecision d) {
            return new DecisionView(d.id(), d.modelVersionId(), d.action(), d.fromStatus(), d.toStatus(), d.reason(),
                    d.decidedBy(), d.decidedAt());
        }
    }

    /** The decision and the version after it; a Tier 3 approval shows how many approvals it has and needs. */
    public record ReviewOutcome(DecisionView decision, VersionView version, int approvals, int approvalsRequired) {
    }

    public record CommentView(long id, long modelVersionId, String body, String author, Instant createdAt) {
        static CommentView of(ReviewComment c) {
            return new CommentView(c.id(), c.modelVersionId(), c.body(), c.author(), c.createdAt());
        }
    }

    @Transactional
    public ReviewOutcome decide(long versionId, ReviewRequest request, String actor, boolean committee) {
        ModelVersion version = versions.locked(versionId);
        VersionView before = reads.byId(versionId).orElseThrow();
        Revisions.checkIfQuoted(request.revision(), version.revision(), before);
        ReviewAction action = ReviewAction.parse(request.action()).orElseThrow(() -> ProblemException.unprocessable(
                "The review action is not valid.", List.of(FieldError.field("action", "SUBMIT, APPROVE, REJECT or DEPRECATE"))));
        if (action.committeeOnly() && !committee) {
            throw new ProblemException(403, "forbidden", "Forbidden", action + " is the review committee's decision"
                    + " (role reviewer or admin).", List.of());
        }
        VersionStatus from = version.status();
        List<ReviewAction> allowed = ReviewWorkflow.allowed(from);
        if (!allowed.contains(action)) {
            throw ProblemException.conflict("illegal-transition", action + " is not allowed on a " + from + " version;"
                    + (allowed.isEmpty() ? " no action is (" + from + " is final)." : " allowed: " + allowed + "."),
                    before, FieldError.field("action", allowed.isEmpty() ? "none allowed from " + from
                            : "allowed from " + from + ": " + allowed));
        }
        String reason = request.reason() == null || request.reason().isBlank() ? null : request.reason().strip();
        if ((action.committeeOnly() && reason == null) || (reason != null && reason.length() > 2000)) {
            throw ProblemException.unprocessable("The review is not valid.", List.of(FieldError.field("reason",
                    "a committee decision records why: 1 to 2000 characters")));
        }
        int required = 1;
        int approvals = 0;
        VersionStatus to = ReviewWorkflow.target(action);
        if (action == ReviewAction.APPROVE) {
            checkGates(versionId, before);
            required = gates.approvalsRequired(version.tier());
            List<String> approvers = approversThisRound(versionId);
            if (approvers.contains(actor)) {
                throw ProblemException.conflict("second-reviewer-required", "You already approved this " + version.tier()
                        + " version; it needs " + required + " distinct reviewers' approvals.", before);
            }
            approvals = approvers.size() + 1;
            if (approvals < required) {
                to = VersionStatus.IN_REVIEW;
            }
        }
        Instant now = clock.instant();
        if (to != from) {
            version.changeStatus(to, now);
        } else {
            version.touch(now);
        }
        entityManager.flush();
        long decisionId = Rows.insert(entityManager.unwrap(Connection.class), "INSERT INTO review_decision"
                        + " (model_version_id, action, from_status, to_status, reason, decided_by, decided_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)", versionId, action, from, to, reason, actor, now);
        DecisionView decision = DecisionView.of(entityManager.find(ReviewDecision.class, decisionId));
        VersionView after = reads.byId(versionId).orElseThrow();
        audit.append(new AuditLog.Change(AuditLog.REVIEW, Long.toString(decisionId), versionId, action.name(), actor, now,
                null, decision));
        audit.append(new AuditLog.Change(AuditLog.VERSION, Long.toString(versionId), versionId,
                to == from ? "APPROVAL_RECORDED" : "STATUS_CHANGED", actor, now, before, after));
        return new ReviewOutcome(decision, after, approvals, required);
    }

    @Transactional
    public List<DecisionView> history(long versionId) {
        return entityManager.createQuery("SELECT d FROM ReviewDecision d WHERE d.modelVersionId = :id ORDER BY d.id",
                ReviewDecision.class).setParameter("id", versionId).getResultStream().map(DecisionView::of).toList();
    }

    @Transactional
    public CommentView comment(long versionId, String body, String actor) {
        versions.locked(versionId);
        if (body == null || body.isBlank() || body.length() > 4000) {
            throw ProblemException.unprocessable("The comment is not valid.",
                    List.of(FieldError.field("body", "1 to 4000 characters")));
        }
        Instant now = clock.instant();
        long id = Rows.insert(entityManager.unwrap(Connection.class), "INSERT INTO review_comment (model_version_id, body,"
                + " author, created_at) VALUES (?, ?, ?, ?)", versionId, body.strip(), actor, now);
        CommentView created = CommentView.of(entityManager.find(ReviewComment.class, id));
        audit.append(new AuditLog.Change(AuditLog.COMMENT, Long.toString(id), versionId, "CREATED", actor, now, null, created));
        return created;
    }

    @Transactional
    public List<CommentView> comments(long versionId) {
        return entityManager.createQuery("SELECT c FROM ReviewComment c WHERE c.modelVersionId = :id ORDER BY c.id",
                ReviewComment.class).setParameter("id", versionId).getResultStream().map(CommentView::of).toList();
    }

    private void checkGates(long versionId, VersionView current) {
        List<FieldError> missing = new ArrayList<>();
        if (gates.requireBenchmarkResult()) {
            BenchmarkGate.Finding finding = benchmarkGate.judge(versionId);
            if (!finding.passes()) {
                Map<String, List<Long>> byReason = new TreeMap<>();
                finding.notCounted().forEach((id, why) -> byReason.computeIfAbsent(why, k -> new ArrayList<>()).add(id));
                missing.add(FieldError.field("benchmarkResults", "a benchmark result that counts is required: valid and"
                        + " MEASURED by a runner's job on a registered pool, or PUBLISHED with a citation a reviewer or"
                        + " admin recorded" + (byReason.isEmpty() ? " (the version has none)" : "; not counted: "
                        + String.join("; ", byReason.entrySet().stream().map(e -> "results " + e.getValue() + " "
                        + e.getKey()).toList()))));
            }
        }
        if (gates.requireCostEstimate()) {
            CostEstimates.CostGate cost = costs.gate(versionId);
            if (!cost.passes()) {
                String path = "/api/catalog/versions/" + versionId + "/cost-estimates";
                missing.add(FieldError.field("costEstimates", cost.manualWithoutReason().isEmpty()
                        ? "a cost estimate is required: a saved recommender report (POST " + path
                        + " {source: REPORT, reportId}) or a hand-typed one a reviewer accepts with a reason"
                        : "hand-typed cost estimate(s) " + cost.manualWithoutReason() + " lack a reviewer's stated reason"
                        + " (POST " + path + "/{id}/acceptance {reason}); or attach a saved recommender report"
                        + " (source REPORT)"));
            }
        }
        if (!missing.isEmpty()) {
            throw ProblemException.conflict("approval-gate", "The governance gates refuse this approval: "
                    + String.join("; ", missing.stream().map(e -> e.reason()).toList()) + ".", current,
                    missing.toArray(FieldError[]::new));
        }
    }

    /** Who approved since the version was last submitted (the current review round). */
    private List<String> approversThisRound(long versionId) {
        return entityManager.createQuery("SELECT DISTINCT d.decidedBy FROM ReviewDecision d WHERE d.modelVersionId = :id"
                        + " AND d.action = 'APPROVE' AND d.id > (SELECT MAX(s.id) FROM ReviewDecision s"
                        + " WHERE s.modelVersionId = :id AND s.action = 'SUBMIT')", String.class)
                .setParameter("id", versionId).getResultList();
    }
}
