package io.rio.api;

import java.util.Optional;

/**
 * A promise of a workflow, identified by workflow key and {@link DurablePromiseKey}: {@code run} awaits it,
 * {@code @Shared} handlers resolve or reject it. It completes once.
 *
 * @param <T> the value type
 */
public interface DurablePromise<T> {

    /** A future of the promise's value. */
    DurableFuture<T> future();

    /** The value if the promise is resolved now, without waiting; a rejected promise throws. */
    Optional<T> peek();

    /**
     * Resolves the promise.
     *
     * @throws TerminalException 409 if it is already completed
     */
    void resolve(T value);

    /**
     * Rejects the promise: its waiters see a {@link TerminalException} with {@code reason}.
     *
     * @throws TerminalException 409 if it is already completed
     */
    void reject(String reason);
}
