package io.rio.spi;

/** The life cycle of a stored invocation. */
public enum InvocationStatus {
    /** Accepted (stored) and waiting to run, possibly until {@code runAt}. */
    PENDING,
    /** An attempt is under way on the node in {@code owner}. */
    RUNNING,
    /** The last attempt failed with a retryable error; the next one starts at {@code runAt}. */
    BACKING_OFF,
    /** Waiting for a timer, awakeable, promise or call; holds no thread. */
    SUSPENDED,
    /** Stopped until an operator resumes or kills it (retries used up, or non-determinism). */
    PAUSED,
    /** Ended with a result. */
    COMPLETED,
    /** Ended with a terminal failure. */
    FAILED;

    /** Whether the invocation has ended. */
    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED;
    }
}
