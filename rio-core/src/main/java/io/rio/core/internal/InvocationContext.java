package io.rio.core.internal;

import io.rio.api.Awakeable;
import io.rio.api.AwakeableHandle;
import io.rio.api.Client;
import io.rio.api.Context;
import io.rio.api.DurableFuture;
import io.rio.api.DurablePromise;
import io.rio.api.DurablePromiseKey;
import io.rio.api.RetryPolicy;
import io.rio.api.StateKey;
import io.rio.api.TerminalException;
import io.rio.api.WorkflowContext;
import io.rio.spi.JournalEntry;
import io.rio.spi.SignalRecord;
import io.rio.spi.StateChanges;
import java.lang.reflect.Type;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * The context of one attempt: replays the journal, runs new operations through {@link StepExecutor}, buffers
 * state changes and outgoing calls until the attempt ends, and suspends the attempt when it awaits what has
 * not completed. It implements every context interface; the handler sees the one it declared, and
 * operations its kind does not allow fail.
 *
 * <p>Thread safety: confined to the thread that runs the attempt.
 */
public final class InvocationContext implements WorkflowContext {
    static final String CANCEL = "cancel";
    static final String CANCELLED_MESSAGE = "Invocation cancelled";

    private final Invocation invocation;
    private final Map<Integer, JournalEntry> journal;
    private final int lastJournaled;
    private final Map<String, SignalRecord> signals = new HashMap<>();
    private final Map<String, Map<String, SignalRecord>> loadedScopes = new HashMap<>();
    private final StepExecutor steps;
    private final StateView state;
    private final EngineHooks hooks;
    private final JsonCodec codec;
    private final Clock clock;
    private final Outbox outbox = new Outbox();
    private final Completions completions = new Completions(this);
    private Random random;
    private int nextSeq;
    private boolean cancelDelivered;

    /** @param ownSignals the invocation's completions, or {@code null} to load them when first needed */
    InvocationContext(Invocation invocation, List<JournalEntry> entries, List<SignalRecord> ownSignals,
            StepExecutor steps, StateView state, EngineHooks hooks, JsonCodec codec, Clock clock) {
        this.invocation = invocation;
        this.journal = new HashMap<>();
        int last = -1;
        for (JournalEntry e : entries) {
            journal.put(e.seq(), e);
            last = Math.max(last, e.seq());
        }
        this.lastJournaled = last;
        if (ownSignals != null) {
            Map<String, SignalRecord> own = new HashMap<>();
            ownSignals.forEach(s -> own.put(s.name(), s));
            loadedScopes.put(invocation.id(), own);
        }
        this.steps = steps;
        this.state = state;
        this.hooks = hooks;
        this.codec = codec;
        this.clock = clock;
    }

    @Override
    public String invocationId() {
        return invocation.id();
    }

    @Override
    public Map<String, String> headers() {
        return invocation.record().headers();
    }

    @Override
    public String key() {
        String key = invocation.record().objectKey();
        if (key == null) {
            throw new IllegalStateException("Service handler " + invocation.handler().source() + " has no key");
        }
        return key;
    }

    Outbox outbox() {
        return outbox;
    }

    StateChanges stateChanges() {
        return state.changes();
    }

    long now() {
        return clock.millis();
    }

    // ---- steps ------------------------------------------------------------------------------------

    @Override
    public <T> T run(String name, Class<T> type, StepAction<T> action) {
        return run(name, type, null, action);
    }

    @Override
    public <T> T run(String name, Class<T> type, RetryPolicy policy, StepAction<T> action) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("ctx.run needs a step name");
        }
        int seq = nextSeq++;
        JournalEntry done = replay(seq, Journal.RUN, name);
        if (done != null) {
            return steps.value(done, type);
        }
        return steps.execute(invocation, seq, Journal.RUN, name, type, policy, action);
    }

    // ---- timers, awakeables, promises, combinators ------------------------------------------------

    @Override
    public DurableFuture<Void> timer(Duration duration) {
        int seq = nextSeq++;
        JournalEntry entry = replay(seq, Journal.TIMER, Journal.TIMER);
        long wakeAt = entry != null ? Long.parseLong(entry.value())
                : Long.parseLong(steps.journal(invocation, seq, Journal.TIMER, Journal.TIMER,
                        Long.toString(clock.millis() + Math.max(0, duration.toMillis()))).value());
        return new Futures.Timer(this, wakeAt);
    }

    @Override
    public <T> Awakeable<T> awakeable(Class<T> type) {
        int seq = nextSeq++;
        if (replay(seq, Journal.AWAKEABLE, Journal.AWAKEABLE) == null) {
            steps.journal(invocation, seq, Journal.AWAKEABLE, Journal.AWAKEABLE, null);
        }
        return new Futures.AwakeableFuture<>(this, invocation.id(), Integer.toString(seq), type,
                AwakeableIds.format(invocation.id(), seq));
    }

    @Override
    public AwakeableHandle awakeableHandle(String id) {
        return completions.awakeableHandle(id);
    }

    @Override
    public <T> DurablePromise<T> promise(DurablePromiseKey<T> key) {
        return completions.promise(key);
    }

    /** Runs a journaled completion (of an awakeable or a promise) once: replayed, it is not repeated. */
    void completeOnce(String kind, String name, Context.StepAction<Void> write) {
        int seq = nextSeq++;
        if (replay(seq, kind, name) == null) {
            steps.execute(invocation, seq, kind, name, Void.class, null, write);
        }
    }

    Invocation invocation() {
        return invocation;
    }

    JsonCodec codec() {
        return codec;
    }

    @Override
    public DurableFuture<Integer> any(DurableFuture<?>... futures) {
        return new Futures.Any(this, nextSeq++, awaitables(futures));
    }

    @Override
    public DurableFuture<Void> all(DurableFuture<?>... futures) {
        return new Futures.All(List.of(futures), awaitables(futures));
    }

    private static List<Futures.Awaitable> awaitables(DurableFuture<?>... futures) {
        List<Futures.Awaitable> list = new ArrayList<>();
        for (DurableFuture<?> f : futures) {
            if (!(f instanceof Futures.Awaitable a)) {
                throw new IllegalArgumentException("any/all take futures of this context, got " + f);
            }
            list.add(a);
        }
        return list;
    }

    Integer replayedChoice(int seq) {
        JournalEntry e = replay(seq, Journal.ANY, Journal.ANY);
        return e == null ? null : Integer.valueOf(e.value());
    }

    void journalChoice(int seq, int index) {
        steps.journal(invocation, seq, Journal.ANY, Journal.ANY, Integer.toString(index));
    }

    // ---- durable calls and sends ------------------------------------------------------------------

    @Override
    public <B> Client<B> service(Class<B> serviceClass) {
        return new TypedClient<>(this, serviceClass, null);
    }

    @Override
    public <B> Client<B> object(Class<B> objectClass, String key) {
        return new TypedClient<>(this, objectClass, requireKey(key));
    }

    @Override
    public <B> Client<B> workflow(Class<B> workflowClass, String key) {
        return new TypedClient<>(this, workflowClass, requireKey(key));
    }

    private static String requireKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("An object or workflow client needs a non-empty key");
        }
        return key;
    }

    /** Records a call (result awaited through a signal) or a send in the outbox; returns the callee's id. */
    <R> DurableFuture<R> call(io.rio.core.model.HandlerDefinition target, String key, Object input) {
        int seq = nextSeq++;
        String name = target.service() + "/" + target.name();
        JournalEntry done = replay(seq, Journal.CALL, name);
        if (done == null) {
            outbox.add(hooks.rows().outgoing(invocation, seq, Journal.CALL, target, key, input, Duration.ZERO, codec));
        }
        return new Futures.Signal<>(this, invocation.id(), Integer.toString(seq), target.outputType(), seq);
    }

    String send(io.rio.core.model.HandlerDefinition target, String key, Object input, Duration delay) {
        int seq = nextSeq++;
        String name = target.service() + "/" + target.name();
        JournalEntry done = replay(seq, Journal.SEND, name);
        if (done != null) {
            return done.value();
        }
        Outbox.Message m = hooks.rows().outgoing(invocation, seq, Journal.SEND, target, key, input, delay, codec);
        outbox.add(m);
        return m.record().id();
    }

    EngineHooks hooks() {
        return hooks;
    }

    boolean outboxHolds(int seq) {
        return outbox.holds(seq);
    }

    // ---- determinism ------------------------------------------------------------------------------

    @Override
    public Random random() {
        if (random == null) {
            random = new Random(invocation.id().hashCode() * 0x9E3779B97F4A7C15L);
        }
        return random;
    }

    @Override
    public UUID uuid() {
        Random r = random();
        long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    // ---- signals and cancellation -----------------------------------------------------------------

    /** The completion (scope, name) if it is there: loaded once per scope and attempt, then looked up again. */
    SignalRecord signal(String scope, String name) {
        Map<String, SignalRecord> known = loadedScopes.computeIfAbsent(scope, s -> {
            Map<String, SignalRecord> m = new HashMap<>();
            hooks.store().loadSignals(s).forEach(r -> m.put(r.name(), r));
            return m;
        });
        SignalRecord s = known.get(name);
        if (s == null) {
            s = hooks.store().findSignal(scope, name).orElse(null);
            if (s != null) {
                known.put(name, s);
            }
        }
        return s;
    }

    <T> T signalValue(String scope, String name, Type type) {
        SignalRecord s = signal(scope, name);
        if (s.failed()) {
            throw new TerminalException(s.errorCode() >= 400 && s.errorCode() <= 599 ? s.errorCode() : 500,
                    s.errorMessage());
        }
        return type == null ? null : codec.read(s.value(), type, "the value of " + name);
    }

    /**
     * Delivers a cancellation at the first await after it arrived: journaled, so a replay throws at the same
     * await; afterwards awaits work again (compensation can run).
     */
    void checkCancelled() {
        JournalEntry next = journal.get(nextSeq);
        if (next != null && next.kind().equals(Journal.CANCEL)) {
            nextSeq++;
            cancelDelivered = true;
            throw new TerminalException(409, CANCELLED_MESSAGE);
        }
        if (!cancelDelivered && nextSeq > lastJournaled && signal(invocation.id(), CANCEL) != null) {
            int seq = nextSeq++;
            steps.journal(invocation, seq, Journal.CANCEL, Journal.CANCEL, null);
            cancelDelivered = true;
            throw new TerminalException(409, CANCELLED_MESSAGE);
        }
    }

    private JournalEntry replay(int seq, String kind, String name) {
        JournalEntry entry = journal.get(seq);
        if (entry == null) {
            return null;
        }
        if (!entry.kind().equals(kind) || !entry.name().equals(name)) {
            throw new NonDeterminismException(invocation.id(), seq, entry.kind(), entry.name(), kind, name);
        }
        if (entry.failed()) {
            throw new TerminalException(entry.errorCode(), entry.errorMessage());
        }
        return entry;
    }

    // ---- state ------------------------------------------------------------------------------------

    @Override
    public <T> Optional<T> get(StateKey<T> key) {
        return Optional.ofNullable(state.get(key));
    }

    @Override
    public Collection<String> stateKeys() {
        return state.keys();
    }

    @Override
    public <T> void set(StateKey<T> key, T value) {
        state.set(key, value);
    }

    @Override
    public void clear(StateKey<?> key) {
        state.clear(key.name());
    }

    @Override
    public void clearAll() {
        state.clearAll();
    }
}
