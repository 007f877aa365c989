package dev.inferplan.catalog.published;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

import dev.inferplan.platform.problem.Problem.FieldError;

/**
 * Where a published figure can be checked: a URL ({@code https:} or {@code http:}), or a document
 * and the table in it ("MLPerf Inference v4.1 results", "closed, datacenter, row 212").
 */
public record Citation(String url, String document, String table) {

    /** What is wrong with the citation, fields prefixed {@code citation.}; empty when it can be recorded. */
    public static List<FieldError> errors(Citation citation) {
        List<FieldError> errors = new ArrayList<>();
        if (citation == null || (blank(citation.url()) && blank(citation.document()) && blank(citation.table()))) {
            errors.add(FieldError.field("citation", "a published figure is cited: {url} or {document, table}"));
            return errors;
        }
        if (!blank(citation.url())) {
            if (citation.url().length() > 1000 || !webAddress(citation.url().strip())) {
                errors.add(FieldError.field("citation.url", "an https: or http: URL of at most 1000 characters"));
            }
        } else {
            if (blank(citation.document()) || citation.document().length() > 500) {
                errors.add(FieldError.field("citation.document", "the document (1 to 500 characters), or give a url"));
            }
            if (blank(citation.table()) || citation.table().length() > 200) {
                errors.add(FieldError.field("citation.table", "the table in the document (1 to 200 characters)"));
            }
        }
        if (!blank(citation.url()) && (tooLong(citation.document(), 500) || tooLong(citation.table(), 200))) {
            errors.add(FieldError.field(tooLong(citation.document(), 500) ? "citation.document" : "citation.table",
                    "at most " + (tooLong(citation.document(), 500) ? 500 : 200) + " characters"));
        }
        return errors;
    }

    /** The citation as one line, for a result's provenance source. */
    public String text() {
        List<String> parts = new ArrayList<>();
        for (String part : new String[] {document, table, url}) {
            if (!blank(part)) {
                parts.add(part.strip());
            }
        }
        return String.join(", ", parts);
    }

    public Citation stripped() {
        return new Citation(strip(url), strip(document), strip(table));
    }

    private static boolean webAddress(String text) {
        try {
            URI uri = new URI(text);
            return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null && uri.getUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean tooLong(String value, int max) {
        return value != null && value.length() > max;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String strip(String value) {
        return blank(value) ? null : value.strip();
    }
}
