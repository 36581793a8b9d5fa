package io.rio.core.internal;

import io.rio.core.EngineConfig;
import io.rio.core.InvocationOutcome;
import io.rio.spi.InvocationRecord;
import io.rio.spi.InvocationStatus;
import io.rio.spi.RioStore;
import java.time.Clock;

/**
 * Writes an invocation's row: inserted the first time anything of the invocation commits, updated after.
 * Every method works in the caller's transaction.
 */
public final class InvocationRows {
    private final RioStore store;
    private final Clock clock;
    private final EngineConfig config;

    public InvocationRows(RioStore store, Clock clock, EngineConfig config) {
        this.store = store;
        this.clock = clock;
        this.config = config;
    }

    /** Inserts the invocation's row as running on this node, unless it is stored already. */
    public void ensureStored(Invocation invocation) {
        if (invocation.persisted()) {
            return;
        }
        long now = clock.millis();
        InvocationRecord r = invocation.record();
        store.insertInvocation(invocation.with(InvocationStatus.RUNNING, r.attempts(), null, null, null,
                config.nodeId(), now + config.lease().toMillis(), now, now));
    }

    /**
     * Writes {@code updated} as the invocation's row, inserting it if it is not stored yet.
     *
     * @throws AlreadyEndedException if the stored row has ended meanwhile (another node finished it)
     */
    public void save(Invocation invocation, InvocationRecord updated) {
        if (invocation.persisted()) {
            if (!store.updateInvocation(updated)) {
                throw new AlreadyEndedException(invocation.id());
            }
        } else {
            store.insertInvocation(updated);
        }
    }

    /** A record of this invocation in {@code status}, owned by this node. */
    public InvocationRecord next(Invocation invocation, InvocationStatus status, int attempts, String output,
            Integer errorCode, String errorMessage, long runAt) {
        long now = clock.millis();
        long lease = status.isTerminal() ? 0 : now + config.lease().toMillis();
        return invocation.with(status, attempts, output, errorCode, errorMessage, config.nodeId(), lease, runAt, now);
    }

    /** The outcome a stored, ended invocation had. */
    public static InvocationOutcome outcome(InvocationRecord r) {
        if (r.status() == InvocationStatus.COMPLETED) {
            return InvocationOutcome.success(r.id(), r.output());
        }
        int code = r.errorCode() == null ? 500 : r.errorCode();
        return InvocationOutcome.failure(r.id(), code, r.errorMessage());
    }

    /** The stored invocation had already ended when this node tried to end it. */
    public static final class AlreadyEndedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AlreadyEndedException(String id) {
            super("Invocation " + id + " has already ended elsewhere");
        }
    }
}
