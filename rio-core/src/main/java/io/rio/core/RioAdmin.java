package io.rio.core;

import io.rio.core.internal.Invocation;
import io.rio.core.internal.Tx;
import io.rio.spi.InvocationQuery;
import io.rio.spi.InvocationRecord;
import io.rio.spi.InvocationStatus;
import io.rio.spi.JournalEntry;
import io.rio.spi.RioStore;
import io.rio.spi.SignalRecord;
import io.rio.spi.StateChanges;
import io.rio.spi.Transactions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Operator actions and introspection: list and inspect invocations with their journals, cancel, kill, pause,
 * resume and purge them, read and edit an object's state, list an object type's keys. Any node may act on any
 * invocation: operators' writes are not fenced, and the node running the invocation is told to align with them.
 *
 * <p>Thread safety: all methods may be called concurrently.
 */
public final class RioAdmin {
    /** The message of a killed invocation. */
    public static final String KILLED = "Invocation killed by an operator";
    /** The epoch of an operator's write: not fenced (any node may pause, resume or kill). */
    private static final long OPERATOR = -1;

    private final RioEngine engine;
    private final RioStore store;
    private final Transactions transactions;
    private final Clock clock;
    private final Map<String, Invocation> inflight;
    private final Consumer<Invocation> restart;

    RioAdmin(RioEngine engine, RioStore store, Transactions transactions, Clock clock,
            Map<String, Invocation> inflight, Consumer<Invocation> restart) {
        this.engine = engine;
        this.store = store;
        this.transactions = transactions;
        this.clock = clock;
        this.inflight = inflight;
        this.restart = restart;
    }

    /** An invocation with its journal and completions. */
    public record InvocationDetails(InvocationRecord invocation, List<JournalEntry> journal,
            List<SignalRecord> signals) {
    }

    public List<InvocationRecord> list(InvocationQuery query) {
        return Tx.call(transactions, () -> store.listInvocations(query));
    }

    public Optional<InvocationDetails> show(String id) {
        return Tx.call(transactions, () -> store.findInvocation(id)
                .map(r -> new InvocationDetails(r, store.loadJournal(id), store.loadSignals(id))));
    }

    /**
     * Cancels an invocation: its handler sees a terminal cancellation (409) at its next await and may run
     * compensation; a suspended invocation is woken for that.
     *
     * @return false if it is unknown or has ended
     */
    public boolean cancel(String id) {
        boolean open = Tx.call(transactions, () -> {
            Optional<InvocationRecord> r = store.findInvocation(id);
            if (r.isEmpty() || r.get().status().isTerminal()) {
                return false;
            }
            if (store.findSignal(id, "cancel").isEmpty()) {
                store.insertSignal(new SignalRecord(id, "cancel", null, 409, "cancelled", clock.millis()));
            }
            return true;
        });
        if (open) {
            engine.wake(id);
        }
        return open;
    }

    /**
     * Ends an invocation at once with a terminal failure (409), without running more of its handler; an
     * attempt still running loses its final commit.
     *
     * @return false if it is unknown or has ended
     */
    public boolean kill(String id) {
        String parent = Tx.call(transactions, () -> {
            Optional<InvocationRecord> r = store.findInvocation(id);
            if (r.isEmpty() || r.get().status().isTerminal()) {
                return null;
            }
            InvocationRecord x = r.get();
            long now = clock.millis();
            store.updateInvocation(x.with(InvocationStatus.FAILED, x.attempts(), null, 409, KILLED, x.owner(),
                    OPERATOR, now, now));
            if (x.parent() != null) {
                int cut = x.parent().lastIndexOf('/');
                store.insertSignal(new SignalRecord(x.parent().substring(0, cut), x.parent().substring(cut + 1),
                        null, 409, KILLED, now));
                return x.parent().substring(0, cut);
            }
            return "";
        });
        if (parent == null) {
            return false;
        }
        Invocation local = inflight.get(id);
        if (local != null) {
            local.pause();
            engine.ended(local);
            local.future().complete(InvocationOutcome.failure(id, 409, KILLED));
        }
        if (local == null) {
            engine.tellOwner(id);
        }
        if (!parent.isEmpty()) {
            engine.wake(parent);
        }
        return true;
    }

    /**
     * Pauses an invocation that waits (pending, backing off or suspended): it does not resume until
     * {@link #resume(String)}; an object keeps its key meanwhile.
     *
     * @return false if it is unknown, has ended or is paused already
     */
    public boolean pause(String id) {
        Invocation local = inflight.get(id);
        boolean paused = Tx.call(transactions, () -> {
            Optional<InvocationRecord> r = store.findInvocation(id);
            if (r.isEmpty() || r.get().status().isTerminal() || r.get().status() == InvocationStatus.PAUSED) {
                return false;
            }
            InvocationRecord x = r.get();
            long now = clock.millis();
            boolean done = store.updateInvocation(x.with(InvocationStatus.PAUSED, x.attempts(), x.output(),
                    x.errorCode(), x.errorMessage(), x.owner(), OPERATOR, x.runAt(), now));
            if (done && x.objectKey() != null && engine.registry().service(x.service())
                    .flatMap(sv -> sv.handler(x.handler())).map(h -> h.exclusive()).orElse(false)) {
                store.holdObject(x.service(), x.objectKey(), id);
            }
            return done;
        });
        if (paused && local != null) {
            local.pause();
        }
        if (paused && local == null) {
            engine.tellOwner(id);
        }
        return paused;
    }

    /**
     * Resumes a paused invocation now, on this node.
     *
     * @return false if it is not paused
     */
    public boolean resume(String id) {
        boolean resumed = Tx.call(transactions, () -> {
            Optional<InvocationRecord> r = store.findInvocation(id);
            if (r.isEmpty() || r.get().status() != InvocationStatus.PAUSED) {
                return false;
            }
            InvocationRecord x = r.get();
            long now = clock.millis();
            return store.updateInvocation(x.with(InvocationStatus.BACKING_OFF, x.attempts(), null, x.errorCode(),
                    x.errorMessage(), engine.config().nodeId(), OPERATOR, now, now));
        });
        if (resumed) {
            Invocation local = inflight.get(id);
            if (local != null && local.unpause()) {
                restart.accept(local);
            } else if (local == null) {
                engine.tellOwner(id);
            }
        }
        return resumed;
    }

    /** Deletes an ended invocation with its journal; false if it is unknown or not ended. */
    public boolean purge(String id) {
        return Tx.call(transactions, () -> store.purgeInvocation(id));
    }

    /** The committed state of an object (entry name to JSON text). */
    public Map<String, String> state(String service, String key) {
        return Tx.call(transactions, () -> store.readState(service, key));
    }

    /** Replaces an object's whole state, under its lock (waits for a running exclusive handler). */
    public void replaceState(String service, String key, Map<String, String> entries) {
        Tx.call(transactions, () -> {
            store.lockObject(service, key);
            store.applyState(service, key, new StateChanges(true, entries, Set.of()));
            return null;
        });
    }

    /** Keys of an object type that have state rows, sorted. */
    public List<String> keys(String service, int limit) {
        return Tx.call(transactions, () -> store.listObjectKeys(service, limit));
    }

    /** Invocations this node has in memory (running, queued, suspended, delayed). */
    public int inflight() {
        return inflight.size();
    }
}
