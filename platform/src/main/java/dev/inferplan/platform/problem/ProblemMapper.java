package dev.inferplan.platform.problem;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.json.bind.JsonbException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.glassfish.jersey.server.ParamException;

/**
 * The one exception mapper of every service: whatever escapes a resource becomes
 * {@code application/problem+json}. Unexpected failures answer 500 with an error id that is
 * also logged, never with a stack trace.
 */
@Provider
@ApplicationScoped
public class ProblemMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOGGER = Logger.getLogger(ProblemMapper.class.getName());

    @Context
    private UriInfo uriInfo;

    @Override
    public Response toResponse(Throwable exception) {
        Problem problem = toProblem(exception);
        Response.ResponseBuilder response = Response.status(problem.status());
        if (exception instanceof WebApplicationException web && web.getResponse() != null) {
            // e.g. Allow with a 405, WWW-Authenticate with a 401
            web.getResponse().getHeaders().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                    values.forEach(value -> response.header(name, value));
                }
            });
        }
        if (problem.status() == 503) {
            response.header("Retry-After", RETRY_AFTER_SECONDS);
        }
        return response.type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static final String RETRY_AFTER_SECONDS = "5";

    Problem toProblem(Throwable exception) {
        URI instance = ProblemResponseFilter.instance(uriInfo);
        Throwable cause = unwrapJsonb(exception);
        if (exception instanceof ProblemException problem) {
            return problem.toProblem(instance);
        }
        if (cause instanceof JsonbException) {
            // Yasson's messages name Java classes: never shown (StrictJsonReader names the field instead)
            return new Problem(URI.create(Problem.TYPE_BASE + "malformed-json"), "Malformed JSON", 400,
                    "The request body is not valid JSON for this resource.", instance, List.of());
        }
        if (exception instanceof ParamException param && !(param instanceof ParamException.PathParamException)) {
            // JAX-RS answers 404 for a query parameter it cannot convert; the caller needs to know which one
            return new Problem(URI.create(Problem.TYPE_BASE + "bad-request"), "Bad request", 400,
                    "A request parameter has a value of the wrong type.", instance,
                    List.of(Problem.FieldError.field(param.getParameterName(), "not a value of this parameter's type")));
        }
        if (readingTheRequest(exception)) {
            return new Problem(URI.create(Problem.TYPE_BASE + "bad-request"), "Bad request", 400,
                    "The request body could not be read: its length or chunked framing is malformed, or it ended early.",
                    instance, List.of());
        }
        if (exception instanceof WebApplicationException web) {
            Response.StatusType status = web.getResponse().getStatusInfo();
            String detail = ProblemResponseFilter.detailFor(status.getStatusCode());
            return new Problem(ProblemResponseFilter.typeFor(status.getStatusCode()), status.getReasonPhrase(),
                    status.getStatusCode(), detail == null ? web.getMessage() : detail, instance, List.of());
        }
        if (exception instanceof org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException
                || interrupted(exception)) {
            // a full bulkhead: answered at once instead of queueing until memory runs out
            return new Problem(URI.create(Problem.TYPE_BASE + "busy"), "Service unavailable", 503,
                    "The service is at its limit of concurrent requests; retry shortly.", instance, List.of());
        }
        if (databaseUnreachable(exception)) {
            LOGGER.log(Level.WARNING, "the database is unreachable; answered 503: " + exception);
            return new Problem(URI.create(Problem.TYPE_BASE + "database-unavailable"), "Service unavailable", 503,
                    "The database is unreachable; nothing was stored. Retry shortly.", instance, List.of());
        }
        String errorId = UUID.randomUUID().toString();
        LOGGER.log(Level.SEVERE, "Unexpected failure, error id " + errorId, exception);
        return new Problem(URI.create(Problem.TYPE_BASE + "internal"), "Internal error", 500,
                "An unexpected error occurred; quote error id " + errorId + " when reporting it.", instance, List.of());
    }

    /**
     * A failure of Helidon's HTTP/1 connection while it read the request body for the resource (a chunk
     * size that is not a number, a body cut short): the request's fault, not the service's. Helidon
     * throws these from inside the entity stream as plain runtime exceptions.
     */
    static boolean readingTheRequest(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.helidon.http.RequestException) {
                return true;
            }
            for (StackTraceElement frame : t.getStackTrace()) {
                if (frame.getClassName().equals("io.helidon.webserver.http1.Http1Connection")
                        && (frame.getMethodName().startsWith("readNextChunk") || frame.getMethodName().startsWith("readEntity")
                        || frame.getMethodName().startsWith("readLengthEntity"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The database cannot be reached or could not finish (the server is down or restarting, the pool
     * cannot get a connection, the transaction was rolled back when its connection broke): SQL state
     * class 08, a connection exception or a transient SQL exception anywhere in the causes. The
     * transaction did not commit, so the caller may retry; it is the service's state, not a bug.
     */
    static boolean databaseUnreachable(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // SQLTransientException: what failed may succeed when retried as it is (the pool timed out, or the
            // transaction was marked for rollback when its connection broke: "Non-terminal transaction status: 1")
            if (t instanceof java.sql.SQLTransientException || t instanceof java.sql.SQLNonTransientConnectionException
                    || t instanceof java.net.ConnectException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The request's thread was interrupted while it waited (for a pooled connection, say): the server is
     * shedding load or the caller went away, not a bug; the request did nothing and may be retried.
     */
    static boolean interrupted(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InterruptedException || t instanceof java.io.InterruptedIOException
                    || t instanceof java.nio.channels.ClosedByInterruptException) {
                return true;
            }
        }
        return false;
    }

    private static Throwable unwrapJsonb(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof JsonbException) {
                return t;
            }
        }
        return exception;
    }
}
