package io.rio.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rio.api.Context;
import io.rio.api.ObjectContext;
import io.rio.api.RetryPolicy;
import io.rio.api.SharedObjectContext;
import io.rio.api.StateKey;
import io.rio.api.TerminalException;
import io.rio.core.model.HandlerKind;
import io.rio.core.model.ServiceKind;
import io.rio.spi.InvocationRecord;
import io.rio.spi.InvocationStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class EngineTest {
    static final StateKey<Long> COUNT = StateKey.of("count", Long.class);

    final EngineFixture fx = new EngineFixture();

    @AfterEach
    void close() throws InterruptedException {
        fx.close();
    }

    private static InvocationOutcome await(CompletableFuture<InvocationOutcome> f) throws Exception {
        return f.get(20, TimeUnit.SECONDS);
    }

    private void counter(AtomicInteger inside, AtomicInteger maxInside) {
        fx.handler("Counter", ServiceKind.VIRTUAL_OBJECT, "add", HandlerKind.EXCLUSIVE, long.class, long.class,
                (ctx, in) -> {
                    int now = inside.incrementAndGet();
                    maxInside.accumulateAndGet(now, Math::max);
                    try {
                        ObjectContext o = (ObjectContext) ctx;
                        long next = o.get(COUNT).orElse(0L) + (Long) in;
                        Thread.yield();
                        o.set(COUNT, next);
                        return next;
                    } finally {
                        inside.decrementAndGet();
                    }
                });
        fx.handler("Counter", ServiceKind.VIRTUAL_OBJECT, "get", HandlerKind.SHARED, null, long.class,
                (ctx, in) -> ((SharedObjectContext) ctx).get(COUNT).orElse(0L));
    }

    @Test
    void serviceCallReturnsOutputAndStoresNothing() throws Exception {
        fx.handler("Greeter", ServiceKind.SERVICE, "greet", HandlerKind.STATELESS, String.class, String.class,
                (ctx, in) -> "Hello, " + in + "!");
        RioEngine engine = fx.engine("n1");
        long before = fx.transactions.commits(); // starting took the partitions and looked for due invocations
        InvocationOutcome out = await(engine.call(InvocationRequest.of(fx.target(engine, "Greeter", "greet"), null,
                "\"Ann\"")));
        assertTrue(out.success());
        assertEquals("\"Hello, Ann!\"", out.outputJson());
        assertTrue(fx.store.invocations().isEmpty(), "a one-attempt call without idempotency key is not retained");
        assertEquals(1, fx.transactions.commits() - before, "one transaction per call");
    }

    @Test
    void exclusiveHandlersOfOneKeyNeverOverlapAndSumIsExact() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        counter(inside, maxInside);
        RioEngine engine = fx.engine("n1");
        List<CompletableFuture<InvocationOutcome>> calls = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            calls.add(engine.call(InvocationRequest.of(fx.target(engine, "Counter", "add"), "k", "1")));
        }
        for (CompletableFuture<InvocationOutcome> c : calls) {
            assertTrue(await(c).success());
        }
        InvocationOutcome get = await(engine.call(InvocationRequest.of(fx.target(engine, "Counter", "get"), "k", null)));
        assertEquals("400", get.outputJson());
        assertEquals(1, maxInside.get(), "two add calls on one key overlapped");
    }

    @Test
    void exclusiveHandlersRunInArrivalOrder() throws Exception {
        List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        fx.handler("Log", ServiceKind.VIRTUAL_OBJECT, "append", HandlerKind.EXCLUSIVE, long.class, null,
                (ctx, in) -> {
                    seen.add((Long) in);
                    return null;
                });
        RioEngine engine = fx.engine("n1");
        List<CompletableFuture<InvocationOutcome>> calls = new ArrayList<>();
        for (long i = 0; i < 100; i++) {
            calls.add(engine.call(InvocationRequest.of(fx.target(engine, "Log", "append"), "k", Long.toString(i))));
        }
        for (CompletableFuture<InvocationOutcome> c : calls) {
            await(c);
        }
        for (int i = 0; i < 100; i++) {
            assertEquals(i, seen.get(i));
        }
    }

    @Test
    void stepsAreJournaledAndReplayedAcrossRetries() throws Exception {
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        fx.handler("Orders", ServiceKind.SERVICE, "place", HandlerKind.STATELESS, String.class, String.class,
                (ctx, in) -> {
                    long row = ctx.run("insert", Long.class, () -> 40L + first.incrementAndGet());
                    String charge = ctx.run("charge", String.class, () -> {
                        if (second.incrementAndGet() <= 2) {
                            throw new IllegalStateException("payment provider down");
                        }
                        return "charged";
                    });
                    return in + ":" + row + ":" + charge;
                });
        RioEngine engine = fx.engine("n1");
        InvocationOutcome out = await(engine.call(InvocationRequest.of(fx.target(engine, "Orders", "place"), null,
                "\"o1\"")));
        assertEquals("\"o1:41:charged\"", out.outputJson());
        assertEquals(1, first.get(), "first step's action ran once; its result was replayed");
        assertEquals(3, second.get());
        InvocationRecord stored = fx.store.invocations().get(0);
        assertEquals(InvocationStatus.COMPLETED, stored.status());
        assertEquals(3, stored.attempts());
    }

    @Test
    void stateIsUnchangedUntilAnAttemptSucceeds() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch failedTwice = new CountDownLatch(2);
        CountDownLatch mayPass = new CountDownLatch(1);
        fx.handler("Acct", ServiceKind.VIRTUAL_OBJECT, "bump", HandlerKind.EXCLUSIVE, null, long.class, (ctx, in) -> {
            ObjectContext o = (ObjectContext) ctx;
            o.set(COUNT, 99L);
            if (attempts.incrementAndGet() <= 2) {
                failedTwice.countDown();
                throw new IllegalStateException("boom");
            }
            mayPass.await();
            return 99L;
        });
        fx.handler("Acct", ServiceKind.VIRTUAL_OBJECT, "get", HandlerKind.SHARED, null, long.class,
                (ctx, in) -> ((SharedObjectContext) ctx).get(COUNT).orElse(0L));
        RioEngine engine = fx.engine("n1");
        CompletableFuture<InvocationOutcome> bump = engine.call(InvocationRequest.of(fx.target(engine, "Acct", "bump"),
                "a", null));
        assertTrue(failedTwice.await(10, TimeUnit.SECONDS));
        assertEquals("0", await(engine.call(InvocationRequest.of(fx.target(engine, "Acct", "get"), "a", null)))
                .outputJson());
        mayPass.countDown();
        assertEquals("99", await(bump).outputJson());
        assertEquals("99", await(engine.call(InvocationRequest.of(fx.target(engine, "Acct", "get"), "a", null)))
                .outputJson());
    }

    @Test
    void terminalExceptionEndsWithItsCodeAndIsNotRetried() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        fx.handler("S", ServiceKind.SERVICE, "h", HandlerKind.STATELESS, null, null, (ctx, in) -> {
            runs.incrementAndGet();
            throw new TerminalException(409, "already there");
        });
        RioEngine engine = fx.engine("n1");
        InvocationOutcome out = await(engine.call(InvocationRequest.of(fx.target(engine, "S", "h"), null, null)));
        assertFalse(out.success());
        assertEquals(409, out.errorCode());
        assertEquals("already there", out.errorMessage());
        assertEquals(1, runs.get());
    }

    @Test
    void retriesEndAsTheRetryPolicySays() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        fx.handler("S", ServiceKind.SERVICE, "h", HandlerKind.STATELESS, null, null, (ctx, in) -> {
            runs.incrementAndGet();
            throw new IllegalStateException("always");
        });
        RetryPolicy kill = RetryPolicy.builder().initialInterval(Duration.ofMillis(1)).maxAttempts(3)
                .onMaxAttempts(RetryPolicy.OnMaxAttempts.KILL).build();
        RioEngine engine = fx.engine("n1", kill, Duration.ofSeconds(30));
        InvocationOutcome out = await(engine.call(InvocationRequest.of(fx.target(engine, "S", "h"), null, null)));
        assertFalse(out.success());
        assertEquals(500, out.errorCode());
        assertTrue(out.errorMessage().contains("always"), out.errorMessage());
        assertEquals(3, runs.get());
        assertEquals(InvocationStatus.FAILED, fx.store.invocations().get(0).status());
    }

    @Test
    void idempotencyKeyRunsOnceAndReturnsTheFirstResult() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        fx.handler("S", ServiceKind.SERVICE, "h", HandlerKind.STATELESS, null, long.class,
                (ctx, in) -> (long) runs.incrementAndGet());
        RioEngine engine = fx.engine("n1");
        InvocationRequest req = new InvocationRequest(fx.target(engine, "S", "h"), null, null, null, Map.of(), "k1",
                null);
        InvocationOutcome a = await(engine.call(req));
        InvocationOutcome b = await(engine.call(req));
        assertEquals("1", a.outputJson());
        assertEquals("1", b.outputJson());
        assertEquals(a.invocationId(), b.invocationId());
        SendReceipt s1 = engine.send(req).get();
        assertTrue(s1.previouslyAccepted());
        assertEquals(a.invocationId(), s1.invocationId());
        assertEquals(1, runs.get());
    }

    @Test
    void sendIsDurableBeforeItRunsAndCanBeAttached() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        fx.handler("S", ServiceKind.SERVICE, "h", HandlerKind.STATELESS, String.class, String.class, (ctx, in) -> {
            release.await();
            return "done " + in;
        });
        RioEngine engine = fx.engine("n1");
        SendReceipt receipt = engine.send(InvocationRequest.of(fx.target(engine, "S", "h"), null, "\"x\"")).get();
        assertFalse(receipt.previouslyAccepted());
        assertTrue(fx.store.findInvocation(receipt.invocationId()).isPresent(), "stored before acknowledged");
        assertTrue(engine.output(receipt.invocationId()).isEmpty());
        CompletableFuture<InvocationOutcome> attached = engine.attach(receipt.invocationId());
        release.countDown();
        assertEquals("\"done x\"", await(attached).outputJson());
        assertEquals("\"done x\"", engine.output(receipt.invocationId()).orElseThrow().outputJson());
    }

    @Test
    void anotherNodeRecoversAnInvocationWithoutRedoingCompletedSteps() throws Exception {
        AtomicInteger firstStep = new AtomicInteger();
        AtomicInteger secondStep = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean hung = new java.util.concurrent.atomic.AtomicBoolean();
        CountDownLatch crashed = new CountDownLatch(1);
        fx.handler("S", ServiceKind.SERVICE, "h", HandlerKind.STATELESS, null, String.class, (ctx, in) -> {
            String a = ctx.run("one", String.class, () -> "a" + firstStep.incrementAndGet());
            if (hung.compareAndSet(false, true)) {
                crashed.countDown();
                new CountDownLatch(1).await(); // node 1 hangs here "forever" (until its pool is shut down)
            }
            String b = ctx.run("two", String.class, () -> "b" + secondStep.incrementAndGet());
            return a + b;
        });
        RioEngine node1 = fx.engine("n1", RetryPolicy.builder().build(), Duration.ofMillis(200));
        SendReceipt receipt = node1.send(InvocationRequest.of(fx.target(node1, "S", "h"), null, null)).get();
        assertTrue(crashed.await(10, TimeUnit.SECONDS));
        node1.close(); // a dead node
        // The new node takes every partition (raising their epochs, so node 1 is fenced off) and loads what is due.
        RioEngine node2 = fx.engine("n2", RetryPolicy.builder().build(), Duration.ofMillis(200));
        assertEquals("\"a1b1\"", await(node2.attach(receipt.invocationId())).outputJson());
        assertEquals(1, firstStep.get());
        assertEquals(1, secondStep.get());
        assertNotEquals("n1", fx.store.findInvocation(receipt.invocationId()).orElseThrow().owner());
    }

    @Test
    void replayThatDiffersFromTheJournalPausesTheInvocation() throws Exception {
        AtomicInteger attempt = new AtomicInteger();
        fx.handler("S", ServiceKind.SERVICE, "h", HandlerKind.STATELESS, null, null, (ctx, in) -> {
            int n = attempt.incrementAndGet();
            ctx.run(n == 1 ? "reserve" : "charge", String.class, () -> "x");
            if (n == 1) {
                throw new IllegalStateException("fail once");
            }
            return null;
        });
        RioEngine engine = fx.engine("n1");
        SendReceipt r = engine.send(InvocationRequest.of(fx.target(engine, "S", "h"), null, null)).get();
        long deadline = System.currentTimeMillis() + 10_000;
        InvocationRecord stored;
        do {
            Thread.sleep(20);
            stored = fx.store.findInvocation(r.invocationId()).orElseThrow();
        } while (stored.status() != InvocationStatus.PAUSED && System.currentTimeMillis() < deadline);
        assertEquals(InvocationStatus.PAUSED, stored.status());
        assertTrue(stored.errorMessage().contains("run 'reserve'") && stored.errorMessage().contains("run 'charge'"),
                stored.errorMessage());
    }

    @Test
    void stepWithRetryPolicyRetriesInPlaceThenFailsTerminally() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger bodies = new AtomicInteger();
        fx.handler("S", ServiceKind.SERVICE, "h", HandlerKind.STATELESS, null, null, (ctx, in) -> {
            bodies.incrementAndGet();
            ctx.run("flaky", String.class, RetryPolicy.builder().initialInterval(Duration.ofMillis(1)).maxAttempts(4)
                    .build(), () -> {
                        runs.incrementAndGet();
                        throw new IllegalStateException("nope");
                    });
            return null;
        });
        RioEngine engine = fx.engine("n1");
        InvocationOutcome out = await(engine.call(InvocationRequest.of(fx.target(engine, "S", "h"), null, null)));
        assertFalse(out.success());
        assertTrue(out.errorMessage().contains("flaky") && out.errorMessage().contains("4 attempts"), out.errorMessage());
        assertEquals(4, runs.get());
        assertEquals(1, bodies.get());
    }

    @Test
    void contextExposesIdHeadersAndKey() throws Exception {
        fx.handler("O", ServiceKind.VIRTUAL_OBJECT, "who", HandlerKind.SHARED, null, String.class, (ctx, in) -> {
            Context c = ctx;
            return ((SharedObjectContext) c).key() + "|" + c.headers().get("x-user") + "|"
                    + c.invocationId().startsWith("inv_");
        });
        RioEngine engine = fx.engine("n1");
        InvocationRequest req = new InvocationRequest(fx.target(engine, "O", "who"), "k9", null, null,
                Map.of("x-user", "ann"), null, null);
        assertEquals("\"k9|ann|true\"", await(engine.call(req)).outputJson());
    }

    @Test
    void aFullBacklogRefusesNewWorkWithoutStoringIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch first = new CountDownLatch(1);
        fx.handler("S", ServiceKind.SERVICE, "h", HandlerKind.STATELESS, null, null, (ctx, in) -> {
            first.countDown();
            release.await();
            return null;
        });
        RioEngine engine = fx.engine("n1", RetryPolicy.builder().build(), Duration.ofSeconds(30), 1, 2);
        InvocationRequest req = InvocationRequest.of(fx.target(engine, "S", "h"), null, null);
        SendReceipt running = engine.send(req).get(); // takes the only slot
        assertTrue(first.await(5, TimeUnit.SECONDS));
        engine.send(req).get();                       // waits: backlog 1
        engine.send(req).get();                       // waits: backlog 2
        assertEquals(2, engine.backlog());
        OverloadedException refused = assertThrows(OverloadedException.class, () -> engine.send(req));
        assertTrue(refused.getMessage().contains("rio.max-backlog"), refused.getMessage());
        assertThrows(OverloadedException.class, () -> engine.call(req));
        assertEquals(3, fx.store.invocations().size(), "nothing stored for refused work");
        release.countDown();
        assertTrue(await(engine.attach(running.invocationId())).success());
    }
}
