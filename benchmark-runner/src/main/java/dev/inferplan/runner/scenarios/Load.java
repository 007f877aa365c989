package dev.inferplan.runner.scenarios;

/** The threads that put a scenario's load on the inference while the controller measures. */
interface Load {

    /** Readies the threads before the clock starts; {@link #start} follows at once. */
    default void prepare() throws InterruptedException {
    }

    void start(long startNanos);

    /** No new queries from now on; queries already issued still complete. */
    void stopIssuing();

    /** Waits until every issued query has completed; false when the timeout came first. */
    boolean awaitIdle(long timeoutNanos) throws InterruptedException;

    /** Queries issued but not completed (after {@link #awaitIdle} timed out). */
    long unfinished();

    /** Ends the threads; safe to call more than once. */
    void close() throws InterruptedException;

    /** Why the load stopped by itself, or null (e.g. the Server backlog overflowed). */
    default String abortReason() {
        return null;
    }
}
