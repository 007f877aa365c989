package dev.inferplan.pricing.pricelists;

/**
 * A source row the reader could not turn into an offer: where (line, or item number for JSON),
 * which column or JSON path, and why, in words an admin can act on. What it repeats of the file is
 * cut short ({@link SourceText}).
 */
public record RejectedRow(long line, String column, String reason) {

    public RejectedRow {
        column = SourceText.guardColumn(column);
        reason = SourceText.guardReason(reason);
    }
}
