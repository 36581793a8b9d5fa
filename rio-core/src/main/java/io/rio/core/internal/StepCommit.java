package io.rio.core.internal;

import io.rio.spi.Transactions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Group commit of steps: the transactions of journaled operations ({@code ctx.run} and the journaling of timers,
 * awakeables and completions) that attempts on different threads start at the same time share one commit, the way
 * PostgreSQL's own group commit shares one WAL flush. Each caller still waits until its step has committed, so a
 * step is as durable when {@code ctx.run} returns as with a transaction of its own.
 *
 * <p>It combines on the callers' threads: a caller that finds no batch running leads one. The leader takes every
 * step waiting (up to the batch size), runs each one's work (its action and its journal entry) in one transaction,
 * commits, hands each caller its result, and passes the lead on to the first step that arrived meanwhile. With one
 * step at a time a batch holds that step alone, as without batching. If any work fails or the commit fails, the
 * batch rolls back and each caller runs its own step again alone on its own thread, where a failure takes its
 * usual course: database work inside a rolled-back step is undone, other side effects of its action happen again
 * (steps are at least once for those). Which steps take part is learned per handler and step name, as for
 * attempts ({@link BatchStats}): steps that fail or take longer than 50 ms run alone.
 *
 * <p>Thread safety: safe for concurrent use; a batch runs on its leader's thread.
 */
final class StepCommit {
    private static final long SLOW_WORK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Transactions transactions;
    private final int batchSize;
    private final ArrayDeque<Step<?>> waiting = new ArrayDeque<>();
    private final Map<String, BatchStats> stats = new ConcurrentHashMap<>();
    private final int maxLeaders;
    private int leaders;

    /**
     * @param batchSize the most steps one transaction runs; 1 runs every step alone
     * @param leaders   how many batches run at once
     */
    StepCommit(Transactions transactions, int batchSize, int leaders) {
        this.transactions = transactions;
        this.batchSize = batchSize;
        this.maxLeaders = leaders;
    }

    /**
     * Runs {@code work} in a new transaction, possibly together with other steps' work, and returns its result
     * once that transaction has committed. Exceptions are those of running it alone ({@link Tx#call}).
     *
     * @param statsKey names the step for learning whether it batches well (handler and step name)
     */
    <T> T call(String statsKey, Callable<T> work) {
        if (batchSize <= 1) {
            return Tx.call(transactions, work);
        }
        BatchStats stepStats = stats.computeIfAbsent(statsKey, k -> new BatchStats());
        if (!stepStats.batchable()) {
            return Tx.call(transactions, work);
        }
        Step<T> step = new Step<>(work, stepStats);
        boolean lead;
        synchronized (this) {
            lead = leaders < maxLeaders;
            if (lead) {
                leaders++;
            } else {
                waiting.addLast(step);
            }
        }
        if (lead || step.awaitLeadOrOutcome()) {
            lead(step);
        }
        return step.outcome(transactions);
    }

    /** Steps waiting for a batch (for tests). */
    synchronized int waitingForTests() {
        return waiting.size();
    }

    /**
     * Runs one batch, {@code own} (the leader's step) first and then what waits, up to the batch size; then passes
     * the lead on to the first step still waiting, taking it off the queue so that it leads the next batch, or
     * gives the lead up if nothing waits.
     */
    private void lead(Step<?> own) {
        List<Step<?>> batch;
        synchronized (this) {
            batch = new ArrayList<>(Math.min(batchSize, waiting.size() + 1));
            batch.add(own);
            while (batch.size() < batchSize && !waiting.isEmpty()) {
                batch.add(waiting.pollFirst());
            }
        }
        try {
            run(batch);
        } finally {
            Step<?> next;
            synchronized (this) {
                next = waiting.pollFirst();
                if (next == null) {
                    leaders--;
                }
            }
            if (next != null) {
                next.lead();
            }
        }
    }

    private void run(List<Step<?>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        if (batch.size() == 1) {
            batch.get(0).runAlone(transactions);
            return;
        }
        int n = batch.size();
        Object[] results = new Object[n];
        int[] current = {-1};
        try {
            Tx.call(transactions, () -> {
                for (int i = 0; i < n; i++) {
                    current[0] = i;
                    Step<?> step = batch.get(i);
                    long started = System.nanoTime();
                    results[i] = step.work.call();
                    if (System.nanoTime() - started > SLOW_WORK_NANOS) {
                        step.stats.spoiled();
                    }
                }
                current[0] = -1;
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

        final Callable<T> work;
        final BatchStats stats;
        private int outcome = PENDING;
        private boolean lead;
        private Object result;
        private Throwable failure;

        Step(Callable<T> work, BatchStats stats) {
            this.work = work;
            this.stats = stats;
        }

        synchronized void lead() {
            lead = true;
            notifyAll();
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

        void runAlone(Transactions transactions) {
            Object value;
            try {
                value = Tx.call(transactions, work);
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
         * Waits until the step has an outcome (false) or this caller is to lead the next batch (true). Waits
         * through interrupts, since the step may be running in a batch already, and keeps the interrupt.
         */
        synchronized boolean awaitLeadOrOutcome() {
            boolean interrupted = false;
            try {
                while (true) {
                    if (lead) {
                        return true;
                    }
                    if (outcome != PENDING) {
                        return false;
                    }
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @SuppressWarnings("unchecked")
        T outcome(Transactions transactions) {
            int o;
            synchronized (this) {
                o = outcome;
            }
            switch (o) {
                case DONE:
                    return (T) result;
                case FAILED:
                    return rethrow(failure);
                default:
                    return Tx.call(transactions, work); // the batch rolled back: this step runs alone
            }
        }

        private static <R> R rethrow(Throwable t) {
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error e) {
                throw e;
            }
            throw Tx.<RuntimeException>sneaky(t);
        }
    }
}
