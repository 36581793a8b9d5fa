package io.rio.sample.it.app;

import io.rio.api.Handler;
import io.rio.api.ObjectContext;
import io.rio.api.Shared;
import io.rio.api.SharedObjectContext;
import io.rio.api.StateKey;
import io.rio.api.VirtualObject;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A counter that watches itself: every {@code add} attempt counts how many {@code add}s of its key
 * run at that moment in this JVM (the maximum is readable with {@code maxConcurrency}), and every
 * committed {@code add} leaves a row (key, JVM, start, end) in {@code it_probe}.
 */
@VirtualObject
public class ProbedCounter {

    static final StateKey<Long> COUNT = StateKey.of("count", Long.class);
    static final String NODE = ManagementFactory.getRuntimeMXBean().getName();

    private static final Map<String, AtomicInteger> ACTIVE = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> MAX = new ConcurrentHashMap<>();

    @Inject
    TestRows rows;

    @Handler
    public long add(ObjectContext ctx, long delta) {
        String key = ctx.key();
        long start = nowMicros();
        AtomicInteger active = ACTIVE.computeIfAbsent(key, k -> new AtomicInteger());
        int now = active.incrementAndGet();
        MAX.computeIfAbsent(key, k -> new AtomicInteger()).accumulateAndGet(now, Math::max);
        try {
            long next = ctx.get(COUNT).orElse(0L) + delta;
            LockSupport.parkNanos(200_000); // widen the window in which an overlap would show
            ctx.set(COUNT, next);
            rows.probe(key, NODE, start, nowMicros());
            return next;
        } finally {
            active.decrementAndGet();
        }
    }

    @Shared
    public long get(SharedObjectContext ctx) {
        return ctx.get(COUNT).orElse(0L);
    }

    /** The largest number of {@code add}s of this key seen running at once in this JVM. */
    @Shared
    public int maxConcurrency(SharedObjectContext ctx) {
        AtomicInteger max = MAX.get(ctx.key());
        return max == null ? 0 : max.get();
    }

    private static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
