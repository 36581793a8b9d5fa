package io.rio.core.internal;

import io.rio.spi.InvocationRecord;
import io.rio.spi.JournalAppend;
import io.rio.spi.RioStore;
import io.rio.spi.Transactions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Group commit of steps: the transactions of journaled operations ({@code ctx.run} and the journaling of timers,
 * awakeables and completions) that attempts on different threads start at the same time share one commit, the way
 * PostgreSQL's own group commit shares one WAL flush. Each caller still waits until its step has committed, so a
 * step is as durable when {@code ctx.run} returns as with a transaction of its own.
 *
 * <p>A step that finds fewer than {@code maxRunning} step transactions running and nothing waiting runs alone on its
 * caller's thread, as without batching. Otherwise it waits; whenever a step transaction ends, everything waiting (up
 * to the batch size) becomes one batch, which a worker runs in one transaction: each step's work (its action and
 * its journal entry), then one INSERT of all their journal entries (and of the invocation rows the first step of an
 * invocation stores), then the commit, then each caller gets its result. Batches run on workers, not on a caller's
 * thread, because a caller's thread holds its attempt's suspended transaction, whose row locks another step's work
 * could wait for.
 *
 * <p>If any work fails or the commit fails, the batch rolls back and each caller runs its own step again alone on
 * its own thread, where a failure takes its usual course: database work of a rolled-back step is undone, other side
 * effects of its action happen again (steps are at least once for those). Which steps take part is learned per
 * handler and step name ({@link BatchStats}): steps that fail or take over 50 ms run alone. A caller whose batch has
 * not ended within {@value #STUCK_SECONDS} s stops waiting and runs its step alone: the batch may be waiting for a
 * row lock that the caller's own attempt holds. Should that batch still commit, the step's journal entry exists
 * already and the caller takes it from there, as after any race. This frees the caller only while the batch has
 * not yet written the caller's journal entry (its insert would wait for the batch too): handlers whose bodies
 * write rows themselves that steps of other invocations also write need {@code rio.batch.steps=false}.
 *
 * <p>Thread safety: safe for concurrent use.
 */
final class StepCommit {
    static final long STUCK_SECONDS = 5;
    private static final long SLOW_WORK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final RioStore store;
    private final Transactions transactions;
    private final int batchSize;
    private final int maxRunning;
    private final Executor workers;
    private final long stuckNanos;
    private final ArrayDeque<Step<?>> waiting = new ArrayDeque<>();
    private final Map<String, BatchStats> stats = new ConcurrentHashMap<>();
    private int running;

    /**
     * @param batchSize  the most steps one transaction runs; 1 runs every step alone
     * @param maxRunning step transactions (alone or batches) that run at once before steps wait for a batch
     * @param workers    runs batches; must not queue them behind attempts (which wait for their steps)
     */
    StepCommit(RioStore store, Transactions transactions, int batchSize, int maxRunning, Executor workers) {
        this(store, transactions, batchSize, maxRunning, workers, TimeUnit.SECONDS.toNanos(STUCK_SECONDS));
    }

    StepCommit(RioStore store, Transactions transactions, int batchSize, int maxRunning, Executor workers,
            long stuckNanos) {
        this.store = store;
        this.transactions = transactions;
        this.batchSize = batchSize;
        this.maxRunning = maxRunning;
        this.workers = workers;
        this.stuckNanos = stuckNanos;
    }

    /**
     * Runs {@code work} in a new transaction, possibly together with other steps' work, and returns its result
     * once that transaction has committed. Exceptions are those of running it alone ({@link Tx#call}).
     *
     * @param statsKey names the step for learning whether it batches well (handler and step name)
     */
    <T> T call(String statsKey, Work<T> work) {
        if (batchSize <= 1) {
            return alone(work);
        }
        BatchStats stepStats = stats.computeIfAbsent(statsKey, k -> new BatchStats());
        if (!stepStats.batchable()) {
            return alone(work);
        }
        Step<T> step = new Step<>(work, stepStats);
        boolean alone;
        synchronized (this) {
            alone = running < maxRunning && waiting.isEmpty();
            if (alone) {
                running++;
            } else {
                waiting.addLast(step);
            }
        }
        if (alone) {
            try {
                return alone(work);
            } finally {
                ended();
            }
        }
        if (!step.await(stuckNanos)) {
            synchronized (this) {
                waiting.remove(step); // if no batch took it yet
            }
            stepStats.spoiled();
            return alone(work);
        }
        return step.outcome(this);
    }

    /** A step's work: runs in a transaction and leaves the rows it stores in {@code writes}. */
    @FunctionalInterface
    interface Work<T> {
        T run(Writes writes) throws Exception;
    }

    /** Rows that steps store, written together just before their transaction commits. */
    static final class Writes {
        final List<InvocationRecord> invocations = new ArrayList<>(2);
        final List<JournalAppend> journal = new ArrayList<>(4);
    }

    /** Runs one step's work in a transaction of its own. */
    private <T> T alone(Work<T> work) {
        return Tx.call(transactions, () -> {
            Writes writes = new Writes();
            T result = work.run(writes);
            write(writes);
            return result;
        });
    }

    private void write(Writes writes) {
        if (!writes.invocations.isEmpty() || !writes.journal.isEmpty()) {
            store.insertInvocationsAndJournal(writes.invocations, writes.journal);
        }
    }

    /** Steps waiting for a batch (for tests). */
    synchronized int waitingForTests() {
        return waiting.size();
    }

    /** A step transaction ended: what waits becomes the next batch. */
    private void ended() {
        List<Step<?>> batch = null;
        synchronized (this) {
            running--;
            if (!waiting.isEmpty()) {
                running++;
                batch = new ArrayList<>(Math.min(batchSize, waiting.size()));
                while (batch.size() < batchSize && !waiting.isEmpty()) {
                    batch.add(waiting.pollFirst());
                }
            }
        }
        if (batch != null) {
            List<Step<?>> next = batch;
            Runnable task = () -> {
                try {
                    run(next);
                } finally {
                    ended();
                }
            };
            try {
                workers.execute(task);
            } catch (RuntimeException rejected) {
                for (Step<?> step : next) {
                    step.alone(); // each caller runs its own step
                }
                ended();
            }
        }
    }

    private void run(List<Step<?>> batch) {
        if (batch.size() == 1) {
            batch.get(0).runAlone(this);
            return;
        }
        int n = batch.size();
        Object[] results = new Object[n];
        int[] current = {-1};
        try {
            Tx.call(transactions, () -> {
                Writes writes = new Writes();
                for (int i = 0; i < n; i++) {
                    current[0] = i;
                    Step<?> step = batch.get(i);
                    long started = System.nanoTime();
                    results[i] = step.work.run(writes);
                    if (System.nanoTime() - started > SLOW_WORK_NANOS) {
                        step.stats.spoiled();
                    }
                }
                current[0] = -1;
                write(writes);
                return null;
            });
        } catch (Throwable thrown) {
            if (current[0] >= 0) {
                batch.get(current[0]).stats.spoiled();
            }
            for (Step<?> step : batch) {
                step.alone();
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            Step<?> step = batch.get(i);
            step.stats.batched();
            step.done(results[i]);
        }
    }

    /** One caller's step and what became of it. */
    private static final class Step<T> {
        private static final int PENDING = 0;
        private static final int DONE = 1;
        private static final int FAILED = 2;
        private static final int ALONE = 3;

        final Work<T> work;
        final BatchStats stats;
        private int outcome = PENDING;
        private Object result;
        private Throwable failure;

        Step(Work<T> work, BatchStats stats) {
            this.work = work;
            this.stats = stats;
        }

        synchronized void done(Object value) {
            result = value;
            outcome = DONE;
            notifyAll();
        }

        synchronized void alone() {
            outcome = ALONE;
            notifyAll();
        }

        void runAlone(StepCommit commits) {
            Object value;
            try {
                value = commits.alone(work);
            } catch (Throwable t) {
                synchronized (this) {
                    failure = t;
                    outcome = FAILED;
                    notifyAll();
                }
                return;
            }
            done(value);
        }

        /**
         * Waits until the step has an outcome (true) or {@code timeoutNanos} passed (false). Waits through
         * interrupts, since the step may be running in a batch already, and keeps the interrupt.
         */
        synchronized boolean await(long timeoutNanos) {
            boolean interrupted = false;
            long deadline = System.nanoTime() + timeoutNanos;
            try {
                while (outcome == PENDING) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    try {
                        TimeUnit.NANOSECONDS.timedWait(this, left);
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                return true;
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @SuppressWarnings("unchecked")
        T outcome(StepCommit commits) {
            int o;
            synchronized (this) {
                o = outcome;
            }
            switch (o) {
                case DONE:
                    return (T) result;
                case FAILED:
                    throw Tx.<RuntimeException>sneaky(failure);
                default:
                    return commits.alone(work); // the batch rolled back: this step runs alone
            }
        }
    }
}
