package io.rio.core;

import io.rio.core.internal.Invocation;
import io.rio.core.internal.InvocationRows;
import io.rio.core.internal.Tx;
import io.rio.spi.InvocationRecord;
import io.rio.spi.RioStore;
import io.rio.spi.Transactions;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for invocations' outcomes: through the in-memory future when this node runs the invocation, otherwise
 * by polling its row (with a growing interval, on the scheduler, so no thread waits).
 */
final class Attacher {
    private static final long FIRST_POLL_MS = 50;
    private static final long MAX_POLL_MS = 1000;

    private final RioStore store;
    private final Transactions transactions;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final EngineConfig config;
    private final Map<String, Invocation> inflight;

    Attacher(RioStore store, Transactions transactions, ScheduledExecutorService scheduler, Clock clock,
            EngineConfig config, Map<String, Invocation> inflight) {
        this.store = store;
        this.transactions = transactions;
        this.scheduler = scheduler;
        this.clock = clock;
        this.config = config;
        this.inflight = inflight;
    }

    CompletableFuture<InvocationOutcome> attach(String invocationId) {
        Invocation local = inflight.get(invocationId);
        if (local != null) {
            return local.future().thenApply(o -> o);
        }
        Optional<InvocationRecord> stored;
        try {
            stored = find(invocationId);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (stored.isEmpty()) {
            return CompletableFuture.failedFuture(new InvocationNotFoundException(invocationId));
        }
        if (stored.get().status().isTerminal()) {
            return CompletableFuture.completedFuture(InvocationRows.outcome(stored.get()));
        }
        CompletableFuture<InvocationOutcome> result = new CompletableFuture<>();
        poll(invocationId, result, clock.millis() + config.attachTimeout().toMillis(), FIRST_POLL_MS);
        return result;
    }

    Optional<InvocationOutcome> output(String invocationId) {
        Invocation local = inflight.get(invocationId);
        if (local != null && local.future().isDone()) {
            return Optional.of(local.future().join());
        }
        InvocationRecord stored = find(invocationId)
                .orElseThrow(() -> new InvocationNotFoundException(invocationId));
        return stored.status().isTerminal() ? Optional.of(InvocationRows.outcome(stored)) : Optional.empty();
    }

    private Optional<InvocationRecord> find(String invocationId) {
        return Tx.call(transactions, () -> store.findInvocation(invocationId));
    }

    private void poll(String id, CompletableFuture<InvocationOutcome> result, long deadline, long delay) {
        scheduler.schedule(() -> {
            if (result.isDone()) {
                return;
            }
            Invocation local = inflight.get(id);
            if (local != null) {
                local.future().whenComplete((o, e) -> {
                    if (e != null) {
                        result.completeExceptionally(e);
                    } else {
                        result.complete(o);
                    }
                });
                return;
            }
            try {
                Optional<InvocationRecord> stored = find(id);
                if (stored.isEmpty()) {
                    result.completeExceptionally(new InvocationNotFoundException(id));
                } else if (stored.get().status().isTerminal()) {
                    result.complete(InvocationRows.outcome(stored.get()));
                } else if (clock.millis() >= deadline) {
                    result.completeExceptionally(new TimeoutException("Invocation " + id + " did not end within "
                            + config.attachTimeout()));
                } else {
                    poll(id, result, deadline, Math.min(MAX_POLL_MS, delay * 2));
                }
            } catch (RuntimeException e) {
                if (clock.millis() >= deadline) {
                    result.completeExceptionally(e);
                } else {
                    poll(id, result, deadline, MAX_POLL_MS);
                }
            }
        }, delay, TimeUnit.MILLISECONDS);
    }
}
