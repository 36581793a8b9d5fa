package io.rio.hazelcast;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The membership's own thread: Hazelcast's event threads hand work to it, so Rio's callbacks never run on (or block)
 * Hazelcast's threads. Change signals are debounced: a burst of events (a member joining starts many migrations)
 * becomes one {@code onChange} run.
 *
 * <p>Thread safety: every method may be called from any thread. Error handling: a task that throws is logged at
 * WARNING and the thread goes on; after {@link #close()} submissions are dropped silently.
 */
final class CallbackThread implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CallbackThread.class.getName());
    private static final long DEBOUNCE_MILLIS = 50;

    private final ScheduledExecutorService executor;
    private final Runnable onChange;
    private final AtomicBoolean changePending = new AtomicBoolean();
    private volatile Thread thread;

    /**
     * @param name     the thread's name
     * @param onChange what a (debounced) change signal runs
     */
    CallbackThread(String name, Runnable onChange) {
        this.onChange = onChange;
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            thread = t;
            return t;
        });
        ex.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        ex.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        ex.setRemoveOnCancelPolicy(true);
        this.executor = ex;
    }

    /** Runs {@code onChange} soon, once for every burst of signals. */
    void signalChange() {
        if (changePending.compareAndSet(false, true)) {
            schedule(() -> {
                changePending.set(false);
                onChange.run();
            }, DEBOUNCE_MILLIS);
        }
    }

    /** Runs {@code task} on this thread, after the tasks before it. */
    void execute(Runnable task) {
        schedule(task, 0);
    }

    /** Runs {@code task} every {@code periodMillis}, first after one period. */
    void every(long periodMillis, Runnable task) {
        try {
            executor.scheduleWithFixedDelay(guarded(task), periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed
        }
    }

    private void schedule(Runnable task, long delayMillis) {
        try {
            executor.schedule(guarded(task), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed
        }
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Membership callback failed", e);
            }
        };
    }

    /**
     * Stops the thread: pending tasks are dropped; waits up to 5 s for a running one to return (unless called from
     * this thread itself).
     */
    @Override
    public void close() {
        executor.shutdownNow();
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warning("The membership callback thread did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
