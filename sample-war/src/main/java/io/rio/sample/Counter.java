package io.rio.sample;

import io.rio.api.Handler;
import io.rio.api.ObjectContext;
import io.rio.api.Shared;
import io.rio.api.SharedObjectContext;
import io.rio.api.StateKey;
import io.rio.api.VirtualObject;

/**
 * A keyed counter: {@code POST /Counter/{key}/add} with a number adds it, {@code /get} reads it,
 * {@code /reset} clears it. Exclusive handlers of one key never overlap, so {@code add} needs no lock.
 */
@VirtualObject
public class Counter {

    /** The counter's value, stored in the object's durable state. */
    static final StateKey<Long> COUNT = StateKey.of("count", Long.class);

    /**
     * Adds {@code delta} to the counter.
     *
     * @return the new value
     */
    @Handler
    public long add(ObjectContext ctx, long delta) {
        long next = ctx.get(COUNT).orElse(0L) + delta;
        ctx.set(COUNT, next);
        return next;
    }

    /** Clears the counter back to zero. */
    @Handler
    public void reset(ObjectContext ctx) {
        ctx.clear(COUNT);
    }

    /** Reads the committed value; runs concurrently with other readers. */
    @Shared
    public long get(SharedObjectContext ctx) {
        return ctx.get(COUNT).orElse(0L);
    }
}
