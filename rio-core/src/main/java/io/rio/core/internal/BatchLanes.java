package io.rio.core.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Group commit: ready attempts wait here for one of {@code lanes} lanes, and a lane runs all that wait (up to
 * {@code batchSize}) in one transaction. Under load, one commit and one transaction's fixed cost are shared by many
 * invocations; with little load a batch holds one attempt and a call runs on its caller's thread at once, as
 * without batching. A lane is a task of the {@link BoundedDispatcher}, so lanes and attempts that run alone share
 * its limit ({@code rio.max-concurrency}).
 *
 * <p>Thread safety: safe for concurrent use; batches run on the lanes' threads.
 */
public final class BatchLanes {
    private static final System.Logger LOG = System.getLogger(BatchLanes.class.getName());

    private final BoundedDispatcher dispatcher;
    private final int lanes;
    private final int batchSize;
    private final Consumer<List<Invocation>> runBatch;
    private final ArrayDeque<Invocation> waiting = new ArrayDeque<>();
    private int busy;
    /** Lanes handed to the dispatcher that have not started yet (they wait there as tasks). */
    private final java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * @param runBatch runs one batch in one transaction (and falls back to single attempts if it cannot commit)
     */
    public BatchLanes(BoundedDispatcher dispatcher, int lanes, int batchSize, Consumer<List<Invocation>> runBatch) {
        this.dispatcher = dispatcher;
        this.lanes = lanes;
        this.batchSize = batchSize;
        this.runBatch = runBatch;
    }

    /** Queues an attempt; a free lane starts on the dispatcher. */
    public void submit(Invocation invocation) {
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
    public void submitInline(Invocation invocation) {
        synchronized (this) {
            waiting.addLast(invocation);
            if (busy >= lanes) {
                return;
            }
            busy++;
        }
        pending.incrementAndGet();
        try {
            dispatcher.executeInline(this::laneOnce);
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
        List<Invocation> batch;
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

    /** Lanes waiting for a dispatcher slot: tasks in {@link BoundedDispatcher#backlog()} that hold no attempt. */
    public int pendingLanes() {
        return pending.get();
    }

    private void startLane() {
        pending.incrementAndGet();
        try {
            dispatcher.execute(this::lane);
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
            List<Invocation> batch;
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
    private void drainInto(List<Invocation> batch) {
        while (batch.size() < batchSize && !waiting.isEmpty()) {
            batch.add(waiting.pollFirst());
        }
    }

    private void run(List<Invocation> batch) {
        try {
            runBatch.accept(batch);
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.ERROR, "Rio batch failed", e);
        }
    }
}
