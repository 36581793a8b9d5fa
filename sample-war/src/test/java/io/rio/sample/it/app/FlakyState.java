package io.rio.sample.it.app;

import io.rio.api.Handler;
import io.rio.api.ObjectContext;
import io.rio.api.Shared;
import io.rio.api.SharedObjectContext;
import io.rio.api.StateKey;
import io.rio.api.TerminalException;
import io.rio.api.VirtualObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * State changes of a failing attempt must not be visible: {@code setThenFail} sets the state and
 * then throws a retryable error until the test calls {@code release}; {@code conflict} throws a
 * {@code TerminalException(409)}, which must not be retried.
 */
@VirtualObject
public class FlakyState {

    static final StateKey<String> VALUE = StateKey.of("value", String.class);

    private static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();
    private static final Map<String, Boolean> RELEASED = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> CONFLICT_RUNS = new ConcurrentHashMap<>();

    @Handler
    public String set(ObjectContext ctx, String value) {
        ctx.set(VALUE, value);
        return value;
    }

    @Handler
    public String setThenFail(ObjectContext ctx, String value) {
        ctx.set(VALUE, value);
        int attempt = ATTEMPTS.computeIfAbsent(ctx.key(), k -> new AtomicInteger()).incrementAndGet();
        if (!RELEASED.getOrDefault(ctx.key(), false)) {
            throw new IllegalStateException("simulated failure of attempt " + attempt + " for " + ctx.key());
        }
        return value;
    }

    @Handler
    public String conflict(ObjectContext ctx) {
        CONFLICT_RUNS.computeIfAbsent(ctx.key(), k -> new AtomicInteger()).incrementAndGet();
        ctx.set(VALUE, "conflicted");
        throw new TerminalException(409, "Key " + ctx.key() + " is already taken");
    }

    @Shared
    public String get(SharedObjectContext ctx) {
        return ctx.get(VALUE).orElse("");
    }

    @Shared
    public int attempts(SharedObjectContext ctx) {
        AtomicInteger n = ATTEMPTS.get(ctx.key());
        return n == null ? 0 : n.get();
    }

    @Shared
    public int conflictRuns(SharedObjectContext ctx) {
        AtomicInteger n = CONFLICT_RUNS.get(ctx.key());
        return n == null ? 0 : n.get();
    }

    /** Lets the next attempt of {@code setThenFail} on this key succeed. */
    @Shared
    public boolean release(SharedObjectContext ctx) {
        RELEASED.put(ctx.key(), true);
        return true;
    }
}
