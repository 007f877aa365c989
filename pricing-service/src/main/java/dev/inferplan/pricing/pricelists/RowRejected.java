package dev.inferplan.pricing.pricelists;

/**
 * One source row cannot become an offer: which column (or JSON path) and why. Every reader throws
 * this inside its row loop and turns it into a {@link RejectedRow} with the row's line. It carries
 * no stack trace: lenient imports reject rows by the thousand.
 */
public final class RowRejected extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String column;

    public RowRejected(String column, String reason) {
        super(reason, null, false, false);
        this.column = column;
    }

    /** The column or JSON path at fault; null when the row as a whole is. */
    public String column() {
        return column;
    }

    public String reason() {
        return getMessage();
    }

    /** The rejected row at {@code line}, the column prefixed with {@code where} (a JSON path to the item). */
    public RejectedRow at(long line, String where) {
        return new RejectedRow(line, where + column, getMessage());
    }

    /** The rejected row at {@code line}. */
    public RejectedRow at(long line) {
        return new RejectedRow(line, column, getMessage());
    }
}
