package io.rio.cdi.valid;

import io.rio.api.Handler;
import io.rio.api.Name;
import io.rio.api.ObjectContext;
import io.rio.api.Shared;
import io.rio.api.SharedObjectContext;
import io.rio.api.StateKey;
import io.rio.api.VirtualObject;
import jakarta.inject.Inject;

@VirtualObject
@Name("counter")
public class Counter {
    static final StateKey<Long> COUNT = StateKey.of("count", Long.class);

    @Inject
    Clock clock;

    @Handler
    public long add(ObjectContext ctx, long delta) {
        long next = ctx.get(COUNT).orElse(0L) + delta;
        ctx.set(COUNT, next);
        return next;
    }

    @Shared
    @Name("current")
    public long get(SharedObjectContext ctx) {
        return ctx.get(COUNT).orElse(0L);
    }

    @Shared
    public String time(SharedObjectContext ctx) {
        return clock.now();
    }
}
