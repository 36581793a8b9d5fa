package io.rio.spi;

/**
 * A journal entry was not written because its invocation has ended (completed or failed) or was purged: the
 * attempt that wrote it is stale (it runs an invocation this node had let go of). The transaction must be rolled
 * back, with whatever the step's action did in it; the invocation's stored outcome stands.
 */
public final class InvocationEndedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvocationEndedException(String message) {
        super(message);
    }
}
