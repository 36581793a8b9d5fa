package io.rio.core.internal;

import io.rio.core.InvocationOutcome;
import io.rio.core.model.HandlerDefinition;
import io.rio.spi.InvocationRecord;
import io.rio.spi.InvocationStatus;
import java.util.concurrent.CompletableFuture;

/**
 * An invocation this node is running or about to run: its stored record plus what only lives in memory
 * (the parsed input, whether its row exists yet, the future its callers wait on).
 *
 * <p>Thread safety: an invocation is handled by one thread at a time (the key queue or the dispatcher hands
 * it over); {@link #future} is thread-safe.
 */
public final class Invocation {
    private final HandlerDefinition handler;
    private final CompletableFuture<InvocationOutcome> future = new CompletableFuture<>();
    private volatile InvocationRecord record;
    private volatile Object input;
    private volatile boolean persisted;
    private volatile InvocationContext context;
    private boolean suspended;
    private boolean wakeRequested;
    private boolean paused;
    private int failureStreak;
    private volatile boolean fresh;
    private volatile boolean awaited;
    private long journalNanos;
    private int journaledOps;
    private volatile String origin = "accepted here";

    public Invocation(HandlerDefinition handler, InvocationRecord record, Object input, boolean persisted) {
        this.handler = handler;
        this.record = record;
        this.input = input;
        this.persisted = persisted;
    }

    public String id() {
        return record.id();
    }

    public HandlerDefinition handler() {
        return handler;
    }

    public InvocationRecord record() {
        return record;
    }

    public void record(InvocationRecord updated) {
        this.record = updated;
    }

    /** The parsed input, or {@code null} if it must be read from the record's JSON. */
    public Object input() {
        return input;
    }

    public void input(Object parsed) {
        this.input = parsed;
    }

    /** Whether the invocation's row exists in the store. */
    public boolean persisted() {
        return persisted;
    }

    public void markPersisted() {
        this.persisted = true;
    }

    /** Marks that a caller on this node waits for its outcome (a call, not a send). */
    public void markAwaited() {
        this.awaited = true;
    }

    /** Whether a caller on this node waits for {@link #future()}. */
    public boolean awaited() {
        return awaited;
    }

    /** Marks it as stored by this node and never attempted: its first attempt need not read a journal. */
    public void markFresh() {
        this.fresh = true;
    }

    /** Whether this is the first attempt of a fresh invocation; clears the mark. */
    boolean takeFresh() {
        boolean was = fresh;
        fresh = false;
        return was;
    }

    /** Counts time spent journaling (step transactions without their actions), which batching does not judge. */
    void addJournalNanos(long nanos) {
        journalNanos += nanos;
        journaledOps++;
    }

    /** Journaled operations this node has executed for the invocation (steps, timers, awakeables, ...). */
    int journaledOps() {
        return journaledOps;
    }

    long journalNanos() {
        return journalNanos;
    }


    /** How this node came to have it in memory (for log messages): accepted here, or loaded by whom. */
    public String origin() {
        return origin;
    }

    public void origin(String how) {
        this.origin = how;
    }

    /** The context of the current or last attempt. */
    InvocationContext context() {
        return context;
    }

    void context(InvocationContext ctx) {
        this.context = ctx;
    }

    /**
     * Marks the invocation suspended after its suspension committed.
     *
     * @return true if a wake-up arrived meanwhile: the caller resumes it right away instead
     */
    public synchronized boolean suspendUnlessWoken() {
        if (wakeRequested) {
            wakeRequested = false;
            return false;
        }
        suspended = true;
        return true;
    }

    /**
     * A wake-up: if suspended, clears it and returns true (the caller resumes it); otherwise remembers it for
     * {@link #suspendUnlessWoken()}.
     */
    public synchronized boolean wakeIfSuspended() {
        if (paused) {
            return false;
        }
        if (suspended) {
            suspended = false;
            return true;
        }
        wakeRequested = true;
        return false;
    }

    public synchronized boolean isSuspended() {
        return suspended;
    }

    /** Stops it from resuming until {@link #unpause()}. */
    public synchronized void pause() {
        paused = true;
    }

    /** @return true if it was paused or suspended and must now be started */
    public synchronized boolean unpause() {
        boolean wasIdle = paused || suspended;
        paused = false;
        suspended = false;
        return wasIdle;
    }

    public synchronized boolean isPaused() {
        return paused;
    }

    /** Counts a failed attempt; returns the failures in a row. */
    int failed() {
        return ++failureStreak;
    }

    /** Progress (a suspension) ends a streak of failures. */
    void progressed() {
        failureStreak = 0;
    }

    public CompletableFuture<InvocationOutcome> future() {
        return future;
    }

    /** The partition the invocation is placed on. */
    public int partition() {
        return record.partition();
    }

    /** The queue key: service and object key; {@code null} for invocations that need no ordering. */
    public String queueKey() {
        return handler.exclusive() ? handler.service() + '\u0000' + record.objectKey() : null;
    }

    /** A copy of the record with new status and attempt fields. */
    public InvocationRecord with(InvocationStatus status, int attempts, String output, Integer errorCode,
            String errorMessage, String owner, long epoch, long runAt, long now) {
        return record.with(status, attempts, output, errorCode, errorMessage, owner, epoch, runAt, now);
    }
}
