package io.rio.core.internal;

import io.rio.api.RetryPolicy;
import io.rio.api.TerminalException;
import io.rio.core.EngineConfig;
import io.rio.core.InvocationOutcome;
import io.rio.core.model.HandlerDefinition;
import io.rio.spi.InvocationRecord;
import io.rio.spi.InvocationStatus;
import io.rio.spi.JournalEntry;
import io.rio.spi.RioStore;
import io.rio.spi.SignalRecord;
import io.rio.spi.StateChanges;
import io.rio.spi.Transactions;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs attempts. One transaction holds the handler body, its state changes, its outgoing calls and sends,
 * its result for a waiting caller and its final row. A retryable failure rolls that back, stores the
 * invocation as backing off and schedules the next attempt; a suspension rolls the body back and stores the
 * outgoing messages and the suspended row; a terminal failure ends it.
 *
 * <p>Thread safety: shared by all invocations; each attempt runs on one dispatcher thread.
 */
public final class AttemptRunner {
    private static final Logger LOG = System.getLogger(AttemptRunner.class.getName());
    /**
     * Step transactions that run at once before steps wait to share one (see {@link StepCommit}): with two, one
     * gathers while the other commits; more only made batches smaller in the benchmark.
     */
    private static final int STEP_BATCHES = 2;

    private final RioStore store;
    private final Transactions transactions;
    private final JsonCodec codec;
    private final Clock clock;
    private final EngineConfig config;
    private final BoundedDispatcher dispatcher;
    private final ScheduledExecutorService scheduler;
    private final InvocationRows rows;
    private final StepExecutor steps;
    private final EngineHooks hooks;
    private final Outgoing outgoing;
    private final Consumer<Invocation> onEnded;
    private final GroupCommit groupCommit;
    private final StateCache stateCache = new StateCache();
    private final Ownership ownership;

    public AttemptRunner(RioStore store, Transactions transactions, JsonCodec codec, Clock clock, EngineConfig config,
            Executor executor, BoundedDispatcher dispatcher, ScheduledExecutorService scheduler, InvocationRows rows,
            EngineHooks hooks, KeyQueues keyQueues, Consumer<Outbox.Message> admit, Consumer<Invocation> onEnded,
            Ownership ownership) {
        this.ownership = ownership;
        this.store = store;
        this.transactions = transactions;
        this.codec = codec;
        this.clock = clock;
        this.config = config;
        this.dispatcher = dispatcher;
        this.scheduler = scheduler;
        this.rows = rows;
        int stepBatchSize = config.batchSteps() ? config.batchSize() : 1;
        this.steps = new StepExecutor(store, transactions, codec, clock, rows, new StepCommit(store, transactions,
                stepBatchSize, STEP_BATCHES, new BoundedDispatcher(executor, STEP_BATCHES)));
        this.hooks = hooks;
        this.outgoing = new Outgoing(store, clock, rows, admit, hooks::wake);
        this.onEnded = onEnded;
        this.groupCommit = config.batchLanes() == 0 ? null
                : new GroupCommit(config, transactions, dispatcher, keyQueues, new BatchMembers());
    }

    /** Starts the next attempt of {@code invocation}: in a batch (group commit) or alone on the dispatcher. */
    public void start(Invocation invocation) {
        if (groupCommit != null && groupCommit.batchable(invocation)) {
            groupCommit.submit(invocation);
        } else {
            dispatcher.execute(() -> attempt(invocation));
        }
    }

    /** Runs the first attempt of a call on the calling thread when a lane or slot is free, else queues it. */
    public void startInline(Invocation invocation) {
        if (groupCommit != null && groupCommit.batchable(invocation)) {
            groupCommit.submitInline(invocation);
        } else {
            dispatcher.executeInline(() -> attempt(invocation));
        }
    }

    /** Attempts waiting for a batch lane, less the lanes waiting as tasks in the dispatcher's backlog. */
    public int laneBacklog() {
        return groupCommit == null ? 0 : groupCommit.laneBacklog();
    }

    /** How a batch runs, completes and gives up its members: as single attempts do. */
    private final class BatchMembers implements GroupCommit.Attempts {
        @Override
        public String runBody(Invocation member, Map<String, StateCache.Locked> lockedByKey) throws Exception {
            return AttemptRunner.this.runBody(member, member.record().attempts() + 1, lockedByKey);
        }

        @Override
        public void stateCommitted(Map<String, StateCache.Locked> locked) {
            stateCache.committed(locked);
        }

        @Override
        public void completed(Invocation member, String output) {
            outgoing.afterCommit(member);
            end(member, InvocationOutcome.success(member.id(), output));
        }

        @Override
        public void rolledBack(Invocation member) {
            outgoing.discard(member);
        }

        @Override
        public void attempt(Invocation invocation) {
            AttemptRunner.this.attempt(invocation);
        }
    }

    void attempt(Invocation invocation) {
        if (invocation.isPaused() || invocation.future().isDone()) {
            return;
        }
        int attempt = invocation.record().attempts() + 1;
        if (!ownership.holds(invocation.partition())) {
            hooks.handOff(invocation, invocation.partition());
            return;
        }
        Map<String, StateCache.Locked> locked = new HashMap<>(2);
        try {
            String output = Tx.call(transactions, () -> runBody(invocation, attempt, locked));
            stateCache.committed(locked);
            outgoing.afterCommit(invocation);
            end(invocation, InvocationOutcome.success(invocation.id(), output));
        } catch (Throwable thrown) {
            outgoing.discard(invocation);
            if (thrown instanceof Suspend suspend) {
                suspend(invocation, attempt, suspend);
            } else if (thrown instanceof TerminalException terminal) {
                fail(invocation, attempt, terminal.code(), terminal.getMessage());
            } else if (thrown instanceof NonDeterminismException nonDeterminism) {
                pause(invocation, attempt, nonDeterminism.getMessage());
            } else if (AttemptFailures.ended(thrown)) {
                if (!(thrown instanceof InvocationRows.AlreadyEndedException)) {
                    LOG.log(Level.WARNING, "Attempt " + attempt + " of " + invocation.id() + " ("
                            + invocation.handler().service() + "/" + invocation.handler().name() + ", "
                            + invocation.origin() + " as " + invocation.record().status() + " (modified at "
                            + invocation.record().modifiedAt() + ")) ran after the invocation had ended: its step "
                            + "was rolled back; the stored outcome stands");
                }
                adoptStoredOutcome(invocation);
            } else if (thrown instanceof AttemptFailures.KeyHeld held) {
                hooks.blockedBy(invocation, held.head);
            } else if (AttemptFailures.fenced(thrown)) {
                hooks.handOff(invocation, invocation.partition());
            } else {
                retry(invocation, attempt, thrown);
            }
        }
    }

    /**
     * @param lockedByKey each object key locked so far in this transaction (in a batch, by earlier attempts), with
     *                    its state updated with the changes of each attempt; published to the state cache once
     *                    the transaction commits
     */
    private String runBody(Invocation invocation, int attempt, Map<String, StateCache.Locked> lockedByKey)
            throws Exception {
        HandlerDefinition handler = invocation.handler();
        InvocationRecord record = invocation.record();
        // A fresh invocation (stored by this node, never attempted) has no journal and no completions yet.
        boolean history = invocation.persisted() && !invocation.takeFresh();
        List<JournalEntry> journal = history ? store.loadJournal(invocation.id()) : List.of();
        List<SignalRecord> signals = history ? store.loadSignals(invocation.id()) : null;
        StateView state;
        Map<String, String> locked = null;
        if (handler.exclusive()) {
            StateCache.Locked held = lockedByKey.get(invocation.queueKey());
            if (held == null) {
                StateCache.Entry cached = stateCache.get(invocation.queueKey());
                held = StateCache.Locked.of(store.lockObject(handler.service(), record.objectKey(),
                        cached == null ? -1 : cached.version(), ownership.fence(invocation.partition())), cached);
                lockedByKey.put(invocation.queueKey(), held);
            }
            String head = held.head();
            if (head != null && !head.equals(invocation.id())) {
                throw new AttemptFailures.KeyHeld(head);
            }
            if (head != null) {
                store.releaseObject(handler.service(), record.objectKey(), invocation.id());
                held.released();
            }
            Map<String, String> lockedState = held.state();
            locked = lockedState;
            state = new StateView(handler.kind(), handler.source(), codec, () -> lockedState);
        } else {
            state = new StateView(handler.kind(), handler.source(), codec,
                    () -> store.readState(handler.service(), record.objectKey()));
        }
        InvocationContext ctx = new InvocationContext(invocation, journal, signals, steps, state, hooks, codec, clock);
        invocation.context(ctx);
        Object result = handler.invoker().invoke(ctx, codec.input(invocation));
        String output = handler.outputType() == null ? null : codec.writeEntry(result, handler.outputType(),
                "The output of " + handler.service() + "/" + handler.name());
        if (handler.exclusive()) {
            StateChanges changes = ctx.stateChanges();
            if (!changes.isEmpty()) {
                store.applyState(handler.service(), record.objectKey(), changes);
                apply(locked, changes);
            }
        }
        outgoing.store(invocation, ctx.outbox(), false);
        outgoing.signalParent(invocation, output, null, null);
        if (mustStore(invocation)) {
            rows.save(invocation, rows.next(invocation, InvocationStatus.COMPLETED, attempt, output, null, null,
                    clock.millis()));
        }
        return output;
    }

    /** What {@code changes} do to the state map of a key locked in a batch, for the attempts after this one. */
    private static void apply(Map<String, String> state, StateChanges changes) {
        if (changes.clearAll()) {
            state.clear();
        } else {
            for (String name : changes.removed()) {
                state.remove(name);
            }
        }
        state.putAll(changes.set());
    }

    private boolean mustStore(Invocation invocation) {
        return invocation.persisted() || config.retainCompleted() || invocation.record().idempotencyKey() != null;
    }

    private void suspend(Invocation invocation, int attempt, Suspend suspend) {
        InvocationContext ctx = invocation.context();
        InvocationRecord suspended = rows.next(invocation, InvocationStatus.SUSPENDED, attempt, null, null, null,
                suspend.wakeAt());
        boolean due;
        try {
            due = Tx.call(transactions, () -> {
                rows.save(invocation, suspended);
                hold(invocation);
                outgoing.store(invocation, ctx.outbox(), true);
                for (String[] awaited : suspend.awaited()) {
                    if (store.findSignal(awaited[0], awaited[1]).isPresent()) {
                        return true;
                    }
                }
                return false;
            });
        } catch (InvocationRows.AlreadyEndedException ended) {
            outgoing.discard(invocation);
            adoptStoredOutcome(invocation);
            return;
        } catch (RuntimeException storeDown) {
            outgoing.discard(invocation);
            if (AttemptFailures.fenced(storeDown)) {
                hooks.handOff(invocation, invocation.partition());
            } else {
                retry(invocation, attempt, storeDown);
            }
            return;
        }
        invocation.markPersisted();
        invocation.record(suspended);
        invocation.progressed();
        outgoing.afterCommit(invocation);
        if (due || !invocation.suspendUnlessWoken()) {
            start(invocation);
        } else if (suspend.wakeAt() != Suspend.NEVER) {
            long delay = Math.max(0, suspend.wakeAt() - clock.millis());
            scheduler.schedule(() -> hooks.wake(invocation.id()), delay, TimeUnit.MILLISECONDS);
        }
    }

    private void fail(Invocation invocation, int attempt, int code, String message) {
        InvocationContext ctx = invocation.context();
        try {
            InvocationRecord failed = rows.next(invocation, InvocationStatus.FAILED, attempt, null, code, message,
                    clock.millis());
            Tx.call(transactions, () -> {
                if (ctx != null) {
                    outgoing.store(invocation, ctx.outbox(), false);
                }
                outgoing.signalParent(invocation, null, code, message);
                if (mustStore(invocation)) {
                    rows.save(invocation, failed);
                }
                if (invocation.persisted() && invocation.handler().exclusive()) {
                    store.releaseObject(invocation.handler().service(), invocation.record().objectKey(),
                            invocation.id());
                }
                return null;
            });
            outgoing.afterCommit(invocation);
            end(invocation, InvocationOutcome.failure(invocation.id(), code, message));
        } catch (InvocationRows.AlreadyEndedException ended) {
            outgoing.discard(invocation);
            adoptStoredOutcome(invocation);
        } catch (RuntimeException storeDown) {
            outgoing.discard(invocation);
            if (AttemptFailures.fenced(storeDown)) {
                hooks.handOff(invocation, invocation.partition());
                return;
            }
            LOG.log(Level.WARNING, "Could not store the failure of " + invocation.id() + "; retrying", storeDown);
            scheduler.schedule(() -> dispatcher.execute(() -> fail(invocation, attempt, code, message)),
                    config.retryPolicy().maxInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void retry(Invocation invocation, int attempt, Throwable failure) {
        HandlerDefinition handler = invocation.handler();
        RetryPolicy policy = config.retryPolicy();
        String error = AttemptFailures.describe(failure);
        int streak = invocation.failed();
        if (streak >= policy.maxAttempts()) {
            String message = handler.service() + "/" + handler.name() + " failed " + streak + " times; last error: "
                    + error;
            if (policy.onMaxAttempts() == RetryPolicy.OnMaxAttempts.KILL) {
                fail(invocation, attempt, TerminalException.DEFAULT_CODE, message);
            } else {
                pause(invocation, attempt, message);
            }
            return;
        }
        long delay = policy.delayAfter(streak).toMillis();
        LOG.log(Level.DEBUG, () -> "Attempt " + attempt + " of " + invocation.id() + " failed, retrying in " + delay
                + " ms: " + error);
        InvocationRecord backingOff = rows.next(invocation, InvocationStatus.BACKING_OFF, attempt, null,
                TerminalException.DEFAULT_CODE, error, clock.millis() + delay);
        try {
            Tx.call(transactions, () -> {
                rows.save(invocation, backingOff);
                hold(invocation);
                return null;
            });
            invocation.markPersisted();
        } catch (InvocationRows.AlreadyEndedException ended) {
            adoptStoredOutcome(invocation);
            return;
        } catch (RuntimeException storeDown) {
            if (AttemptFailures.fenced(storeDown)) {
                hooks.handOff(invocation, invocation.partition());
                return;
            }
            LOG.log(Level.WARNING, "Could not store the retry state of " + invocation.id(), storeDown);
        }
        invocation.record(backingOff);
        scheduler.schedule(() -> start(invocation), delay, TimeUnit.MILLISECONDS);
    }

    void pause(Invocation invocation, int attempt, String message) {
        LOG.log(Level.WARNING, "Pausing invocation " + invocation.id() + ": " + message);
        invocation.pause();
        InvocationRecord paused = rows.next(invocation, InvocationStatus.PAUSED, attempt, null,
                TerminalException.DEFAULT_CODE, message, clock.millis());
        try {
            Tx.call(transactions, () -> {
                rows.save(invocation, paused);
                hold(invocation);
                return null;
            });
            invocation.markPersisted();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not store the pause of " + invocation.id(), e);
        }
        invocation.record(paused);
    }

    void adoptStoredOutcome(Invocation invocation) {
        Optional<InvocationRecord> stored = Tx.call(transactions, () -> store.findInvocation(invocation.id()));
        if (stored.isPresent() && stored.get().status().isTerminal()) {
            end(invocation, InvocationRows.outcome(stored.get()));
        } else {
            end(invocation, InvocationOutcome.failure(invocation.id(), 500,
                    "Invocation " + invocation.id() + " was ended or purged elsewhere"));
        }
    }

    void end(Invocation invocation, InvocationOutcome outcome) {
        try {
            onEnded.accept(invocation);
        } finally {
            invocation.future().complete(outcome);
        }
    }

    /** Between attempts an exclusive invocation keeps its object, on every node (see {@link RioStore#holdObject}). */
    private void hold(Invocation invocation) {
        if (invocation.handler().exclusive()) {
            store.holdObject(invocation.handler().service(), invocation.record().objectKey(), invocation.id());
        }
    }
}
