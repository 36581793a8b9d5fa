package io.rio.core.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How a handler (or a handler's step) fares in batches. It runs in batches while its spoiled batches (rolled back
 * because of it, or delayed by it) are at most 1 in 20 of its batched runs; beyond that it runs alone, with one run
 * in 64 batched again as a probe.
 *
 * <p>Thread safety: lock-free counters.
 */
final class BatchStats {
    private final AtomicLong batched = new AtomicLong();
    private final AtomicLong spoiled = new AtomicLong();
    private final AtomicLong alone = new AtomicLong();

    boolean batchable() {
        long s = spoiled.get();
        return s == 0 || s * 20 <= batched.get() || alone.incrementAndGet() % 64 == 0;
    }

    void batched() {
        batched.incrementAndGet();
    }

    void spoiled() {
        spoiled.incrementAndGet();
    }
}
