package io.rio.core;

import io.rio.core.model.Serde;
import io.rio.core.model.ServiceRegistry;
import io.rio.spi.RioStore;
import io.rio.spi.Transactions;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The durable-execution engine: runs invocations of the registered handlers, journals their steps,
 * serializes exclusive handlers per key, retries failed attempts and recovers unfinished invocations.
 *
 * <p>Thread safety: all methods may be called concurrently.
 */
public final class RioEngine implements AutoCloseable {

    public RioEngine(ServiceRegistry registry, RioStore store, Transactions transactions, Serde serde,
            Executor executor, ScheduledExecutorService scheduler, Clock clock, EngineConfig config) {
        throw new UnsupportedOperationException("stub");
    }

    /** Starts background recovery and lease renewal. */
    public void start() {
    }

    public ServiceRegistry registry() {
        throw new UnsupportedOperationException("stub");
    }

    public Serde serde() {
        throw new UnsupportedOperationException("stub");
    }

    /** Invokes and completes with the outcome (a terminal failure is an outcome, not an exceptional completion). */
    public CompletableFuture<InvocationOutcome> call(InvocationRequest request) {
        throw new UnsupportedOperationException("stub");
    }

    /** Stores the invocation and completes once it is durable; it then runs in the background. */
    public CompletableFuture<SendReceipt> send(InvocationRequest request) {
        throw new UnsupportedOperationException("stub");
    }

    /** Waits for the outcome of a stored invocation; fails with {@link InvocationNotFoundException}. */
    public CompletableFuture<InvocationOutcome> attach(String invocationId) {
        throw new UnsupportedOperationException("stub");
    }

    /** The outcome if ended, empty if not yet; throws {@link InvocationNotFoundException}. */
    public Optional<InvocationOutcome> output(String invocationId) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void close() {
    }
}
