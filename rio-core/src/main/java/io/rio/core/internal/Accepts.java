package io.rio.core.internal;

import io.rio.core.EngineConfig;
import io.rio.core.InvocationOutcome;
import io.rio.spi.DuplicateEntryException;
import io.rio.spi.InvocationRecord;
import io.rio.spi.RioStore;
import io.rio.spi.Transactions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

/**
 * Stores new invocations durably before they are acknowledged (sends, idempotent calls, workflow runs). The
 * insert comes first and the unique key decides, so a first submission costs no lookup. Invocations accepted at
 * once are stored with one INSERT (group commit, see {@code rio.batch.lanes}), which commits on its own where the
 * store can: one round trip, no transaction.
 *
 * <p>Thread safety: safe for concurrent use.
 */
public final class Accepts {

    /** What accepting an invocation found: the invocation stored, or the one its idempotency key names. */
    public record Accepted(String invocationId, boolean previously, CompletableFuture<InvocationOutcome> future) {
    }

    /** An invocation to store before it is acknowledged, and what its storing completes. */
    private record Accept(Invocation invocation, Duration delay, CompletableFuture<Accepted> done) {
    }

    private final RioStore store;
    private final Transactions transactions;
    private final Map<String, Invocation> inflight;
    private final BiConsumer<Invocation, Duration> admitAfter;
    private final BatchLanes<Accept> lanes;

    /**
     * @param inflight   the engine's invocations in flight; an invocation that is not stored leaves it
     * @param admitAfter starts a stored invocation after its delay
     */
    public Accepts(RioStore store, Transactions transactions, EngineConfig config, Executor executor,
            Map<String, Invocation> inflight, BiConsumer<Invocation, Duration> admitAfter) {
        this.store = store;
        this.transactions = transactions;
        this.inflight = inflight;
        this.admitAfter = admitAfter;
        int acceptLanes = Math.min(config.batchLanes(), config.maxConcurrency());
        // sends are stored on the request thread, or by their own workers: never behind running attempts
        this.lanes = acceptLanes == 0 ? null : new BatchLanes<>(new BoundedDispatcher(executor, acceptLanes),
                Runnable::run, acceptLanes, config.batchSize(), this::store);
    }

    /** Stores {@code invocation} (already in flight) unless its idempotency key names an existing one. */
    public CompletableFuture<Accepted> accept(Invocation invocation, Duration delay) {
        Accept accept = new Accept(invocation, delay, new CompletableFuture<>());
        if (lanes == null) {
            store(accept);
        } else {
            lanes.submitInline(accept);
        }
        return accept.done;
    }

    /** Invocations waiting to be stored. */
    public int backlog() {
        return lanes == null ? 0 : lanes.backlog();
    }

    /** Stores a batch of accepted invocations in one statement; if that fails, each alone. */
    private void store(List<Accept> batch) {
        if (batch.size() == 1) {
            store(batch.get(0));
            return;
        }
        try {
            List<InvocationRecord> records = new ArrayList<>(batch.size());
            for (Accept accept : batch) {
                records.add(accept.invocation.record());
            }
            insertCommitted(records);
        } catch (RuntimeException e) {
            for (Accept accept : batch) {
                store(accept); // a taken idempotency or workflow key, or a failing store: sorted out one by one
            }
            return;
        }
        for (Accept accept : batch) {
            stored(accept);
        }
    }

    private void store(Accept accept) {
        Invocation invocation = accept.invocation;
        try {
            insertCommitted(List.of(invocation.record()));
        } catch (DuplicateEntryException raced) {
            inflight.remove(invocation.id());
            try {
                InvocationRecord r = invocation.record();
                InvocationRecord winner = Tx.call(transactions, () -> store.findByIdempotencyKey(r.service(),
                        r.handler(), r.objectKey(), r.idempotencyKey())).orElseThrow(() -> raced);
                accept.done.complete(new Accepted(winner.id(), true, null));
            } catch (RuntimeException e) {
                accept.done.completeExceptionally(e);
            }
            return;
        } catch (RuntimeException e) {
            inflight.remove(invocation.id());
            accept.done.completeExceptionally(e);
            return;
        }
        stored(accept);
    }

    /**
     * Stores accepted invocations durably: in one statement that commits on its own where the store can (one round
     * trip, no transaction: a send arrives outside transactions), else in a transaction.
     */
    private void insertCommitted(List<InvocationRecord> records) {
        if (!store.insertInvocationsCommitted(records)) {
            Tx.call(transactions, () -> {
                store.insertInvocations(records);
                return null;
            });
        }
    }

    private void stored(Accept accept) {
        Invocation invocation = accept.invocation;
        invocation.markPersisted();
        invocation.markFresh();
        accept.done.complete(new Accepted(invocation.id(), false, invocation.future()));
        admitAfter.accept(invocation, accept.delay);
    }
}
