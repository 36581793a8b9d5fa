package io.rio.core.internal;

import io.rio.core.model.HandlerKind;
import io.rio.spi.InvocationRecord;
import io.rio.spi.RioStore;
import io.rio.spi.SignalRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Stores what an attempt sends out when it ends, in the attempt's final transaction: the outbox's calls and
 * sends, and the result for a waiting caller; after the commit, starts the new invocations here and wakes the
 * caller.
 *
 * <p>Thread safety: safe for concurrent use; per-invocation hand-over state is keyed by invocation id.
 */
final class Outgoing {
    private final RioStore store;
    private final Clock clock;
    private final InvocationRows rows;
    private final Consumer<Outbox.Message> admit;
    private final Consumer<String> wake;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    private record Pending(List<Outbox.Message> admitted, String wakeParent) {
    }

    Outgoing(RioStore store, Clock clock, InvocationRows rows, Consumer<Outbox.Message> admit,
            Consumer<String> wake) {
        this.store = store;
        this.clock = clock;
        this.rows = rows;
        this.admit = admit;
        this.wake = wake;
    }

    /** Inserts the outbox's invocations (and, when the invocation goes on, their journal entries). */
    void store(Invocation sender, Outbox outbox, boolean journal) {
        List<Outbox.Message> admitted = new ArrayList<>();
        for (Outbox.Message m : outbox.messages()) {
            InvocationRecord callee = m.record();
            Optional<InvocationRecord> existing = m.target().kind() == HandlerKind.WORKFLOW_RUN
                    ? store.findByIdempotencyKey(callee.service(), callee.handler(), callee.objectKey(),
                            callee.idempotencyKey())
                    : Optional.empty();
            if (existing.isPresent()) {
                if (callee.parent() != null) {
                    insertParentSignal(callee.parent(), null, 409, "Workflow " + callee.service() + "/"
                            + callee.objectKey() + " was already submitted as " + existing.get().id());
                }
            } else {
                store.insertInvocation(callee);
                admitted.add(m);
            }
            if (journal) {
                store.appendJournal(rows.append(sender, m.entry()));
            }
        }
        if (admitted.isEmpty()) {
            return; // the common case: nothing was sent, nothing to hand over after the commit
        }
        pending.merge(sender.id(), new Pending(admitted, null),
                (a, b) -> new Pending(concat(a.admitted, b.admitted), a.wakeParent));
    }

    /** Stores the result for the caller awaiting {@code invocation}, if any. */
    void signalParent(Invocation invocation, String output, Integer code, String message) {
        String parent = invocation.record().parent();
        if (parent == null) {
            return;
        }
        String parentId = insertParentSignal(parent, output, code, message);
        pending.merge(invocation.id(), new Pending(List.of(), parentId),
                (a, b) -> new Pending(a.admitted, b.wakeParent));
    }

    private String insertParentSignal(String parent, String output, Integer code, String message) {
        int cut = parent.lastIndexOf('/');
        String parentId = parent.substring(0, cut);
        store.insertSignal(new SignalRecord(parentId, parent.substring(cut + 1), output, code, message,
                clock.millis()));
        return parentId;
    }

    /** After the commit: starts what was sent and wakes the caller. */
    void afterCommit(Invocation invocation) {
        Pending p = pending.remove(invocation.id());
        if (p == null) {
            return;
        }
        p.admitted.forEach(admit);
        if (p.wakeParent != null) {
            wake.accept(p.wakeParent);
        }
    }

    /** Forgets what a rolled-back transaction would have sent. */
    void discard(Invocation invocation) {
        pending.remove(invocation.id());
    }

    private static List<Outbox.Message> concat(List<Outbox.Message> a, List<Outbox.Message> b) {
        List<Outbox.Message> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
