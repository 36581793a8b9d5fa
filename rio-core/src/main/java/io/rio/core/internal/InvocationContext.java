package io.rio.core.internal;

import io.rio.api.RetryPolicy;
import io.rio.api.StateKey;
import io.rio.api.TerminalException;
import io.rio.api.WorkflowContext;
import io.rio.core.model.HandlerKind;
import io.rio.spi.JournalEntry;
import io.rio.spi.StateChanges;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The context of one attempt: replays the journal, runs new steps through {@link StepExecutor}, and buffers
 * state changes until the attempt commits. It implements every context interface; the handler sees it as
 * the one it declared, and operations its kind does not allow fail.
 *
 * <p>Thread safety: confined to the thread that runs the attempt.
 */
public final class InvocationContext implements WorkflowContext {
    static final String KIND_RUN = "run";
    static final String KIND_SLEEP = "sleep";

    private final Invocation invocation;
    private final List<JournalEntry> journal;
    private final StepExecutor steps;
    private final StateView state;
    private int nextSeq;

    InvocationContext(Invocation invocation, List<JournalEntry> journal, StepExecutor steps, StateView state) {
        this.invocation = invocation;
        this.journal = journal;
        this.steps = steps;
        this.state = state;
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
        JournalEntry done = replay(seq, KIND_RUN, name);
        if (done != null) {
            return steps.value(done, type);
        }
        return steps.execute(invocation, seq, name, type, policy, action);
    }

    @Override
    public void sleep(Duration duration) {
        int seq = nextSeq++;
        JournalEntry entry = replay(seq, KIND_SLEEP, "sleep");
        long wakeAt = entry != null ? Long.parseLong(entry.value()) : steps.journalSleep(invocation, seq, duration);
        steps.sleepUntil(wakeAt);
    }

    private JournalEntry replay(int seq, String kind, String name) {
        if (seq >= journal.size()) {
            return null;
        }
        JournalEntry entry = journal.get(seq);
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

    /** The state changes to commit with the attempt. */
    StateChanges stateChanges() {
        return state.changes();
    }

    /**
     * The state of one object as one attempt sees it: the committed entries plus the attempt's own changes.
     */
    static final class StateView {
        private final HandlerKind kind;
        private final String source;
        private final JsonCodec codec;
        private final java.util.function.Supplier<Map<String, String>> loader;
        private Map<String, String> committed;
        private final Map<String, String> written = new HashMap<>();
        private final Set<String> removed = new HashSet<>();
        private boolean clearedAll;

        StateView(HandlerKind kind, String source, JsonCodec codec,
                java.util.function.Supplier<Map<String, String>> loader) {
            this.kind = kind;
            this.source = source;
            this.codec = codec;
            this.loader = loader;
        }

        private Map<String, String> committed() {
            if (kind == HandlerKind.STATELESS) {
                throw new IllegalStateException("Service handler " + source + " has no state: state belongs to "
                        + "@VirtualObject and @Workflow handlers");
            }
            if (committed == null) {
                committed = loader.get();
            }
            return committed;
        }

        <T> T get(StateKey<T> key) {
            String json = raw(key.name());
            return json == null ? null : codec.read(json, key.type(), "state entry '" + key.name() + "'");
        }

        private String raw(String name) {
            if (written.containsKey(name)) {
                return written.get(name);
            }
            if (clearedAll || removed.contains(name)) {
                return null;
            }
            return committed().get(name);
        }

        Collection<String> keys() {
            Set<String> keys = new LinkedHashSet<>();
            if (!clearedAll) {
                keys.addAll(committed().keySet());
                keys.removeAll(removed);
            }
            keys.addAll(written.keySet());
            return keys;
        }

        <T> void set(StateKey<T> key, T value) {
            checkWritable();
            if (value == null) {
                clear(key.name());
                return;
            }
            removed.remove(key.name());
            written.put(key.name(), codec.write(value, key.type()));
        }

        void clear(String name) {
            checkWritable();
            written.remove(name);
            removed.add(name);
        }

        void clearAll() {
            checkWritable();
            written.clear();
            removed.clear();
            clearedAll = true;
        }

        private void checkWritable() {
            committed();
            if (kind == HandlerKind.SHARED) {
                throw new IllegalStateException("Shared handler " + source + " sees state read-only; change state "
                        + "in an exclusive @Handler");
            }
        }

        StateChanges changes() {
            return new StateChanges(clearedAll, written, removed);
        }
    }
}
