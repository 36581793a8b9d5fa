package io.rio.core.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
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
    private final AtomicInteger pending = new AtomicInteger();

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

    /** Queues an item; a free lane starts on the executor. */
    public void submit(T item) {
        if (enqueue(item)) {
            startLane(executor, this::lane);
        }
    }

    /**
     * Runs an item on the calling thread when a lane is free (and, for attempts, a dispatcher slot), in a batch
     * with whatever waits; otherwise queues it. What is left waiting afterwards goes on in a lane on the executor.
     */
    public void submitInline(T item) {
        if (enqueue(item)) {
            startLane(inline, this::laneOnce);
        }
    }

    /** Items waiting for a lane. */
    public synchronized int backlog() {
        return waiting.size();
    }

    /** Lanes handed to their executor that have not started (in a dispatcher's backlog, tasks that hold no work). */
    public int pendingLanes() {
        return pending.get();
    }

    /** Queues the item; returns true if a lane must start for it (a lane was free and is now taken). */
    private synchronized boolean enqueue(T item) {
        waiting.addLast(item);
        if (busy >= lanes) {
            return false;
        }
        busy++;
        return true;
    }

    private void startLane(Executor via, Runnable lane) {
        pending.incrementAndGet();
        try {
            via.execute(lane);
        } catch (RuntimeException rejected) {
            pending.decrementAndGet();
            synchronized (this) {
                busy--;
            }
            throw rejected;
        }
    }

    /** One batch, then the lane goes on on the executor if more waits (the caller's thread is given back). */
    private void laneOnce() {
        pending.decrementAndGet();
        List<T> batch = nextBatch();
        if (batch == null) {
            return;
        }
        run(batch);
        synchronized (this) {
            if (waiting.isEmpty()) {
                busy--;
                return;
            }
        }
        startLane(executor, this::lane);
    }

    private void lane() {
        pending.decrementAndGet();
        for (List<T> batch = nextBatch(); batch != null; batch = nextBatch()) {
            run(batch);
        }
    }

    /** The next batch, or null (and the lane is given up) if nothing waits. */
    private synchronized List<T> nextBatch() {
        if (waiting.isEmpty()) {
            busy--;
            return null;
        }
        List<T> batch = new ArrayList<>(Math.min(batchSize, waiting.size()));
        while (batch.size() < batchSize && !waiting.isEmpty()) {
            batch.add(waiting.pollFirst());
        }
        return batch;
    }

    private void run(List<T> batch) {
        try {
            runBatch.accept(batch);
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.ERROR, "Rio batch failed", e);
        }
    }
}
