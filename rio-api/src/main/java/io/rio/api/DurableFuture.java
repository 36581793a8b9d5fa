package io.rio.api;

/**
 * A result that arrives later: a timer, an awakeable, a durable promise or a call to another handler.
 * {@link #await()} returns it if it is there; otherwise the invocation suspends (its attempt rolls back,
 * no thread waits) and is replayed when the result arrives, so code before an await may run again (steps
 * return their journaled results).
 *
 * <p>Combine futures with {@link Context#any(DurableFuture...)} and {@link Context#all(DurableFuture...)}.
 *
 * <p>Thread safety: belongs to the invocation's thread, like its context.
 *
 * @param <T> the result type
 */
public interface DurableFuture<T> {

    /**
     * The result, suspending the invocation until it is there.
     *
     * @throws TerminalException if the awaited operation failed terminally (a rejected awakeable or
     *                           promise, a call that ended with a terminal failure) or the invocation was
     *                           cancelled
     */
    T await();

    /** Whether the result is there already (no suspension needed). */
    boolean isDone();
}
