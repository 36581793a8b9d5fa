package io.rio.core.internal;

import io.rio.core.InvocationOutcome;
import io.rio.core.model.HandlerDefinition;
import io.rio.spi.InvocationRecord;
import io.rio.spi.InvocationStatus;
import io.rio.spi.RioStore;
import io.rio.spi.Transactions;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Where invocations run in a cluster: lets go of those whose partition this node does not hold (their owner runs
 * them), takes in stored ones another node pointed this one to, puts loaded ones back to work, and makes an
 * attempt that found its object held by a stored head wait behind that head.
 *
 * <p>Thread safety: safe for concurrent use; shares the engine's in-flight map and key queues.
 */
public final class Placement {
    private static final Logger LOG = System.getLogger(Placement.class.getName());

    /** What placement does through the engine. */
    public interface Engine {
        Optional<HandlerDefinition> resolve(InvocationRecord record);

        /** Admits an invocation (in its key's queue, if exclusive) after {@code delayMillis}. */
        void admitAfter(Invocation invocation, long delayMillis);

        /** Starts an attempt now (the invocation is its key's head, or needs none). */
        void start(Invocation invocation);

        void wake(String invocationId);

        void ended(Invocation invocation);

        CompletableFuture<InvocationOutcome> attach(String invocationId);
    }

    private final RioStore store;
    private final Transactions transactions;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Ownership ownership;
    private final Map<String, Invocation> inflight;
    private final RecentlyEnded recentlyEnded;
    private final KeyQueues keyQueues;
    private final Engine engine;
    private volatile boolean singleNodeConflictLogged;

    public Placement(RioStore store, Transactions transactions, Clock clock, ScheduledExecutorService scheduler,
            Ownership ownership, Map<String, Invocation> inflight, RecentlyEnded recentlyEnded, KeyQueues keyQueues,
            Engine engine) {
        this.recentlyEnded = recentlyEnded;
        this.store = store;
        this.transactions = transactions;
        this.clock = clock;
        this.scheduler = scheduler;
        this.ownership = ownership;
        this.inflight = inflight;
        this.keyQueues = keyQueues;
        this.engine = engine;
    }

    /** Partitions just lost: let go of their invocations that wait here (running ones are fenced off). */
    public void lost(Set<Integer> partitions) {
        for (Invocation invocation : inflight.values()) {
            if (partitions.contains(invocation.partition()) && (invocation.isSuspended() || invocation.isPaused())) {
                handOff(invocation, invocation.partition());
            }
        }
    }

    /** Aligns the partitions held with the membership's; on failure tries again a second later. */
    public void refresh() {
        try {
            ownership.refresh();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Taking partitions failed; trying again", e);
            scheduler.schedule(this::refresh, 1, TimeUnit.SECONDS);
        }
    }

    /**
     * Lets an invocation this node does not hold the partition of go: its owner runs it (told here, or finding it
     * when it scans); a caller waiting here gets its outcome from the store, or, if nothing of it was stored,
     * {@link NotOwnerException} (the ingress forwards the call).
     */
    public void handOff(Invocation invocation, int partition) {
        if (ownership.membership() instanceof io.rio.core.SingleNode && ownership.holds(partition)
                && !singleNodeConflictLogged) { // held here, yet fenced: another server took it
            singleNodeConflictLogged = true;
            LOG.log(Level.ERROR, "Another Rio server on this database took the partitions of single-node server "
                    + ownership.membership().self().nodeId() + ": keyed invocations are refused here. Servers that "
                    + "share a database must form a cluster: add rio-hazelcast-membership to the application");
        }
        inflight.remove(invocation.id(), invocation);
        if (invocation.handler().exclusive()) {
            keyQueues.finished(invocation);
        }
        if (!invocation.persisted()) {
            invocation.future().completeExceptionally(ownership.notOwner(partition));
            return;
        }
        ownership.membership().ownerOf(partition).filter(m -> !m.local())
                .ifPresent(owner -> ownership.membership().notify(owner, invocation.id()));
        if (invocation.awaited() && !invocation.future().isDone()) { // a caller here waits: it reads the outcome
            engine.attach(invocation.id()).whenComplete((outcome, e) -> {
                if (e != null) {
                    invocation.future().completeExceptionally(e);
                } else {
                    invocation.future().complete(outcome);
                }
            });
        }
    }

    /** Tells the owner of a stored invocation's partition to look at it (an operator changed it elsewhere). */
    public void tellOwner(String invocationId) {
        Tx.call(transactions, () -> store.findInvocation(invocationId)).ifPresent(r -> ownership.membership()
                .ownerOf(r.partition()).filter(m -> !m.local())
                .ifPresent(owner -> ownership.membership().notify(owner, invocationId)));
    }

    /** {@link #align} for a notification, logging a failure (the periodic scan catches up). */
    public void sync(String invocationId) {
        try {
            align(invocationId);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not look at invocation " + invocationId + " another node pointed to", e);
        }
    }

    /**
     * Another node pointed this one to an invocation (it woke it, stored it for a key held here, or an operator
     * changed it): align what this node has in memory with its row.
     */
    private void align(String invocationId) {
        Optional<InvocationRecord> stored = Tx.call(transactions, () -> store.findInvocation(invocationId));
        Invocation local = inflight.get(invocationId);
        if (stored.isEmpty()) {
            return;
        }
        InvocationRecord r = stored.get();
        if (local != null) {
            if (r.status().isTerminal()) {
                local.pause();
                engine.ended(local);
                local.future().complete(InvocationRows.outcome(r));
            } else if (r.status() == InvocationStatus.PAUSED) {
                local.pause();
            } else if (local.isPaused()) {
                if (local.unpause()) {
                    engine.start(local);
                }
            } else if (local.isSuspended() && r.runAt() <= clock.millis()) {
                engine.wake(invocationId);
            }
            return;
        }
        if (r.status().isTerminal() || r.status() == InvocationStatus.PAUSED || !ownership.holds(r.partition())
                || recentlyEnded.contains(r.id())) {
            return;
        }
        engine.resolve(r).ifPresent(handler -> {
            Invocation invocation = new Invocation(handler, r, null, true);
            invocation.origin("loaded when another node pointed to it");
            if (inflight.putIfAbsent(r.id(), invocation) == null) {
                resume(invocation);
            }
        });
    }

    /** Puts a stored invocation loaded into {@code inflight} back to work: due now, later, or parked. */
    public void resume(Invocation invocation) {
        InvocationRecord r = invocation.record();
        long delay = Math.max(0, r.runAt() - clock.millis());
        if (r.status() == InvocationStatus.SUSPENDED) {
            invocation.suspendUnlessWoken();
            if (invocation.handler().exclusive()) {
                keyQueues.parkAtHead(invocation);
            }
            scheduler.schedule(() -> engine.wake(invocation.id()), delay, TimeUnit.MILLISECONDS);
        } else {
            engine.admitAfter(invocation, delay);
        }
    }

    /**
     * {@code invocation}'s attempt found its object held by {@code headId}: it waits behind that invocation, which
     * is loaded if this node does not have it (it held the key on another node, or before a restart); a head that
     * has ended without letting go (an operator ended it) is let go of, and {@code invocation} tries again.
     */
    public void blockedBy(Invocation invocation, String headId) {
        Invocation head = inflight.get(headId);
        if (head != null) {
            if (keyQueues.parkAtHead(head) && !head.isSuspended() && !head.isPaused()) {
                engine.start(head); // it was admitted behind the blocked one: it runs first now
            }
            return;
        }
        Optional<InvocationRecord> stored = Tx.call(transactions, () -> store.findInvocation(headId));
        Optional<HandlerDefinition> handler = stored.flatMap(engine::resolve);
        if (stored.isEmpty() || stored.get().status().isTerminal() || handler.isEmpty()) {
            if (stored.isPresent() && !stored.get().status().isTerminal()) {
                LOG.log(Level.WARNING, "Invocation " + headId + " holds " + invocation.handler().service() + "/"
                        + invocation.record().objectKey() + " but its handler " + stored.get().handler()
                        + " is not deployed here (renamed without @Name?): letting it go of the key");
            }
            Tx.call(transactions, () -> {
                store.releaseObject(invocation.handler().service(), invocation.record().objectKey(), headId);
                return null;
            });
            engine.start(invocation);
            return;
        }
        InvocationRecord r = stored.get();
        Invocation loaded = new Invocation(handler.get(), r, null, true);
        loaded.origin("loaded as the head that held its key");
        Invocation raced = inflight.putIfAbsent(headId, loaded);
        if (raced != null) {
            blockedBy(invocation, headId); // loaded meanwhile (a scan or a notification): as above
            return;
        }
        keyQueues.parkAtHead(loaded);
        if (r.status() == InvocationStatus.PAUSED) {
            loaded.pause();
        } else if (r.status() == InvocationStatus.SUSPENDED) {
            resume(loaded);
        } else {
            engine.admitAfter(loaded, Math.max(0, r.runAt() - clock.millis()));
        }
    }

}
