package io.rio.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rio.api.ObjectContext;
import io.rio.api.SharedObjectContext;
import io.rio.api.StateKey;
import io.rio.core.model.HandlerKind;
import io.rio.core.model.ServiceKind;
import io.rio.core.model.HandlerDefinition;
import io.rio.spi.RioStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Group commit: attempts that are ready at once run in one transaction, and an attempt that cannot complete in
 * its batch costs its batch-mates a replay, never their effects or their order.
 */
class GroupCommitTest {
    static final StateKey<Long> COUNT = StateKey.of("count", Long.class);

    final EngineFixture fx = new EngineFixture();
    final CountDownLatch gate = new CountDownLatch(1);
    final CountDownLatch gateReached = new CountDownLatch(1);

    @AfterEach
    void close() throws InterruptedException {
        fx.close();
    }

    private static InvocationOutcome await(CompletableFuture<InvocationOutcome> f) throws Exception {
        return f.get(20, TimeUnit.SECONDS);
    }

    /**
     * Counter.add; the add with input 0 waits at the gate, so whatever comes after it queues up. Counts how many
     * adds of key {@code k} run at once.
     */
    private void counter(AtomicInteger inside, AtomicInteger maxInside, Set<Long> failOnce) {
        fx.handler("Counter", ServiceKind.VIRTUAL_OBJECT, "add", HandlerKind.EXCLUSIVE, long.class, long.class,
                (ctx, in) -> {
                    long by = (Long) in;
                    boolean watched = "k".equals(((ObjectContext) ctx).key()); // overlap is measured on key k
                    if (watched) {
                        maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    }
                    try {
                        if (by == 0) {
                            gateReached.countDown();
                            assertTrue(gate.await(20, TimeUnit.SECONDS));
                        }
                        if (failOnce.remove(by)) {
                            throw new IllegalStateException("transient failure of add(" + by + ")");
                        }
                        ObjectContext o = (ObjectContext) ctx;
                        long next = o.get(COUNT).orElse(0L) + by;
                        o.set(COUNT, next);
                        return next;
                    } finally {
                        if (watched) {
                            inside.decrementAndGet();
                        }
                    }
                });
        fx.handler("Counter", ServiceKind.VIRTUAL_OBJECT, "get", HandlerKind.SHARED, null, long.class,
                (ctx, in) -> ((SharedObjectContext) ctx).get(COUNT).orElse(0L));
    }

    private CompletableFuture<InvocationOutcome> add(RioEngine engine, String key, long by) {
        return engine.call(InvocationRequest.of(fx.target(engine, "Counter", "add"), key, Long.toString(by)));
    }

    private long get(RioEngine engine, String key) throws Exception {
        return Long.parseLong(await(engine.call(InvocationRequest.of(fx.target(engine, "Counter", "get"), key, null)))
                .outputJson());
    }

    @Test
    void queuedAddsOnOneKeyCommitTogetherInArrivalOrder() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        counter(inside, maxInside, ConcurrentHashMap.newKeySet());
        RioEngine engine = fx.engine("n1", 4, 32);
        CompletableFuture<InvocationOutcome> blocker = CompletableFuture.supplyAsync(() -> add(engine, "k", 0))
                .thenCompose(f -> f);
        assertTrue(gateReached.await(10, TimeUnit.SECONDS));
        List<CompletableFuture<InvocationOutcome>> adds = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            adds.add(add(engine, "k", 1));
        }
        long commitsBefore = fx.transactions.commits();
        gate.countDown();
        assertEquals("0", await(blocker).outputJson());
        for (int i = 0; i < adds.size(); i++) {
            assertEquals(Long.toString(i + 1), await(adds.get(i)).outputJson(), "the adds ran in arrival order");
        }
        long commits = fx.transactions.commits() - commitsBefore;
        assertTrue(commits <= 1 + 4, "100 queued adds of one key took " + commits
                + " commits; batches of 32 need 4 (plus the blocker's)");
        assertEquals(100, get(engine, "k"));
        assertEquals(1, maxInside.get(), "two adds of one key overlapped");
    }

    @Test
    void readyInvocationsOfManyKeysShareOneTransaction() throws Exception {
        counter(new AtomicInteger(), new AtomicInteger(), ConcurrentHashMap.newKeySet());
        RioEngine engine = fx.engine("n1", 1, 64);
        CompletableFuture<InvocationOutcome> blocker = CompletableFuture.supplyAsync(() -> add(engine, "gate", 0))
                .thenCompose(f -> f);
        assertTrue(gateReached.await(10, TimeUnit.SECONDS));
        List<CompletableFuture<InvocationOutcome>> adds = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            adds.add(add(engine, "k" + (i % 60), 1));
        }
        long commitsBefore = fx.transactions.commits();
        gate.countDown();
        await(blocker);
        for (CompletableFuture<InvocationOutcome> a : adds) {
            assertTrue(await(a).success());
        }
        long commits = fx.transactions.commits() - commitsBefore;
        assertTrue(commits <= 1 + 2, "120 ready adds on 60 keys took " + commits + " commits; batches of 64 need 2");
        for (int k = 0; k < 60; k++) {
            assertEquals(2, get(engine, "k" + k), "key k" + k);
        }
    }

    @Test
    void aFailingAttemptRollsBackItsBatchAndEveryAddStillCountsOnceInOrder() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        Set<Long> failOnce = ConcurrentHashMap.newKeySet();
        failOnce.add(7L);
        counter(inside, maxInside, failOnce);
        RioEngine engine = fx.engine("n1", 1, 64);
        CompletableFuture<InvocationOutcome> blocker = CompletableFuture.supplyAsync(() -> add(engine, "k", 0))
                .thenCompose(f -> f);
        assertTrue(gateReached.await(10, TimeUnit.SECONDS));
        List<CompletableFuture<InvocationOutcome>> adds = new ArrayList<>();
        List<CompletableFuture<InvocationOutcome>> others = new ArrayList<>();
        for (long by = 1; by <= 12; by++) {
            adds.add(add(engine, "k", by));
            others.add(add(engine, "other" + by, by));
        }
        gate.countDown();
        await(blocker);
        long expected = 0;
        for (int i = 0; i < adds.size(); i++) {
            expected += i + 1;
            InvocationOutcome out = await(adds.get(i));
            assertTrue(out.success(), out.toString());
            assertEquals(Long.toString(expected), out.outputJson(), "add(" + (i + 1) + ") saw the adds before it");
        }
        for (long by = 1; by <= 12; by++) {
            assertTrue(await(others.get((int) by - 1)).success());
            assertEquals(by, get(engine, "other" + by), "other" + by + " counted once");
        }
        assertEquals(78, get(engine, "k"));
        assertTrue(failOnce.isEmpty(), "the failing add ran");
        assertTrue(fx.transactions.rollbacks() >= 1, "its batch rolled back");
        assertEquals(1, maxInside.get(), "two adds of one key overlapped");
    }

    @Test
    void aSuspendingAttemptInABatchResumesAndItsBatchMatesComplete() throws Exception {
        counter(new AtomicInteger(), new AtomicInteger(), ConcurrentHashMap.newKeySet());
        AtomicInteger napped = new AtomicInteger();
        fx.handler("Napper", ServiceKind.VIRTUAL_OBJECT, "nap", HandlerKind.EXCLUSIVE, null, String.class,
                (ctx, in) -> {
                    ctx.sleep(Duration.ofMillis(20));
                    napped.incrementAndGet();
                    return "rested";
                });
        RioEngine engine = fx.engine("n1", 1, 64);
        CompletableFuture<InvocationOutcome> blocker = CompletableFuture.supplyAsync(() -> add(engine, "gate", 0))
                .thenCompose(f -> f);
        assertTrue(gateReached.await(10, TimeUnit.SECONDS));
        List<CompletableFuture<InvocationOutcome>> naps = new ArrayList<>();
        List<CompletableFuture<InvocationOutcome>> adds = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            adds.add(add(engine, "k" + i, 1));
            naps.add(engine.call(InvocationRequest.of(fx.target(engine, "Napper", "nap"), "n" + i, null)));
        }
        gate.countDown();
        await(blocker);
        for (int i = 0; i < 10; i++) {
            assertEquals("\"rested\"", await(naps.get(i)).outputJson());
            assertEquals("1", await(adds.get(i)).outputJson());
            assertEquals(1, get(engine, "k" + i));
        }
        assertEquals(10, napped.get(), "each nap finished once");
    }

    @Test
    void sendsArrivingTogetherAreStoredInOneTransaction() throws Exception {
        SentBatches sent = sendWhileTheFirstIsBeingStored(false);
        assertEquals(3, sent.commits, "1 commit for the first send, then 64 sends in batches of 32");
        assertEquals(List.of(1, 32, 32), sent.statements);
    }

    @Test
    void sendsArrivingTogetherAreStoredInOneAutocommittedStatementWhereTheStoreCan() throws Exception {
        SentBatches sent = sendWhileTheFirstIsBeingStored(true);
        assertEquals(0, sent.commits, "no transaction of the engine's: each statement commits on its own");
        assertEquals(List.of(1, 32, 32), sent.statements, "1 statement for the first send, then batches of 32");
    }

    /** What storing 65 sends took: transaction commits, and the rows of each insert statement. */
    private record SentBatches(long commits, List<Integer> statements) {
    }

    /**
     * Sends 1 invocation, holds its insert until 64 more sends queued behind it, then lets all be stored. With
     * {@code autocommit}, the store commits inserts on its own ({@link RioStore#insertInvocationsCommitted}).
     */
    private SentBatches sendWhileTheFirstIsBeingStored(boolean autocommit) throws Exception {
        fx.handler("Jobs", ServiceKind.SERVICE, "run", HandlerKind.STATELESS, long.class, null, (ctx, in) -> null);
        CountDownLatch insertGate = new CountDownLatch(1);
        CountDownLatch inserting = new CountDownLatch(1);
        List<Integer> statements = java.util.Collections.synchronizedList(new ArrayList<>());
        String insert = autocommit ? "insertInvocationsCommitted" : "insertInvocations";
        java.util.concurrent.atomic.AtomicLong ownCommits = new java.util.concurrent.atomic.AtomicLong();
        fx.storeSeenByEngines = (RioStore) Proxy.newProxyInstance(RioStore.class.getClassLoader(),
                new Class<?>[] {RioStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals(insert)) {
                        List<?> rows = (List<?>) args[0];
                        if (statements.isEmpty()) {
                            inserting.countDown(); // the first send holds its lane until the others queued up
                            assertTrue(insertGate.await(20, TimeUnit.SECONDS));
                        }
                        statements.add(rows.size());
                        if (autocommit) {
                            // the in-memory store needs a transaction: this statement's own, counted apart
                            long before = fx.transactions.commits();
                            fx.transactions.inNewTransaction(() -> {
                                for (Object row : rows) {
                                    fx.store.insertInvocation((io.rio.spi.InvocationRecord) row);
                                }
                                return null;
                            });
                            ownCommits.addAndGet(fx.transactions.commits() - before);
                            return true;
                        }
                    }
                    try {
                        return method.invoke(fx.store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        RioEngine engine = fx.engine("n1", 1, 32);
        InvocationRequest later = new InvocationRequest(fx.target(engine, "Jobs", "run"), null, "1", null, Map.of(),
                null, Duration.ofHours(1)); // delayed: only their storing commits during this test
        CompletableFuture<SendReceipt> first = CompletableFuture.supplyAsync(() -> engine.send(later))
                .thenCompose(f -> f);
        assertTrue(inserting.await(10, TimeUnit.SECONDS));
        List<CompletableFuture<SendReceipt>> sends = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            sends.add(engine.send(later));
        }
        assertTrue(sends.stream().noneMatch(CompletableFuture::isDone), "not acknowledged before they are stored");
        long commitsBefore = fx.transactions.commits();
        insertGate.countDown();
        Set<String> ids = ConcurrentHashMap.newKeySet();
        ids.add(first.get(20, TimeUnit.SECONDS).invocationId());
        for (CompletableFuture<SendReceipt> send : sends) {
            ids.add(send.get(20, TimeUnit.SECONDS).invocationId());
        }
        assertEquals(65, ids.size());
        assertEquals(65, fx.store.invocations().size(), "every acknowledged send is stored");
        return new SentBatches(fx.transactions.commits() - commitsBefore - ownCommits.get(), List.copyOf(statements));
    }

    @Test
    void aTakenIdempotencyKeyInABatchOfSendsAnswersWithTheFirstInvocation() throws Exception {
        fx.handler("Jobs", ServiceKind.SERVICE, "run", HandlerKind.STATELESS, long.class, null, (ctx, in) -> null);
        RioEngine engine = fx.engine("n1", 1, 32);
        HandlerDefinition target = fx.target(engine, "Jobs", "run");
        List<CompletableFuture<SendReceipt>> sends = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            sends.add(CompletableFuture.supplyAsync(() -> engine.send(new InvocationRequest(target, null, "1", null,
                    Map.of(), "same-key", Duration.ofHours(1)))).thenCompose(f -> f));
        }
        Set<String> ids = ConcurrentHashMap.newKeySet();
        int fresh = 0;
        for (CompletableFuture<SendReceipt> send : sends) {
            SendReceipt receipt = send.get(20, TimeUnit.SECONDS);
            ids.add(receipt.invocationId());
            fresh += receipt.previouslyAccepted() ? 0 : 1;
        }
        assertEquals(1, ids.size(), "one invocation for one idempotency key");
        assertEquals(1, fresh, "exactly one send stored it");
        assertEquals(1, fx.store.invocations().size());
    }

    /** 48 calls of a three-step handler from 16 threads, attempts unbatched; returns the commits they took. */
    private long threeStepCalls(boolean batchSteps) throws Exception {
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        fx.handler("Steps", ServiceKind.SERVICE, "three", HandlerKind.STATELESS, long.class, long.class, (ctx, in) -> {
            long n = (Long) in;
            long sum = 0;
            for (String step : List.of("first", "second", "third")) {
                sum += ctx.run(step, Long.class, () -> {
                    runs.computeIfAbsent(n + "/" + step, k -> new AtomicInteger()).incrementAndGet();
                    Thread.sleep(2); // long enough for the steps of other attempts to arrive meanwhile
                    return n;
                });
            }
            return sum;
        });
        RioEngine engine = fx.engine("n1", 0, 32, batchSteps); // every attempt alone: only steps can share
        long commitsBefore = fx.transactions.commits();
        int calls = 48;
        // Callers on many threads, as HTTP requests are: an attempt may run on its caller's thread.
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(16);
        List<CompletableFuture<InvocationOutcome>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < calls; i++) {
                String input = Long.toString(i);
                outcomes.add(CompletableFuture.supplyAsync(() -> engine.call(InvocationRequest.of(
                        fx.target(engine, "Steps", "three"), null, input)), callers).thenCompose(f -> f));
            }
            CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } finally {
            callers.shutdown();
        }
        for (int i = 0; i < calls; i++) {
            InvocationOutcome outcome = await(outcomes.get(i));
            assertTrue(outcome.success(), outcome.toString());
            assertEquals(Long.toString(3L * i), outcome.outputJson());
            assertEquals(List.of("first", "second", "third"), fx.store.loadJournal(outcome.invocationId())
                    .stream().map(e -> e.name()).toList(), "each step journaled once");
        }
        assertEquals(3 * calls, runs.size());
        runs.forEach((step, count) -> assertEquals(1, count.get(), step + " ran once"));
        return fx.transactions.commits() - commitsBefore;
    }

    @Test
    void stepsOfAttemptsRunningAtOnceShareCommitsAndEachRunsOnce() throws Exception {
        long commits = threeStepCalls(true);
        assertTrue(commits < 3 * 48, "48 attempts of three steps took " + commits
                + " commits; alone each takes 4 (one per step and one to end)");
    }

    @Test
    void withoutStepBatchingEveryStepCommitsAlone() throws Exception {
        long commits = threeStepCalls(false);
        assertEquals(4 * 48, commits, "alone, each attempt takes one commit per step and one to end");
    }

    @Test
    void withoutLanesEveryAttemptCommitsAlone() throws Exception {
        counter(new AtomicInteger(), new AtomicInteger(), ConcurrentHashMap.newKeySet());
        RioEngine engine = fx.engine("n1", 0, 32);
        CompletableFuture<InvocationOutcome> blocker = CompletableFuture.supplyAsync(() -> add(engine, "k", 0))
                .thenCompose(f -> f);
        assertTrue(gateReached.await(10, TimeUnit.SECONDS));
        List<CompletableFuture<InvocationOutcome>> adds = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            adds.add(add(engine, "k", 1));
        }
        long commitsBefore = fx.transactions.commits();
        gate.countDown();
        await(blocker);
        for (CompletableFuture<InvocationOutcome> a : adds) {
            assertTrue(await(a).success());
        }
        assertEquals(21, fx.transactions.commits() - commitsBefore);
    }
}
