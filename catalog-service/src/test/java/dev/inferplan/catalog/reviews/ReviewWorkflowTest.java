package dev.inferplan.catalog.reviews;

import java.util.List;

import dev.inferplan.catalog.versions.VersionStatus;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReviewWorkflowTest {

    @Test
    void eachStatusAllowsExactlyTheIssuesTransitions() {
        assertEquals(List.of(ReviewAction.SUBMIT), ReviewWorkflow.allowed(VersionStatus.PROPOSED));
        assertEquals(List.of(ReviewAction.APPROVE, ReviewAction.REJECT), ReviewWorkflow.allowed(VersionStatus.IN_REVIEW));
        assertEquals(List.of(ReviewAction.DEPRECATE), ReviewWorkflow.allowed(VersionStatus.APPROVED));
        assertEquals(List.of(), ReviewWorkflow.allowed(VersionStatus.REJECTED));
        assertEquals(List.of(), ReviewWorkflow.allowed(VersionStatus.DEPRECATED));
    }

    @Test
    void actionsLeadWhereTheWorkflowSays() {
        assertEquals(VersionStatus.IN_REVIEW, ReviewWorkflow.target(ReviewAction.SUBMIT));
        assertEquals(VersionStatus.APPROVED, ReviewWorkflow.target(ReviewAction.APPROVE));
        assertEquals(VersionStatus.REJECTED, ReviewWorkflow.target(ReviewAction.REJECT));
        assertEquals(VersionStatus.DEPRECATED, ReviewWorkflow.target(ReviewAction.DEPRECATE));
    }

    @Test
    void onlySubmitIsTheTeams() {
        assertFalse(ReviewAction.SUBMIT.committeeOnly());
        assertTrue(ReviewAction.APPROVE.committeeOnly());
        assertTrue(ReviewAction.REJECT.committeeOnly());
        assertTrue(ReviewAction.DEPRECATE.committeeOnly());
        assertEquals(ReviewAction.APPROVE, ReviewAction.parse(" approve ").orElseThrow());
        assertTrue(ReviewAction.parse("MERGE").isEmpty());
    }

    @Test
    void tier3NeedsTheConfiguredNumberOfApprovalsOthersOne() {
        GovernanceGates gates = new GovernanceGates(true, true, 2);
        assertEquals(2, gates.approvalsRequired("TIER_3"));
        assertEquals(1, gates.approvalsRequired("TIER_2"));
        assertEquals(1, gates.approvalsRequired(null));
    }
}
