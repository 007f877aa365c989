package dev.inferplan.catalog.costs;

/**
 * What a cost estimate rests on. The cost gate accepts a {@link #REPORT} estimate as it is; a
 * {@link #MANUAL} one only with a reviewer's stated reason.
 */
public enum CostBasis {
    /** A saved recommender report: its plan's figures, priced from named price-book versions. */
    REPORT,
    /** Typed by hand (a spreadsheet, a quote): the committee cannot check where it comes from. */
    MANUAL
}
