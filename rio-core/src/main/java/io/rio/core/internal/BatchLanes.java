package io.rio.core.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Group commit: ready work (attempts, or invocations to store) waits here for one of {@code lanes} lanes, and a
 * lane runs all that waits (up to {@code batchSize}) in one transaction. Under load, one commit and one transaction's fixed cost are shared by many
 * invocations; with little load a batch holds one attempt and a call runs on its caller's thread at once, as
 * without batching. Attempt lanes are tasks of the {@link BoundedDispatcher}, so they share its limit
 * ({@code rio.max-concurrency}) with attempts that run alone; lanes that store accepted invocations must not wait
 * behind running attempts, so they run on the caller's thread or straight on the container's executor.
 *
 * <p>Thread safety: safe for concurrent use; batches run on the lanes' threads.
 */
public final class BatchLanes<T> {
    private static final System.Logger LOG = System.getLogger(BatchLanes.class.getName());

    private final Executor executor;
    private final Executor inline;
    private final int lanes;
    private final int batchSize;
    private final Consumer<List<T>> runBatch;
    private final ArrayDeque<T> waiting = new ArrayDeque<>();
    private int busy;
    /** Lanes handed to the dispatcher that have not started yet (they wait there as tasks). */
    private final java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * @param executor runs lanes that go on in the background
     * @param inline   runs a lane that starts on the caller's thread (e.g. {@code Runnable::run}, or
     *                 {@link BoundedDispatcher#executeInline}, which queues it if no slot is free)
     * @param runBatch runs one batch in one transaction (and falls back to single attempts if it cannot commit)
     */
    public BatchLanes(Executor executor, Executor inline, int lanes, int batchSize, Consumer<List<T>> runBatch) {
        this.executor = executor;
        this.inline = inline;
        this.lanes = lanes;
        this.batchSize = batchSize;
        this.runBatch = runBatch;
    }

    /** Queues an attempt; a free lane starts on the dispatcher. */
    public void submit(T invocation) {
        synchronized (this) {
            waiting.addLast(invocation);
            if (busy >= lanes) {
                return;
            }
            busy++;
        }
        startLane();
    }

    /**
     * Runs an attempt on the calling thread when a lane and a dispatcher slot are free, in a batch with whatever
     * waits; otherwise queues it. What is left waiting afterwards goes on in a lane on the dispatcher.
     */
    public void submitInline(T invocation) {
        synchronized (this) {
            waiting.addLast(invocation);
            if (busy >= lanes) {
                return;
            }
            busy++;
        }
        pending.incrementAndGet();
        try {
            inline.execute(this::laneOnce);
        } catch (RuntimeException rejected) {
            pending.decrementAndGet();
            synchronized (this) {
                busy--;
            }
            throw rejected;
        }
    }

    /** One batch, then the lane goes on on the dispatcher if more waits (the caller's thread is given back). */
    private void laneOnce() {
        pending.decrementAndGet();
        List<T> batch;
        synchronized (this) {
            if (waiting.isEmpty()) {
                busy--;
                return;
            }
            batch = new ArrayList<>(Math.min(batchSize, waiting.size()));
            drainInto(batch);
        }
        run(batch);
        synchronized (this) {
            if (waiting.isEmpty()) {
                busy--;
                return;
            }
        }
        startLane();
    }

    /** Attempts waiting for a lane. */
    public synchronized int backlog() {
        return waiting.size();
    }

    /** Lanes handed to their executor that have not started (in a dispatcher's backlog, tasks that hold no work). */
    public int pendingLanes() {
        return pending.get();
    }

    private void startLane() {
        pending.incrementAndGet();
        try {
            executor.execute(this::lane);
        } catch (RuntimeException rejected) {
            pending.decrementAndGet();
            synchronized (this) {
                busy--;
            }
            throw rejected;
        }
    }

    private void lane() {
        pending.decrementAndGet();
        while (true) {
            List<T> batch;
            synchronized (this) {
                if (waiting.isEmpty()) {
                    busy--;
                    return;
                }
                batch = new ArrayList<>(Math.min(batchSize, waiting.size()));
                drainInto(batch);
            }
            run(batch);
        }
    }

    /** Moves waiting attempts into {@code batch} up to the batch size; call holding the monitor. */
    private void drainInto(List<T> batch) {
        while (batch.size() < batchSize && !waiting.isEmpty()) {
            batch.add(waiting.pollFirst());
        }
    }

    private void run(List<T> batch) {
        try {
            runBatch.accept(batch);
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.ERROR, "Rio batch failed", e);
        }
    }
}
