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
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }

    Problem toProblem(Throwable exception) {
        URI instance = uriInfo == null ? null : URI.create(uriInfo.getRequestUri().getRawPath());
        Throwable cause = unwrapJsonb(exception);
        if (exception instanceof ProblemException problem) {
            return problem.toProblem(instance);
        }
        if (cause instanceof JsonbException json) {
            return new Problem(URI.create(Problem.TYPE_BASE + "malformed-json"), "Malformed JSON", 400,
                    "The request body is not valid JSON for this resource: " + rootMessage(json), instance, List.of());
        }
        if (exception instanceof WebApplicationException web) {
            Response.StatusType status = web.getResponse().getStatusInfo();
            return new Problem(ProblemResponseFilter.typeFor(status.getStatusCode()), status.getReasonPhrase(),
                    status.getStatusCode(), web.getMessage(), instance, List.of());
        }
        String errorId = UUID.randomUUID().toString();
        LOGGER.log(Level.SEVERE, "Unexpected failure, error id " + errorId, exception);
        return new Problem(URI.create(Problem.TYPE_BASE + "internal"), "Internal error", 500,
                "An unexpected error occurred; quote error id " + errorId + " when reporting it.", instance, List.of());
    }

    private static Throwable unwrapJsonb(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof JsonbException) {
                return t;
            }
        }
        return exception;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? t.getMessage() : root.getMessage();
    }
}
