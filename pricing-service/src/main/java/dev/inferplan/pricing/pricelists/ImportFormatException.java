package dev.inferplan.pricing.pricelists;

/**
 * The file as a whole cannot be read: empty, not UTF-8, truncated, wrong or missing header,
 * unknown layout. Always refuses the whole import, in strict and lenient mode alike. What the
 * message repeats of the file is cut short ({@link SourceText}).
 */
public class ImportFormatException extends RuntimeException {

    private final long line;
    private final String column;

    public ImportFormatException(long line, String column, String message) {
        super(SourceText.guardReason(message));
        this.line = line;
        this.column = SourceText.guardColumn(column);
    }

    public long line() {
        return line;
    }

    /** The column or JSON path at fault, or null when the fault is the file itself. */
    public String column() {
        return column;
    }
}
