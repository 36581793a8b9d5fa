package io.rio.sample.it.app;

import io.rio.api.Awakeable;
import io.rio.api.Handler;
import io.rio.api.ObjectContext;
import io.rio.api.VirtualObject;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sleeps durably: {@code nap} records {@code asleep}, sleeps, records {@code awake} (rows in {@code it_step},
 * tag = object key); {@code awaitSignal} records {@code asleep}, records its awakeable's id (a row of tag
 * {@code <key>/awakeable} whose step is the id), waits for it and records {@code awake}. It also tracks how many handler bodies run at once in this JVM, readable with
 * {@code SampleProbe/napperMaxBodies}.
 */
@VirtualObject
public class Napper {

    static final AtomicInteger ACTIVE = new AtomicInteger();
    static final AtomicInteger MAX = new AtomicInteger();

    @Inject
    TestRows rows;

    @Handler
    public void nap(ObjectContext ctx, long millis) {
        MAX.accumulateAndGet(ACTIVE.incrementAndGet(), Math::max);
        try {
            String key = ctx.key();
            ctx.run("asleep", Long.class, () -> rows.step(key, "asleep"));
            ctx.sleep(Duration.ofMillis(millis));
            ctx.run("awake", Long.class, () -> rows.step(key, "awake"));
        } finally {
            ACTIVE.decrementAndGet();
        }
    }

    @Handler
    public String awaitSignal(ObjectContext ctx) {
        String key = ctx.key();
        Awakeable<String> signal = ctx.awakeable(String.class);
        ctx.run("asleep", Long.class, () -> rows.step(key, "asleep"));
        ctx.run("awakeable", Long.class, () -> rows.step(key + "/awakeable", signal.id()));
        String value = signal.await();
        ctx.run("awake", Long.class, () -> rows.step(key, "awake"));
        return value;
    }
}
