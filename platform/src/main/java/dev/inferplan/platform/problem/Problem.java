package dev.inferplan.platform.problem;

import java.net.URI;
import java.util.List;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * An RFC 9457 problem document ({@code application/problem+json}). {@code errors} names what was
 * at fault: a request field, a file's line and column, or a JSON path, so a client can point the
 * user at it. {@code current} (an RFC 9457 extension member, omitted when null) carries the
 * resource's current state with a conflict, so a client that lost a race sees what won.
 */
@JsonbPropertyOrder({"type", "title", "status", "detail", "instance", "errors", "current"})
public record Problem(URI type, String title, int status, String detail, URI instance, List<FieldError> errors,
                      Object current) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** Problem types are relative URIs under this base; "about:blank" when only the status matters. */
    public static final String TYPE_BASE = "https://inferplan.dev/problems/";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public Problem(URI type, String title, int status, String detail, URI instance, List<FieldError> errors) {
        this(type, title, status, detail, instance, errors, null);
    }

    /**
     * One thing at fault. {@code field} is a request field or JSON path ({@code $.items[3].price});
     * {@code line}/{@code column} locate it in an uploaded file (1-based, null when not a file).
     */
    @JsonbPropertyOrder({"field", "line", "column", "reason"})
    public record FieldError(String field, Long line, String column, String reason) {

        public static FieldError field(String field, String reason) {
            return new FieldError(field, null, null, reason);
        }

        public static FieldError at(long line, String column, String reason) {
            return new FieldError(null, line, column, reason);
        }
    }
}
