package io.rio.core.internal;

/**
 * Thrown through the handler when it awaits something that has not completed: the attempt rolls back and
 * the invocation is stored as suspended until {@link #wakeAt} (or until it is woken). An {@link Error} so
 * that handlers catching {@code Exception} do not swallow it.
 */
public final class Suspend extends Error {
    private static final long serialVersionUID = 1L;

    /** Wakes only when something wakes it explicitly. */
    public static final long NEVER = Long.MAX_VALUE;

    private final long wakeAt;
    private final transient java.util.List<String[]> awaited;

    Suspend(long wakeAt) {
        this(wakeAt, java.util.List.of());
    }

    Suspend(long wakeAt, java.util.List<String[]> awaited) {
        super("suspended", null, false, false);
        this.wakeAt = wakeAt;
        this.awaited = awaited;
    }

    /** The signals, as (scope, name), whose completion wakes it. */
    public java.util.List<String[]> awaited() {
        return awaited;
    }

    /** When a timer wakes it (epoch millis), or {@link #NEVER}. */
    public long wakeAt() {
        return wakeAt;
    }
}
