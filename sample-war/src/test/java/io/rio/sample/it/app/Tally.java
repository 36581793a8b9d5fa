package io.rio.sample.it.app;

import io.rio.api.Handler;
import io.rio.api.ObjectContext;
import io.rio.api.StateKey;
import io.rio.api.VirtualObject;
import jakarta.inject.Inject;

/** The object {@link Journey} calls: adds to its state and leaves an {@code object-call} row per execution. */
@VirtualObject
public class Tally {

    static final StateKey<Long> TOTAL = StateKey.of("total", Long.class);

    @Inject
    TestRows rows;

    @Handler
    public long add(ObjectContext ctx, long delta) {
        String key = ctx.key();
        ctx.run("record", Long.class, () -> rows.step(key, "object-call"));
        long next = ctx.get(TOTAL).orElse(0L) + delta;
        ctx.set(TOTAL, next);
        return next;
    }
}
