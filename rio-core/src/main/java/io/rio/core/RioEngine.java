package io.rio.core;

import io.rio.core.internal.Accepts;
import io.rio.core.internal.AttemptRunner;
import io.rio.core.internal.AwakeableIds;
import io.rio.core.internal.BoundedDispatcher;
import io.rio.core.internal.CronRunner;
import io.rio.core.internal.EngineHooks;
import io.rio.core.internal.HandlerRefs;
import io.rio.core.internal.Invocation;
import io.rio.core.internal.InvocationRows;
import io.rio.core.internal.JsonCodec;
import io.rio.core.internal.KeyQueues;
import io.rio.core.internal.Outbox;
import io.rio.core.internal.Ownership;
import io.rio.core.internal.Placement;
import io.rio.core.internal.RecentlyEnded;
import io.rio.core.internal.Recovery;
import io.rio.core.internal.Signals;
import io.rio.core.internal.Tx;
import io.rio.core.model.HandlerDefinition;
import io.rio.core.model.HandlerKind;
import io.rio.core.model.Serde;
import io.rio.core.model.ServiceDefinition;
import io.rio.core.model.ServiceRegistry;
import io.rio.spi.InvocationRecord;
import io.rio.spi.InvocationStatus;
import io.rio.spi.Membership;
import io.rio.spi.PartitionStore;
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
 * serializes exclusive handlers per key, suspends invocations that wait (no thread held), retries failed
 * attempts and recovers unfinished invocations.
 *
 * <p>A call that completes in its first attempt without journaling anything costs one transaction (for an
 * object: lock, state write and, if retained, the invocation row); a send stores its invocation with one
 * INSERT before it is acknowledged ({@link Accepts}) and runs it afterwards.
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
    private final InvocationRows rows;
    private final KeyQueues keyQueues;
    private final AttemptRunner runner;
    private final Recovery recovery;
    private final Attacher attacher;
    private final CronRunner cron;
    private final RioAdmin admin;
    private final BoundedDispatcher dispatcher;
    private final Accepts accepts;
    private final Ownership ownership;
    private final Placement placement;
    private final RecentlyEnded recentlyEnded = new RecentlyEnded();
    private final RioCluster cluster;
    private final java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * A single-node engine ({@link SingleNode}); {@code store} must also be the {@link PartitionStore}.
     */
    public RioEngine(ServiceRegistry registry, RioStore store, Transactions transactions, Serde serde,
            Executor executor, ScheduledExecutorService scheduler, Clock clock, EngineConfig config) {
        this(registry, store, (PartitionStore) store, new SingleNode(config.nodeId()), transactions, serde, executor,
                scheduler, clock, config);
    }

    /**
     * An engine that owns the partitions {@code membership} gives it, fenced through {@code partitions}.
     */
    public RioEngine(ServiceRegistry registry, RioStore store, PartitionStore partitions, Membership membership,
            Transactions transactions, Serde serde, Executor executor, ScheduledExecutorService scheduler,
            Clock clock, EngineConfig config) {
        this.registry = registry;
        this.ownership = new Ownership(membership, partitions, transactions, clock, config.nodeId(),
                this::partitionsGained, this::partitionsLost);
        this.store = store;
        this.transactions = transactions;
        this.codec = new JsonCodec(serde, config.limits());
        this.scheduler = scheduler;
        this.clock = clock;
        this.config = config;
        this.rows = new InvocationRows(store, clock, config, ownership);
        this.dispatcher = new BoundedDispatcher(executor, config.maxConcurrency());
        this.accepts = new Accepts(store, transactions, config, executor, inflight, this::admitAfter);
        HandlerRefs refs = new HandlerRefs(registry);
        EngineHooks hooks = new Hooks(refs);
        this.keyQueues = new KeyQueues(this::startAttempt);
        this.runner = new AttemptRunner(store, transactions, codec, clock, config, executor, dispatcher, scheduler,
                rows, hooks, keyQueues, this::admitOutgoing, this::ended, ownership);
        this.placement = new Placement(store, transactions, clock, scheduler, ownership, inflight, recentlyEnded,
                keyQueues, new PlacementHooks());
        this.recovery = new Recovery(store, partitions, transactions, clock, config, scheduler, this::resolve,
                inflight, recentlyEnded, placement::resume, this::wake, ownership);
        this.attacher = new Attacher(store, transactions, scheduler, clock, config, inflight);
        this.cron = new CronRunner(registry, store, transactions, scheduler, clock, rows, this::admitStored);
        this.admin = new RioAdmin(this, store, transactions, clock, inflight, runner::start);
        this.cluster = new RioCluster(ownership, inflight::size);
    }

    /**
     * Starts taking the partitions the membership gives this node and loading their due invocations (on the
     * scheduler: {@link RioCluster#ready()} tells when it is done), the periodic scan, retention and schedules;
     * follows the membership's changes from then on.
     */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        ownership.membership().listen(() -> scheduler.execute(placement::refresh),
                id -> scheduler.execute(() -> placement.sync(id)));
        scheduler.execute(placement::refresh); // not on the caller's thread: a server may be deploying on it
        recovery.start();
        cron.start();
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

    /** Operator actions and introspection. */
    public RioAdmin admin() {
        return admin;
    }

    /** Invokes and completes with the outcome (a terminal failure is an outcome, not an exceptional completion). */
    public CompletableFuture<InvocationOutcome> call(InvocationRequest request) {
        checkLoad(request);
        if (request.target().keyed()) {
            int partition = ownership.partitionOf(request.target(), request.key(), null);
            if (!ownership.holds(partition)) {
                return CompletableFuture.failedFuture(ownership.notOwner(partition));
            }
        }
        if (request.idempotencyKey() != null || request.target().kind() == HandlerKind.WORKFLOW_RUN) {
            return acceptDurably(request, true).thenCompose(accepted -> accepted.previously()
                    ? attach(accepted.invocationId()) : accepted.future());
        }
        Invocation invocation = newInvocation(request);
        invocation.markAwaited();
        inflight.put(invocation.id(), invocation);
        if (request.delay() != null && !request.delay().isZero()) {
            admitAfter(invocation, request.delay());
        } else if (invocation.handler().exclusive()) {
            keyQueues.enqueue(invocation, runner::startInline);
        } else {
            runner.startInline(invocation);
        }
        return invocation.future();
    }

    /**
     * Stores the invocation and completes once it is durable; it then runs in the background. Sends that arrive
     * together are stored together (group commit, see {@code rio.batch.lanes}).
     */
    public CompletableFuture<SendReceipt> send(InvocationRequest request) {
        checkLoad(request);
        return acceptDurably(request, false).thenApply(accepted -> new SendReceipt(accepted.invocationId(),
                accepted.previously()));
    }

    /** Waits for the outcome of a stored invocation; fails with {@link InvocationNotFoundException}. */
    public CompletableFuture<InvocationOutcome> attach(String invocationId) {
        return attacher.attach(invocationId);
    }

    /** The outcome if ended, empty if not yet; throws {@link InvocationNotFoundException}. */
    public Optional<InvocationOutcome> output(String invocationId) {
        return attacher.output(invocationId);
    }

    /**
     * The id of the invocation a client started with {@code idempotencyKey} on this target, or of a
     * workflow's {@code run} for {@code key} (pass the run handler as target).
     */
    public Optional<String> findInvocationId(HandlerDefinition target, String key, String idempotencyKey) {
        String idem = target.kind() == HandlerKind.WORKFLOW_RUN ? InvocationRows.WORKFLOW_RUN_KEY : idempotencyKey;
        return Tx.call(transactions, () -> store.findByIdempotencyKey(target.service(), target.name(),
                target.keyed() ? key : null, idem)).map(InvocationRecord::id);
    }

    /**
     * Resolves ({@code reason == null}, with {@code json}) or rejects an awakeable, once.
     *
     * @throws io.rio.api.TerminalException 404 for an unknown awakeable, 409 if it is completed already
     */
    public void completeAwakeable(String awakeableId, String json, String reason) {
        AwakeableIds.Parsed target = AwakeableIds.parse(awakeableId);
        codec.checkPayload(json, "The value of awakeable " + awakeableId);
        Tx.call(transactions, () -> {
            Signals.completeAwakeable(store, target, json, reason, clock.millis());
            return null;
        });
        wake(target.invocationId());
    }

    /** Accepted invocations waiting for a thread or for their key. */
    public int backlog() {
        return dispatcher.backlog() + runner.laneBacklog() + accepts.backlog() + keyQueues.waiting();
    }

    private void checkLoad(InvocationRequest request) {
        int backlog = backlog();
        if (backlog >= config.maxBacklog()) {
            throw new OverloadedException(backlog, config.maxBacklog(), 1);
        }
        HandlerDefinition target = request.target();
        if (target.exclusive()) {
            int waiting = keyQueues.waitingFor(target.service() + '\u0000' + request.key());
            int limit = config.limits().keyQueue();
            if (waiting >= limit) {
                throw new OverloadedException("Key '" + request.key() + "' of " + target.service() + " has " + waiting
                        + " invocations waiting behind the one that holds it (limit " + limit + ", "
                        + Limits.KEY_QUEUE_KEY + "); nothing was stored; retry in 1 s", 1);
            }
        }
    }

    // ---- cluster --------------------------------------------------------------------------------------

    /** Where this engine stands in its cluster: membership, owners, the partitions held, readiness. */
    public RioCluster cluster() {
        return cluster;
    }

    /** Runs one recovery pass now (tests and operators); returns how many invocations were resumed. */
    public int recoverNow() {
        return recovery.scan();
    }

    @Override
    public void close() {
        recovery.stop();
        cron.stop();
        ownership.releaseAll();
    }

    // ---- internals --------------------------------------------------------------------------------

    /** Puts a new invocation in flight and stores it durably before it is acknowledged ({@link Accepts}). */
    private CompletableFuture<Accepts.Accepted> acceptDurably(InvocationRequest request, boolean awaited) {
        Invocation invocation = newInvocation(request);
        if (awaited) {
            invocation.markAwaited();
        }
        inflight.put(invocation.id(), invocation);
        return accepts.accept(invocation, request.delay());
    }

    private Invocation newInvocation(InvocationRequest request) {
        long delay = request.delay() == null ? 0 : request.delay().toMillis();
        InvocationRecord record = rows.newRecord(request.target(), request.key(), request.inputJson(),
                request.headers(), request.idempotencyKey(), delay, null);
        return new Invocation(request.target(), record, request.input(), false);
    }

    private void admitAfter(Invocation invocation, Duration delay) {
        if (delay == null || delay.isZero() || delay.isNegative()) {
            admit(invocation);
        } else {
            scheduler.schedule(() -> admit(invocation), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    void admit(Invocation invocation) {
        if (!ownership.holds(invocation.partition())) {
            placement.handOff(invocation, invocation.partition());
            return;
        }
        if (invocation.handler().exclusive()) {
            keyQueues.enqueue(invocation);
        } else {
            runner.start(invocation);
        }
    }

    /** Starts an invocation another handler stored (a call or a send), here. */
    private void admitOutgoing(Outbox.Message message) {
        admitStored(message.target(), message.record());
    }

    private void admitStored(HandlerDefinition target, InvocationRecord record) {
        Invocation invocation = new Invocation(target, record, null, true);
        invocation.origin("stored by another invocation here");
        if (!ownership.holds(record.partition())) {
            placement.handOff(invocation, record.partition());
            return;
        }
        invocation.markFresh();
        if (inflight.putIfAbsent(record.id(), invocation) == null) {
            admitAfter(invocation, Duration.ofMillis(Math.max(0, record.runAt() - clock.millis())));
        }
    }

    private void startAttempt(Invocation invocation) {
        runner.start(invocation);
    }

    void ended(Invocation invocation) {
        if (invocation.persisted()) {
            recentlyEnded.add(invocation.id(), clock.millis());
        }
        inflight.remove(invocation.id());
        if (invocation.handler().exclusive()) {
            keyQueues.finished(invocation);
        }
    }

    /** Wakes a suspended invocation: here if it is here, otherwise through the store for its owner. */
    void wake(String invocationId) {
        Invocation local = inflight.get(invocationId);
        if (local != null) {
            if (local.wakeIfSuspended()) {
                runner.start(local);
            }
            return;
        }
        Tx.call(transactions, () -> store.wakeInvocation(invocationId, clock.millis()));
        ownership.membership().notify(null, invocationId);
    }

    private Optional<HandlerDefinition> resolve(InvocationRecord record) {
        return registry.service(record.service()).flatMap((ServiceDefinition s) -> s.handler(record.handler()));
    }

    Optional<HandlerDefinition> workflowRun(String workflow) {
        return registry.service(workflow).flatMap(s -> s.handlers().values().stream()
                .filter(h -> h.kind() == HandlerKind.WORKFLOW_RUN).findFirst());
    }

    private void partitionsGained(java.util.Set<Integer> partitions) {
        recovery.scan(partitions);
    }

    private void partitionsLost(java.util.Set<Integer> partitions) {
        placement.lost(partitions);
    }

    /** Tells the owner of a stored invocation's partition to look at it (an operator changed it elsewhere). */
    void tellOwner(String invocationId) {
        placement.tellOwner(invocationId);
    }

    /** What {@link Placement} does through the engine. */
    private final class PlacementHooks implements Placement.Engine {
        @Override
        public Optional<HandlerDefinition> resolve(InvocationRecord record) {
            return RioEngine.this.resolve(record);
        }

        @Override
        public void admitAfter(Invocation invocation, long delayMillis) {
            RioEngine.this.admitAfter(invocation, Duration.ofMillis(delayMillis));
        }

        @Override
        public void start(Invocation invocation) {
            runner.start(invocation);
        }

        @Override
        public void wake(String invocationId) {
            RioEngine.this.wake(invocationId);
        }

        @Override
        public void ended(Invocation invocation) {
            RioEngine.this.ended(invocation);
        }

        @Override
        public CompletableFuture<InvocationOutcome> attach(String invocationId) {
            return attacher.attach(invocationId);
        }
    }

    private final class Hooks implements EngineHooks {
        private final HandlerRefs refs;

        Hooks(HandlerRefs refs) {
            this.refs = refs;
        }

        @Override
        public HandlerRefs refs() {
            return refs;
        }

        @Override
        public RioStore store() {
            return store;
        }

        @Override
        public InvocationRows rows() {
            return rows;
        }

        @Override
        public void wake(String invocationId) {
            RioEngine.this.wake(invocationId);
        }

        @Override
        public void blockedBy(Invocation invocation, String headId) {
            placement.blockedBy(invocation, headId);
        }

        @Override
        public void handOff(Invocation invocation, int partition) {
            placement.handOff(invocation, partition);
        }

        @Override
        public Optional<String> workflowRunId(String workflow, String key) {
            return workflowRun(workflow).flatMap(run -> store.findByIdempotencyKey(workflow, run.name(), key,
                    InvocationRows.WORKFLOW_RUN_KEY)).map(InvocationRecord::id);
        }
    }
}
