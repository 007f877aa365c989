package dev.inferplan.pricing.pricelists;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How text from a price list may appear in what the service says about it. Import reports are
 * readable by every signed-in role and an import may name a file an admin did not mean to expose,
 * so a reason quotes at most the offending field's value, cut short ({@value #MAX_QUOTED}
 * characters), never a line, a header or a document; and a column or JSON path is cut likewise.
 */
public final class SourceText {

    /** The most characters of a value from the file that a reason repeats. */
    public static final int MAX_QUOTED = 24;
    static final int MAX_REASON = 600;
    static final int MAX_COLUMN = 120;

    /** A quoted value: quotes that are not apostrophes (no letter or digit outside them). */
    private static final Pattern QUOTED = Pattern.compile("(?<![\\p{L}\\p{N}])'([^']{" + (MAX_QUOTED + 1)
            + ",})'(?![\\p{L}\\p{N}])");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private SourceText() {
    }

    /** A value from the file as a reason quotes it: in single quotes, control characters shown as '?', cut short. */
    public static String quote(Object value) {
        return "'" + cut(String.valueOf(value), MAX_QUOTED) + "'";
    }

    /**
     * The guard every reason passes (see {@link RejectedRow} and {@link ImportFormatException}): a
     * quoted value longer than {@value #MAX_QUOTED} characters is cut, and the whole reason too.
     */
    static String guardReason(String reason) {
        if (reason == null) {
            return null;
        }
        Matcher quoted = QUOTED.matcher(reason);
        StringBuilder guarded = new StringBuilder();
        while (quoted.find()) {
            quoted.appendReplacement(guarded, Matcher.quoteReplacement(quote(quoted.group(1))));
        }
        quoted.appendTail(guarded);
        return cut(guarded.toString(), MAX_REASON);
    }

    static String guardColumn(String column) {
        return column == null ? null : cut(column, MAX_COLUMN);
    }

    private static String cut(String text, int max) {
        String clean = CONTROL.matcher(text).replaceAll("?");
        return clean.codePointCount(0, clean.length()) <= max ? clean
                : clean.substring(0, clean.offsetByCodePoints(0, max)) + "…";
    }
}
