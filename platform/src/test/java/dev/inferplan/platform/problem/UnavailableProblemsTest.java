package dev.inferplan.platform.problem;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransientConnectionException;

import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A database that cannot be reached and a full bulkhead are 503s the caller may retry; any other database failure stays a 500. */
class UnavailableProblemsTest {

    @Test
    void connectionFailuresAnywhereInTheCausesAreUnreachable() {
        assertTrue(ProblemMapper.databaseUnreachable(new PersistenceException(
                new SQLTransientConnectionException("catalog - Connection is not available, request timed out after 30000ms"))));
        assertTrue(ProblemMapper.databaseUnreachable(new RuntimeException(new SQLException("Socket fail to connect", "08000"))));
        assertTrue(ProblemMapper.databaseUnreachable(new RuntimeException(new java.net.ConnectException("Connection refused"))));
        // seen in catalog DatabaseRestartIT: the JTA transaction marked for rollback after its connection broke
        assertTrue(ProblemMapper.databaseUnreachable(new PersistenceException(
                new java.sql.SQLTransientException("Non-terminal transaction status: 1"))));
    }

    @Test
    void otherDatabaseFailuresAreNot() {
        assertFalse(ProblemMapper.databaseUnreachable(new PersistenceException(
                new SQLIntegrityConstraintViolationException("Duplicate entry", "23000"))));
        assertFalse(ProblemMapper.databaseUnreachable(new IllegalStateException("bug")));
    }

    @Test
    void aFullBulkheadIsA503ProblemWithRetryAfter() {
        var response = new ProblemMapper().toResponse(
                new org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException("bulkhead full"));
        assertEquals(503, response.getStatus());
        assertEquals("5", response.getHeaderString("Retry-After"));
    }

    @Test
    void theAnswerIsA503ProblemWithRetryAfter() {
        var response = new ProblemMapper().toResponse(new RuntimeException(new SQLException("gone", "08S01")));
        assertEquals(503, response.getStatus());
        assertEquals("5", response.getHeaderString("Retry-After"));
        assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString());
    }

    @Test
    void aRequestInterruptedWhileItWaitedIsBusyNotABug() {
        // seen under 2,000 req/s on pricing: Helidon interrupted the request while Hikari waited for a connection
        var interrupted = new IllegalStateException("cannot read the versions in force",
                new SQLException("pricing - Interrupted during connection acquisition", null, new InterruptedException()));
        assertTrue(ProblemMapper.interrupted(interrupted));
        var response = new ProblemMapper().toResponse(interrupted);
        assertEquals(503, response.getStatus());
        assertEquals("5", response.getHeaderString("Retry-After"));
        assertFalse(ProblemMapper.interrupted(new IllegalStateException("bug")));
    }
}
