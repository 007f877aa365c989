package dev.inferplan.catalog.published;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.inferplan.catalog.audit.AuditLog;
import dev.inferplan.catalog.benchmarks.BenchmarkResults;
import dev.inferplan.catalog.benchmarks.ResultView;
import dev.inferplan.catalog.metrics.Provenance;
import dev.inferplan.catalog.persistence.Rows;
import dev.inferplan.platform.persistence.SharedEntityManager;
import dev.inferplan.platform.problem.Problem.FieldError;
import dev.inferplan.platform.problem.ProblemException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

/**
 * Published benchmark evidence with the committee's word on it (issue 13 §5). A reviewer or admin
 * posts a published result with its citation, recorded as theirs; a team member proposes one,
 * which is not evidence at all (no result row: not counted, not streamed to the recommender) until
 * a reviewer or admin accepts it, and a rejection keeps the proposal with the reason. Each step is
 * one transaction and audited.
 */
@ApplicationScoped
public class PublishedEvidence {

    public static final String ENTITY_PROPOSAL = "evidence-proposal";
    public static final String ENTITY_CITATION = "result-citation";

    private final BenchmarkResults results;
    private final AuditLog audit;
    private final Jsonb jsonb = JsonbBuilder.create();
    private final Clock clock = Clock.systemUTC();

    @Inject
    @SharedEntityManager
    private EntityManager entityManager;

    @Inject
    public PublishedEvidence(BenchmarkResults results, AuditLog audit) {
        this.results = results;
        this.audit = audit;
    }

    /** A reviewer's decision on a proposal: ACCEPT (reason optional) or REJECT (reason required). */
    public record Decision(String action, String reason) {
    }

    /** The citation as the API shows it, with who recorded it. */
    public record CitationView(long resultId, Citation citation, String recordedBy, Instant recordedAt, Long proposalId) {
        static CitationView of(ResultCitation c) {
            return new CitationView(c.resultId(), c.citation(), c.recordedBy(), c.recordedAt(), c.proposalId());
        }
    }

    /** A reviewer or admin records a published result and its citation (the caller checked the role). */
    @Transactional
    public ResultView record(PublishedResultRequest request, String actor) {
        BenchmarkResults.NewResult result = checked(request);
        ResultView created = results.record(result, actor);
        cite(created.id(), request.citation().stripped(), actor, null, created.modelVersionId());
        return created;
    }

    /** A team member proposes a published result: stored PROPOSED, not evidence until accepted. */
    @Transactional
    public ProposalView propose(PublishedResultRequest request, String actor) {
        BenchmarkResults.NewResult result = checked(request);
        Citation citation = request.citation().stripped();
        Instant now = clock.instant();
        long id = Rows.insert(entityManager.unwrap(Connection.class), "INSERT INTO evidence_proposal (model_version_id,"
                        + " pool, result_json, url, document, table_ref, status, proposed_by, proposed_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", result.modelVersionId(), result.pool(),
                jsonb.toJson(result), citation.url(), citation.document(), citation.table(),
                EvidenceProposal.Status.PROPOSED, actor, now);
        ProposalView created = ProposalView.of(entityManager.find(EvidenceProposal.class, id));
        audit.append(new AuditLog.Change(ENTITY_PROPOSAL, Long.toString(id), result.modelVersionId(), "PROPOSED", actor,
                now, null, created));
        return created;
    }

    /**
     * A reviewer or admin accepts a proposal (its result is recorded, proposed by its proposer, and
     * its citation as the reviewer's) or rejects it with a reason. A decided proposal is 409.
     */
    @Transactional
    public ProposalView decide(long proposalId, Decision decision, String actor) {
        String action = decision == null || decision.action() == null ? "" : decision.action().strip().toUpperCase(Locale.ROOT);
        String reason = decision == null || decision.reason() == null || decision.reason().isBlank() ? null
                : decision.reason().strip();
        List<FieldError> errors = new ArrayList<>();
        if (!action.equals("ACCEPT") && !action.equals("REJECT")) {
            errors.add(FieldError.field("action", "ACCEPT or REJECT"));
        }
        if ((action.equals("REJECT") && reason == null) || (reason != null && reason.length() > 2000)) {
            errors.add(FieldError.field("reason", "why (1 to 2000 characters; required to reject)"));
        }
        EvidenceProposal proposal = entityManager.find(EvidenceProposal.class, proposalId);
        if (proposal == null) {
            throw ProblemException.notFound("Evidence proposal " + proposalId);
        }
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("The decision is not valid.", errors);
        }
        ProposalView before = ProposalView.of(proposal);
        Instant now = clock.instant();
        EvidenceProposal.Status to = action.equals("ACCEPT") ? EvidenceProposal.Status.ACCEPTED
                : EvidenceProposal.Status.REJECTED;
        // The status flips only from PROPOSED, in one statement: of two reviewers deciding at once, one wins.
        int changed = Rows.update(entityManager.unwrap(Connection.class), "UPDATE evidence_proposal SET status = ?,"
                + " decided_by = ?, decided_at = ?, decision_reason = ? WHERE id = ? AND status = ?", to, actor, now, reason,
                proposalId, EvidenceProposal.Status.PROPOSED);
        if (changed == 0) {
            entityManager.refresh(proposal);
            ProposalView current = ProposalView.of(proposal);
            throw ProblemException.conflict("already-decided", "Evidence proposal " + proposalId + " was already "
                    + current.status() + " by " + current.decidedBy() + ".", current);
        }
        if (to == EvidenceProposal.Status.ACCEPTED) {
            BenchmarkResults.NewResult result = jsonb.fromJson(proposal.resultJson(), BenchmarkResults.NewResult.class);
            ResultView created = results.record(result, proposal.proposedBy());
            Rows.update(entityManager.unwrap(Connection.class), "UPDATE evidence_proposal SET result_id = ? WHERE id = ?",
                    created.id(), proposalId);
            cite(created.id(), proposal.citation(), actor, proposalId, created.modelVersionId());
        }
        entityManager.refresh(proposal);
        ProposalView after = ProposalView.of(proposal);
        audit.append(new AuditLog.Change(ENTITY_PROPOSAL, Long.toString(proposalId), proposal.modelVersionId(), to.name(),
                actor, now, before, after));
        return after;
    }

    @Transactional
    public List<ProposalView> proposals(Optional<String> status, Optional<Long> modelVersionId) {
        StringBuilder jpql = new StringBuilder("SELECT p FROM EvidenceProposal p WHERE 1 = 1");
        Optional<EvidenceProposal.Status> wanted = status.map(s -> parseStatus(s));
        wanted.ifPresent(s -> jpql.append(" AND p.status = :status"));
        modelVersionId.ifPresent(v -> jpql.append(" AND p.modelVersionId = :version"));
        TypedQuery<EvidenceProposal> query = entityManager.createQuery(jpql + " ORDER BY p.id", EvidenceProposal.class);
        wanted.ifPresent(s -> query.setParameter("status", s.name()));
        modelVersionId.ifPresent(v -> query.setParameter("version", v));
        return query.getResultStream().map(ProposalView::of).toList();
    }

    @Transactional
    public ProposalView proposal(long id) {
        return Optional.ofNullable(entityManager.find(EvidenceProposal.class, id)).map(ProposalView::of)
                .orElseThrow(() -> ProblemException.notFound("Evidence proposal " + id));
    }

    @Transactional
    public CitationView citation(long resultId) {
        return Optional.ofNullable(entityManager.find(ResultCitation.class, resultId)).map(CitationView::of)
                .orElseThrow(() -> ProblemException.notFound("A citation recorded by a reviewer for result " + resultId));
    }

    private BenchmarkResults.NewResult checked(PublishedResultRequest request) {
        if (request == null) {
            throw ProblemException.unprocessable("A published result is required.",
                    List.of(FieldError.field("provenance.kind", "PUBLISHED"), FieldError.field("citation", "required")));
        }
        BenchmarkResults.NewResult result = request.toNewResult();
        List<FieldError> errors = new ArrayList<>(results.validate(result));
        if (result.provenance() != null && Provenance.parse(result.provenance().kind()).orElse(null) == Provenance.MEASURED) {
            errors.removeIf(e -> e.field().equals("provenance.kind"));
            errors.add(FieldError.field("provenance.kind", "PUBLISHED (measured results come from runners)"));
        }
        errors.addAll(Citation.errors(request.citation()));
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("The published result is not valid.", errors);
        }
        return result;
    }

    private void cite(long resultId, Citation citation, String actor, Long proposalId, long modelVersionId) {
        Instant now = clock.instant();
        Rows.update(entityManager.unwrap(Connection.class), "INSERT INTO result_citation (result_id, url, document,"
                        + " table_ref, recorded_by, recorded_at, proposal_id) VALUES (?, ?, ?, ?, ?, ?, ?)", resultId,
                citation.url(), citation.document(), citation.table(), actor, now, proposalId);
        audit.append(new AuditLog.Change(ENTITY_CITATION, Long.toString(resultId), modelVersionId, "RECORDED", actor, now,
                null, CitationView.of(entityManager.find(ResultCitation.class, resultId))));
    }

    private static EvidenceProposal.Status parseStatus(String text) {
        try {
            return EvidenceProposal.Status.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("Unknown status.", FieldError.field("status", "PROPOSED, ACCEPTED or REJECTED"));
        }
    }
}
