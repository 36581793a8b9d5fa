package io.rio.core;

import io.rio.core.internal.AttemptRunner;
import io.rio.core.internal.BoundedDispatcher;
import io.rio.core.internal.Ids;
import io.rio.core.internal.Invocation;
import io.rio.core.internal.JsonCodec;
import io.rio.core.internal.KeyQueues;
import io.rio.core.internal.Recovery;
import io.rio.core.internal.Tx;
import io.rio.core.model.HandlerDefinition;
import io.rio.core.model.Serde;
import io.rio.core.model.ServiceDefinition;
import io.rio.core.model.ServiceRegistry;
import io.rio.spi.DuplicateEntryException;
import io.rio.spi.InvocationRecord;
import io.rio.spi.InvocationStatus;
import io.rio.spi.RioStore;
import io.rio.spi.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The durable-execution engine: runs invocations of the registered handlers, journals their steps,
 * serializes exclusive handlers per key, retries failed attempts and recovers unfinished invocations.
 *
 * <p>A call that completes in its first attempt without journaling a step costs one transaction (for an
 * object: lock, state write and, if retained, the invocation row); a send stores its invocation in one
 * transaction before it is acknowledged and runs it in a second.
 *
 * <p>Thread safety: all methods may be called concurrently.
 */
public final class RioEngine implements AutoCloseable {
    private final ServiceRegistry registry;
    private final RioStore store;
    private final Transactions transactions;
    private final JsonCodec codec;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final EngineConfig config;
    private final Map<String, Invocation> inflight = new ConcurrentHashMap<>();
    private final KeyQueues keyQueues;
    private final AttemptRunner runner;
    private final Recovery recovery;
    private final Attacher attacher;

    public RioEngine(ServiceRegistry registry, RioStore store, Transactions transactions, Serde serde,
            Executor executor, ScheduledExecutorService scheduler, Clock clock, EngineConfig config) {
        this.registry = registry;
        this.store = store;
        this.transactions = transactions;
        this.codec = new JsonCodec(serde);
        this.scheduler = scheduler;
        this.clock = clock;
        this.config = config;
        BoundedDispatcher dispatcher = new BoundedDispatcher(executor, config.maxConcurrency());
        this.runner = new AttemptRunner(store, transactions, codec, clock, config, dispatcher, scheduler, this::ended);
        this.keyQueues = new KeyQueues(runner::start);
        this.recovery = new Recovery(store, transactions, clock, config, scheduler, this::resolve, inflight,
                this::admit);
        this.attacher = new Attacher(store, transactions, scheduler, clock, config, inflight);
    }

    /** Starts background recovery and lease renewal. */
    public void start() {
        recovery.start();
    }

    public ServiceRegistry registry() {
        return registry;
    }

    public Serde serde() {
        return codec.serde();
    }

    public EngineConfig config() {
        return config;
    }

    /** Invokes and completes with the outcome (a terminal failure is an outcome, not an exceptional completion). */
    public CompletableFuture<InvocationOutcome> call(InvocationRequest request) {
        if (request.idempotencyKey() != null) {
            Accepted accepted = acceptDurably(request);
            return accepted.previously ? attach(accepted.invocationId) : accepted.future;
        }
        Invocation invocation = newInvocation(request);
        inflight.put(invocation.id(), invocation);
        admitAfter(invocation, request.delay());
        return invocation.future();
    }

    /** Stores the invocation and completes once it is durable; it then runs in the background. */
    public CompletableFuture<SendReceipt> send(InvocationRequest request) {
        Accepted accepted = acceptDurably(request);
        return CompletableFuture.completedFuture(new SendReceipt(accepted.invocationId, accepted.previously));
    }

    /** Waits for the outcome of a stored invocation; fails with {@link InvocationNotFoundException}. */
    public CompletableFuture<InvocationOutcome> attach(String invocationId) {
        return attacher.attach(invocationId);
    }

    /** The outcome if ended, empty if not yet; throws {@link InvocationNotFoundException}. */
    public Optional<InvocationOutcome> output(String invocationId) {
        return attacher.output(invocationId);
    }

    /** Runs one recovery pass now (tests and operators); returns how many invocations were resumed. */
    public int recoverNow() {
        return recovery.scan();
    }

    /** Invocations this node knows and has not ended (running, queued, backing off, paused, delayed). */
    public int inflightCount() {
        return inflight.size();
    }

    @Override
    public void close() {
        recovery.stop();
    }

    // ---- internals --------------------------------------------------------------------------------

    private record Accepted(String invocationId, boolean previously, CompletableFuture<InvocationOutcome> future) {
    }

    /** Stores a new invocation (one transaction) unless its idempotency key names an existing one. */
    private Accepted acceptDurably(InvocationRequest request) {
        if (request.idempotencyKey() != null) {
            Optional<InvocationRecord> existing = findByIdempotencyKey(request);
            if (existing.isPresent()) {
                return new Accepted(existing.get().id(), true, null);
            }
        }
        Invocation invocation = newInvocation(request);
        inflight.put(invocation.id(), invocation);
        try {
            Tx.call(transactions, () -> {
                store.insertInvocation(invocation.record());
                return null;
            });
        } catch (DuplicateEntryException raced) {
            inflight.remove(invocation.id());
            InvocationRecord winner = findByIdempotencyKey(request).orElseThrow(() -> raced);
            return new Accepted(winner.id(), true, null);
        } catch (RuntimeException e) {
            inflight.remove(invocation.id());
            throw e;
        }
        invocation.markPersisted();
        admitAfter(invocation, request.delay());
        return new Accepted(invocation.id(), false, invocation.future());
    }

    private Optional<InvocationRecord> findByIdempotencyKey(InvocationRequest request) {
        HandlerDefinition target = request.target();
        return Tx.call(transactions, () -> store.findByIdempotencyKey(target.service(), target.name(),
                request.key(), request.idempotencyKey()));
    }

    private Invocation newInvocation(InvocationRequest request) {
        HandlerDefinition target = request.target();
        long now = clock.millis();
        long delay = request.delay() == null ? 0 : Math.max(0, request.delay().toMillis());
        InvocationRecord record = new InvocationRecord(Ids.newInvocationId(), target.service(), target.name(),
                target.keyed() ? request.key() : null, request.idempotencyKey(), request.inputJson(),
                request.headers(), InvocationStatus.PENDING, 0, null, null, null, config.nodeId(),
                now + config.lease().toMillis(), now + delay, now, now);
        return new Invocation(target, record, request.input(), false);
    }

    private void admitAfter(Invocation invocation, Duration delay) {
        if (delay == null || delay.isZero() || delay.isNegative()) {
            admit(invocation);
        } else {
            scheduler.schedule(() -> admit(invocation), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void admit(Invocation invocation) {
        if (invocation.handler().exclusive()) {
            keyQueues.enqueue(invocation);
        } else {
            runner.start(invocation);
        }
    }

    private void ended(Invocation invocation) {
        inflight.remove(invocation.id());
        if (invocation.handler().exclusive()) {
            keyQueues.finished(invocation);
        }
    }

    private Optional<HandlerDefinition> resolve(InvocationRecord record) {
        return registry.service(record.service()).flatMap((ServiceDefinition s) -> s.handler(record.handler()));
    }
}
