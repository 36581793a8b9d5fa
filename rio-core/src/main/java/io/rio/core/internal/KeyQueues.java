package io.rio.core.internal;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One FIFO queue per object key: only the head of a key's queue runs; it keeps the key while it backs off
 * or is paused. Shared and stateless invocations do not pass through here.
 *
 * <p>Thread safety: safe for concurrent use; each queue is guarded by its own monitor.
 */
public final class KeyQueues {
    private final Map<String, Queue> queues = new ConcurrentHashMap<>();
    private final Consumer<Invocation> start;
    private final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();

    /** @param start starts the head of a queue (dispatches its attempt) */
    public KeyQueues(Consumer<Invocation> start) {
        this.start = start;
    }

    /** Appends to the key's queue; starts it right away if the key is free. */
    public void enqueue(Invocation invocation) {
        enqueue(invocation, start);
    }

    /**
     * Appends to the key's queue; if the key is free, starts it with {@code startNow} (e.g. on the calling
     * thread) instead of the usual start.
     */
    public void enqueue(Invocation invocation, Consumer<Invocation> startNow) {
        String key = invocation.queueKey();
        while (true) {
            Queue q = queues.computeIfAbsent(key, k -> new Queue());
            Invocation toStart;
            synchronized (q) {
                if (q.retired) {
                    continue; // removed concurrently: take a fresh queue
                }
                q.items.addLast(invocation);
                if (q.items.size() > 1) {
                    waiting.incrementAndGet();
                    return;
                }
                toStart = invocation;
            }
            startNow.accept(toStart);
            return;
        }
    }

    /** Removes the finished head of its key's queue and starts the next one, if any. */
    public void finished(Invocation invocation) {
        String key = invocation.queueKey();
        Queue q = queues.get(key);
        if (q == null) {
            return;
        }
        Invocation next;
        synchronized (q) {
            if (q.items.peekFirst() != invocation) {
                if (q.items.remove(invocation)) {
                    waiting.decrementAndGet();
                }
                return;
            }
            q.items.pollFirst();
            next = q.items.peekFirst();
            if (next == null) {
                q.retired = true;
                queues.remove(key, q);
                return;
            }
            waiting.decrementAndGet();
        }
        start.accept(next);
    }

    /** Invocations waiting behind the head of their key's queue, over all keys. */
    public int waiting() {
        return waiting.get();
    }

    private static final class Queue {
        final ArrayDeque<Invocation> items = new ArrayDeque<>();
        boolean retired;
    }
}
