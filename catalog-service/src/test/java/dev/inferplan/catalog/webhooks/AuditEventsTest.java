package dev.inferplan.catalog.webhooks;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which audit entries become webhook events, and what they say. */
class AuditEventsTest {

    private static AuditEvents.Entry entry(String type, String action, String before, String after) {
        return new AuditEvents.Entry(41, type, "7", 3L, action, "rita", Instant.parse("2026-12-03T12:00:00Z"), before,
                after);
    }

    @Test
    void aVersionsStatusChangeIsAnEvent() {
        AuditEvents.Payload p = AuditEvents.of(entry("version", "STATUS_CHANGED", "{\"status\":\"IN_REVIEW\"}",
                "{\"status\":\"APPROVED\"}")).orElseThrow();
        assertEquals("VERSION_STATUS_CHANGED", p.event());
        assertEquals("IN_REVIEW", p.from());
        assertEquals("APPROVED", p.to());
        assertEquals(41, p.auditEntryId());
        assertEquals(Optional.empty(), AuditEvents.of(entry("version", "APPROVAL_RECORDED", "{\"status\":\"IN_REVIEW\"}",
                "{\"status\":\"IN_REVIEW\"}")), "a first of two Tier 3 approvals changes no status");
    }

    @Test
    void aJobEntryIsAnEventWhenItsStatusChanges() {
        assertEquals("QUEUED", AuditEvents.of(entry("benchmark-job", "SUBMITTED", null, "{\"status\":\"QUEUED\"}"))
                .orElseThrow().to());
        AuditEvents.Payload done = AuditEvents.of(entry("benchmark-job", "SUCCEEDED", "{\"status\":\"RUNNING\"}",
                "{\"status\":\"SUCCEEDED\"}")).orElseThrow();
        assertEquals("JOB_STATE_CHANGED", done.event());
        assertEquals("RUNNING", done.from());
        assertEquals("QUEUED", AuditEvents.of(entry("benchmark-job", "LEASE_EXPIRED", "{\"status\":\"LEASED\"}", null))
                .orElseThrow().to(), "an expired lease re-queues the job");
        assertEquals("FAILED", AuditEvents.of(entry("benchmark-job", "FAILED", "{\"status\":\"RUNNING\"}", null))
                .orElseThrow().to());
        assertEquals(Optional.empty(), AuditEvents.of(entry("benchmark-job", "NOTED", "{\"status\":\"RUNNING\"}",
                "{\"status\":\"RUNNING\"}")));
    }

    @Test
    void aDriftFlagIsAnEventWithItsReasonAndOtherEntriesAreNot() {
        AuditEvents.Payload flag = AuditEvents.of(entry("review-flag", "REVIEW_SUGGESTED", null,
                "{\"reason\":\"p99 +42.86 %\"}")).orElseThrow();
        assertEquals("REVIEW_SUGGESTED", flag.event());
        assertEquals("p99 +42.86 %", flag.reason());
        assertEquals(Optional.empty(), AuditEvents.of(entry("metric", "CREATED", null, "{}")));
    }
}
