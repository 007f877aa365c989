package dev.inferplan.catalog.tiers;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.inferplan.catalog.audit.AuditLog;
import dev.inferplan.catalog.costs.CostEstimates;
import dev.inferplan.catalog.persistence.Revisions;
import dev.inferplan.catalog.versions.EvidenceChanged;
import dev.inferplan.catalog.versions.ModelVersion;
import dev.inferplan.catalog.versions.ModelVersions;
import dev.inferplan.catalog.versions.Tier;
import dev.inferplan.catalog.versions.VersionReadModel;
import dev.inferplan.catalog.versions.VersionView;
import dev.inferplan.platform.persistence.SharedEntityManager;
import dev.inferplan.platform.problem.Problem.FieldError;
import dev.inferplan.platform.problem.ProblemException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * A version's tier: the policy's proposal, recomputed whenever its evidence changes (a metric or
 * a cost estimate), and the committee's override with a reason. Both changes are audited.
 */
@ApplicationScoped
public class Tiers {

    private final TierPolicy policy;
    private final ModelVersions versions;
    private final VersionReadModel reads;
    private final CostEstimates costs;
    private final AuditLog audit;
    private final Clock clock = Clock.systemUTC();

    @Inject
    @SharedEntityManager
    private EntityManager entityManager;

    @Inject
    public Tiers(TierPolicy policy, ModelVersions versions, VersionReadModel reads, CostEstimates costs, AuditLog audit) {
        this.policy = policy;
        this.versions = versions;
        this.reads = reads;
        this.costs = costs;
        this.audit = audit;
    }

    /** What the policy proposes for the version now, and why. */
    public record Assessment(String tier, String proposedTier, VersionView.TierOverride override, List<String> reasons,
                             TierPolicy.Thresholds thresholds) {
    }

    @Transactional
    public Assessment assess(long versionId) {
        VersionView version = reads.byId(versionId).orElseThrow(() -> ProblemException.notFound("Model version " + versionId));
        TierPolicy.Proposal proposal = propose(version);
        return new Assessment(version.tier(), version.proposedTier(), version.tierOverride(), proposal.reasons(),
                proposal.thresholds());
    }

    /**
     * Re-runs the policy when a metric or cost estimate is added, in the command's transaction; the
     * command holds the version's row lock.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void refresh(@Observes EvidenceChanged changed) {
        ModelVersion version = changed.version();
        String actor = changed.actor();
        entityManager.flush();
        VersionView before = reads.byId(version.id()).orElseThrow();
        TierPolicy.Proposal proposal = propose(before);
        String proposed = proposal.asOptional().map(Tier::name).orElse(null);
        if (Objects.equals(proposed, version.proposedTier())) {
            return;
        }
        Instant now = clock.instant();
        version.propose(proposed, now);
        entityManager.flush();
        audit.append(new AuditLog.Change(AuditLog.TIER, Long.toString(version.id()), version.id(), "PROPOSED", actor, now,
                new TierState(before.tier(), before.proposedTier(), null, proposal.reasons()),
                new TierState(version.tier(), proposed, null, proposal.reasons())));
    }

    public record TierOverrideRequest(String tier, String reason, Long revision) {
    }

    /** What {@code tier} says to return to the policy's proposal; it must be said, never implied by a missing tier. */
    public static final String CLEAR = "PROPOSED";

    /**
     * The committee sets the tier in force ({@code TIER_1..3}), or returns to the proposal with
     * {@code tier: "PROPOSED"}; both need a reason and are audited. Any other tier, or none, is refused.
     */
    @Transactional
    public VersionView override(long versionId, TierOverrideRequest request, String actor) {
        ModelVersion version = versions.locked(versionId);
        VersionView before = reads.byId(versionId).orElseThrow();
        Revisions.checkIfQuoted(request.revision(), version.revision(), before);
        List<FieldError> errors = new ArrayList<>();
        boolean clear = CLEAR.equals(request.tier());
        Tier tier = clear ? null : Tier.parse(request.tier()).orElse(null);
        if (!clear && tier == null) {
            errors.add(FieldError.field("tier", "TIER_1, TIER_2 or TIER_3 to override, or \"" + CLEAR
                    + "\" to return to the policy's proposal"));
        }
        if (request.reason() == null || request.reason().isBlank() || request.reason().length() > 2000) {
            errors.add(FieldError.field("reason", "the committee's reason, 1 to 2000 characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("The override is not valid.", errors);
        }
        Instant now = clock.instant();
        version.override(clear ? null : tier.name(), clear ? null : request.reason().strip(), clear ? null : actor, now);
        entityManager.flush();
        VersionView after = reads.byId(versionId).orElseThrow();
        audit.append(new AuditLog.Change(AuditLog.TIER, Long.toString(versionId), versionId,
                clear ? "OVERRIDE_CLEARED" : "OVERRIDDEN", actor, now,
                new TierState(before.tier(), before.proposedTier(), before.tierOverride(), List.of()),
                new TierState(after.tier(), after.proposedTier(), after.tierOverride(), List.of(request.reason().strip()))));
        return after;
    }

    private TierPolicy.Proposal propose(VersionView version) {
        return policy.propose(version.task(), version.metrics(), costs.cheapestPer1kUsd(version.id()));
    }

    public record TierState(String tier, String proposedTier, VersionView.TierOverride override, List<String> reasons) {
    }
}
