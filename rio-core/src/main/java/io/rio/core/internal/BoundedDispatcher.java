package io.rio.core.internal;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * Runs at most {@code limit} tasks at once on the container's executor; the rest wait in memory, in order.
 * Keeps a burst of invocations from taking every thread of a shared managed executor.
 *
 * <p>Thread safety: safe for concurrent use.
 */
public final class BoundedDispatcher implements Executor {
    private final Executor executor;
    private final int limit;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int running;

    public BoundedDispatcher(Executor executor, int limit) {
        this.executor = executor;
        this.limit = limit;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            if (running >= limit) {
                waiting.addLast(task);
                return;
            }
            running++;
        }
        submit(task);
    }

    /**
     * Runs {@code task} on the calling thread if a slot is free (saving two thread hand-overs for a call whose
     * caller waits anyway), else queues it like {@link #execute}. Tasks queued meanwhile go to the executor.
     */
    public void executeInline(Runnable task) {
        synchronized (this) {
            if (running >= limit) {
                waiting.addLast(task);
                return;
            }
            running++;
        }
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            System.getLogger(BoundedDispatcher.class.getName()).log(System.Logger.Level.ERROR, "Rio task failed", e);
        }
        Runnable next;
        synchronized (this) {
            next = waiting.pollFirst();
            if (next == null) {
                running--;
                return;
            }
        }
        submit(next);
    }

    private void submit(Runnable task) {
        try {
            executor.execute(() -> runThenNext(task));
        } catch (RuntimeException rejected) {
            synchronized (this) {
                running--;
            }
            throw rejected;
        }
    }

    private void runThenNext(Runnable task) {
        Runnable next = task;
        while (next != null) {
            try {
                next.run();
            } catch (RuntimeException | Error e) {
                System.getLogger(BoundedDispatcher.class.getName())
                        .log(System.Logger.Level.ERROR, "Rio task failed", e);
            }
            synchronized (this) {
                next = waiting.pollFirst();
                if (next == null) {
                    running--;
                }
            }
        }
    }

    /** Tasks waiting for a free slot. */
    public synchronized int backlog() {
        return waiting.size();
    }
}
