package io.rio.core.internal;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Runs at most {@code limit} tasks at once on the container's executor; the rest wait in memory, in order.
 * Keeps a burst of invocations from taking every thread of a shared managed executor.
 *
 * <p>A worker that runs out of tasks waits {@link #KEEP_ALIVE_MILLIS} for the next one before it gives its
 * thread back, so a steady stream of tasks does not pay for one executor submission each (a managed executor
 * captures and restores the container's context per submission, which on Payara includes a class-path scan).
 *
 * <p>Thread safety: safe for concurrent use.
 */
public final class BoundedDispatcher implements Executor {
    /** How long an idle worker waits for work before its thread returns to the executor. */
    static final long KEEP_ALIVE_MILLIS = 2_000;

    private final Executor executor;
    private final int limit;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    /** Tasks handed to idle workers (each already holds a slot). */
    private final ArrayDeque<Runnable> handoff = new ArrayDeque<>();
    private int running;
    private int idle;

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
            if (handOver(task)) {
                return;
            }
        }
        submit(task);
    }

    /**
     * Runs {@code task} on the calling thread if a slot is free (saving two thread hand-overs for a call whose
     * caller waits anyway), else queues it like {@link #execute}. Tasks queued meanwhile go to a worker.
     */
    public void executeInline(Runnable task) {
        synchronized (this) {
            if (running >= limit) {
                waiting.addLast(task);
                return;
            }
            running++;
        }
        runSafely(task);
        Runnable next;
        synchronized (this) {
            next = waiting.pollFirst();
            if (next == null) {
                running--;
                return;
            }
            if (handOver(next)) {
                return;
            }
        }
        submit(next);
    }

    /** Gives a task that holds a slot to an idle worker, if there is one; call holding the monitor. */
    private boolean handOver(Runnable task) {
        if (idle == 0) {
            return false;
        }
        idle--;
        handoff.addLast(task);
        notify();
        return true;
    }

    private void submit(Runnable task) {
        try {
            executor.execute(() -> work(task));
        } catch (RuntimeException rejected) {
            synchronized (this) {
                running--;
            }
            throw rejected;
        }
    }

    private void work(Runnable first) {
        Runnable next = first;
        while (next != null) {
            runSafely(next);
            synchronized (this) {
                next = waiting.pollFirst();
                if (next == null) {
                    running--;
                    next = awaitHandoff();
                }
            }
        }
    }

    /** Waits, holding the monitor, for a task handed to an idle worker; null once the keep-alive ran out. */
    private Runnable awaitHandoff() {
        idle++;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(KEEP_ALIVE_MILLIS);
        while (handoff.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                idle--;
                return null;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (handoff.isEmpty()) {
                    idle--;
                    return null;
                }
            }
        }
        return handoff.pollFirst();
    }

    private static void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            System.getLogger(BoundedDispatcher.class.getName()).log(System.Logger.Level.ERROR, "Rio task failed", e);
        }
    }

    /** Tasks waiting for a free slot. */
    public synchronized int backlog() {
        return waiting.size();
    }
}
