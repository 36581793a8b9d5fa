package io.rio.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rio.api.Awakeable;
import io.rio.api.Context;
import io.rio.api.DurableFuture;
import io.rio.api.DurablePromiseKey;
import io.rio.api.ObjectContext;
import io.rio.api.RetryPolicy;
import io.rio.api.SharedWorkflowContext;
import io.rio.api.StateKey;
import io.rio.api.TerminalException;
import io.rio.api.WorkflowContext;
import io.rio.core.model.HandlerKind;
import io.rio.core.model.ServiceKind;
import io.rio.spi.InvocationQuery;
import io.rio.spi.InvocationRecord;
import io.rio.spi.InvocationStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class DurableExecutionTest {
    static final StateKey<Long> COUNT = StateKey.of("count", Long.class);
    static final DurablePromiseKey<String> APPROVAL = DurablePromiseKey.of("approval", String.class);

    final EngineFixture fx = new EngineFixture();

    /** A virtual object bean for typed calls. */
    public static class CounterBean {
        public long add(ObjectContext ctx, Long delta) {
            long next = ctx.get(COUNT).orElse(0L) + delta;
            ctx.set(COUNT, next);
            return next;
        }
    }

    /** A workflow bean for typed calls. */
    public static class SignupBean {
        public String run(WorkflowContext ctx, String email) {
            return null;
        }

        public void approve(SharedWorkflowContext ctx, String by) {
        }
    }

    @AfterEach
    void close() throws InterruptedException {
        fx.close();
    }

    private static InvocationOutcome await(CompletableFuture<InvocationOutcome> f) throws Exception {
        return f.get(30, TimeUnit.SECONDS);
    }

    private static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("Timed out waiting for: " + what);
            }
            Thread.sleep(20);
        }
    }

    private void counterObject() {
        CounterBean bean = new CounterBean();
        fx.handler("Counter", ServiceKind.VIRTUAL_OBJECT, CounterBean.class, "add", HandlerKind.EXCLUSIVE, Long.class,
                long.class, (ctx, in) -> bean.add((ObjectContext) ctx, (Long) in), null);
    }

    @Test
    void sleepingInvocationsHoldNoThread() throws Exception {
        AtomicInteger bodies = new AtomicInteger();
        fx.handler("Sleeper", ServiceKind.VIRTUAL_OBJECT, "nap", HandlerKind.EXCLUSIVE, null, String.class,
                (ctx, in) -> {
                    bodies.incrementAndGet();
                    ctx.sleep(Duration.ofMillis(1500));
                    return "rested " + ((ObjectContext) ctx).key();
                });
        fx.handler("Greeter", ServiceKind.SERVICE, "greet", HandlerKind.STATELESS, String.class, String.class,
                (ctx, in) -> "Hello, " + in);
        RioEngine engine = fx.engine("n1");
        int n = 300; // the dispatcher runs at most 16 at once: holding threads would take >= 300 x 1.5 s / 16
        List<CompletableFuture<InvocationOutcome>> naps = new CopyOnWriteArrayList<>();
        for (int i = 0; i < n; i++) {
            naps.add(engine.call(InvocationRequest.of(fx.target(engine, "Sleeper", "nap"), "k" + i, null)));
        }
        eventually(() -> fx.store.listInvocations(new InvocationQuery("Sleeper", null, InvocationStatus.SUSPENDED,
                1000)).size() == n, "all " + n + " suspended at once");
        long t0 = System.nanoTime();
        InvocationOutcome hello = await(engine.call(InvocationRequest.of(fx.target(engine, "Greeter", "greet"), null,
                "\"Ann\"")));
        assertEquals("\"Hello, Ann\"", hello.outputJson());
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(1), "greeting answered while they sleep");
        for (int i = 0; i < n; i++) {
            assertEquals("\"rested k" + i + "\"", await(naps.get(i)).outputJson());
        }
        assertEquals(2 * n, bodies.get(), "each body ran once before and once after its sleep");
    }

    @Test
    void aTimerSurvivesTheNodeAndFiresOnceOnAnother() throws Exception {
        AtomicInteger before = new AtomicInteger();
        AtomicInteger after = new AtomicInteger();
        fx.handler("S", ServiceKind.SERVICE, "h", HandlerKind.STATELESS, null, String.class, (ctx, in) -> {
            ctx.run("before", Integer.class, before::incrementAndGet);
            ctx.sleep(Duration.ofMillis(400));
            return "woke " + ctx.run("after", Integer.class, after::incrementAndGet);
        });
        RioEngine node1 = fx.engine("n1", RetryPolicy.builder().build(), Duration.ofMillis(200));
        SendReceipt r = node1.send(InvocationRequest.of(fx.target(node1, "S", "h"), null, null)).get();
        eventually(() -> fx.store.findInvocation(r.invocationId()).get().status() == InvocationStatus.SUSPENDED,
                "suspended");
        fx.shutdownPools(node1); // node 1 dies: its scheduled timer never fires
        RioEngine node2 = fx.engine("n2", RetryPolicy.builder().build(), Duration.ofMillis(200));
        long sent = fx.store.findInvocation(r.invocationId()).get().createdAt();
        node2.start();
        InvocationOutcome out = await(node2.attach(r.invocationId()));
        assertEquals("\"woke 1\"", out.outputJson());
        assertTrue(System.currentTimeMillis() - sent >= 400, "not before its delay");
        assertEquals(1, before.get());
        assertEquals(1, after.get());
    }

    @Test
    void awakeablesAreCompletedOnceFromOutsideOrFromAnotherHandler() throws Exception {
        Map<String, String> ids = new ConcurrentHashMap<>();
        fx.handler("Waiter", ServiceKind.VIRTUAL_OBJECT, "wait", HandlerKind.EXCLUSIVE, null, String.class,
                (ctx, in) -> {
                    Awakeable<String> a = ctx.awakeable(String.class);
                    ctx.run("publish", String.class, () -> ids.put(((ObjectContext) ctx).key(), a.id()));
                    return "got " + a.await();
                });
        fx.handler("Resolver", ServiceKind.SERVICE, "resolve", HandlerKind.STATELESS, String.class, null,
                (ctx, in) -> {
                    ctx.awakeableHandle((String) in).resolve("from a handler");
                    return null;
                });
        RioEngine engine = fx.engine("n1");
        CompletableFuture<InvocationOutcome> a = engine.call(InvocationRequest.of(fx.target(engine, "Waiter", "wait"),
                "a", null));
        CompletableFuture<InvocationOutcome> b = engine.call(InvocationRequest.of(fx.target(engine, "Waiter", "wait"),
                "b", null));
        eventually(() -> ids.size() == 2, "both awakeables published");
        engine.completeAwakeable(ids.get("a"), "\"from outside\"", null);
        assertEquals("\"got from outside\"", await(a).outputJson());
        TerminalException twice = assertThrows(TerminalException.class,
                () -> engine.completeAwakeable(ids.get("a"), "\"again\"", null));
        assertEquals(409, twice.code());
        assertEquals(404, assertThrows(TerminalException.class,
                () -> engine.completeAwakeable("awk_inv_nope_1", "1", null)).code());
        assertEquals(404, assertThrows(TerminalException.class,
                () -> engine.completeAwakeable("garbage", "1", null)).code());
        InvocationOutcome resolved = await(engine.call(InvocationRequest.of(fx.target(engine, "Resolver", "resolve"),
                null, "\"" + ids.get("b") + "\"")));
        assertTrue(resolved.success());
        assertEquals("\"got from a handler\"", await(b).outputJson());
    }

    /** Registers S/h: it creates an awakeable, publishes its id under "x" (a step) and returns its value. */
    private Map<String, String> awakeableWaiter() {
        Map<String, String> ids = new ConcurrentHashMap<>();
        fx.handler("S", ServiceKind.SERVICE, "h", HandlerKind.STATELESS, null, String.class, (ctx, in) -> {
            Awakeable<String> a = ctx.awakeable(String.class);
            ctx.run("publish", String.class, () -> ids.put("x", a.id()));
            return a.await();
        });
        return ids;
    }

    @Test
    void aRejectedAwakeableIsATerminalFailureOfTheWaiter() throws Exception {
        Map<String, String> ids = awakeableWaiter();
        RioEngine engine = fx.engine("n1");
        CompletableFuture<InvocationOutcome> f = engine.call(InvocationRequest.of(fx.target(engine, "S", "h"), null,
                null));
        eventually(() -> ids.containsKey("x"), "published");
        engine.completeAwakeable(ids.get("x"), null, "card declined");
        InvocationOutcome out = await(f);
        assertFalse(out.success());
        assertEquals("card declined", out.errorMessage());
    }

    @Test
    void workflowRunsOnceAndIsSignalledThroughAPromise() throws Exception {
        counterObject();
        AtomicInteger runs = new AtomicInteger();
        fx.handler("Signup", ServiceKind.WORKFLOW, SignupBean.class, "run", HandlerKind.WORKFLOW_RUN, String.class,
                String.class, (ctx, in) -> {
                    WorkflowContext w = (WorkflowContext) ctx;
                    ctx.run("count", Integer.class, runs::incrementAndGet);
                    String by = w.promise(APPROVAL).future().await();
                    long n = ctx.object(CounterBean.class, "signups").call(CounterBean::add, 1L).await();
                    return in + " approved by " + by + " (#" + n + ")";
                }, null);
        fx.handler("Signup", ServiceKind.WORKFLOW, SignupBean.class, "approve", HandlerKind.SHARED, String.class,
                null, (ctx, in) -> {
                    ((SharedWorkflowContext) ctx).promise(APPROVAL).resolve((String) in);
                    return null;
                }, null);
        RioEngine engine = fx.engine("n1");
        InvocationRequest run = InvocationRequest.of(fx.target(engine, "Signup", "run"), "ann", "\"ann@x.io\"");
        SendReceipt first = engine.send(run).get();
        SendReceipt second = engine.send(run).get();
        assertFalse(first.previouslyAccepted());
        assertTrue(second.previouslyAccepted());
        assertEquals(first.invocationId(), second.invocationId());
        assertEquals(first.invocationId(), engine.findInvocationId(fx.target(engine, "Signup", "run"), "ann", null)
                .orElseThrow());
        eventually(() -> fx.store.findInvocation(first.invocationId()).get().status() == InvocationStatus.SUSPENDED,
                "run waits for the promise");
        assertTrue(await(engine.call(InvocationRequest.of(fx.target(engine, "Signup", "approve"), "ann",
                "\"bob\""))).success());
        InvocationOutcome out = await(engine.attach(first.invocationId()));
        assertEquals("\"ann@x.io approved by bob (#1)\"", out.outputJson());
        assertEquals(1, runs.get());
        InvocationOutcome again = await(engine.call(InvocationRequest.of(fx.target(engine, "Signup", "approve"), "ann",
                "\"eve\"")));
        assertEquals(409, again.errorCode(), "a promise completes once");
        assertEquals(out.outputJson(), await(engine.call(run)).outputJson(), "a second run returns the first result");
    }

    @Test
    void durableCallsAndDelayedSendsBetweenHandlers() throws Exception {
        counterObject();
        fx.handler("Caller", ServiceKind.SERVICE, "go", HandlerKind.STATELESS, null, String.class, (ctx, in) -> {
            DurableFuture<Long> a = ctx.object(CounterBean.class, "x").call(CounterBean::add, 5L);
            DurableFuture<Long> b = ctx.object(CounterBean.class, "y").call(CounterBean::add, 7L);
            ctx.all(a, b).await();
            ctx.object(CounterBean.class, "x").send(CounterBean::add, 100L, Duration.ofMillis(300));
            return a.await() + "+" + b.await();
        });
        RioEngine engine = fx.engine("n1");
        long t0 = System.currentTimeMillis();
        assertEquals("\"5+7\"", await(engine.call(InvocationRequest.of(fx.target(engine, "Caller", "go"), null,
                null))).outputJson());
        eventually(() -> "105".equals(fx.store.readState("Counter", "x").get("count")), "delayed send arrived");
        assertTrue(System.currentTimeMillis() - t0 >= 300, "not before its delay");
        Thread.sleep(200);
        assertEquals("105", fx.store.readState("Counter", "x").get("count"), "delivered once");
    }

    @Test
    void anyRacesACallAgainstATimer() throws Exception {
        fx.handler("S", ServiceKind.SERVICE, "h", HandlerKind.STATELESS, null, String.class, (ctx, in) -> {
            Awakeable<String> never = ctx.awakeable(String.class);
            int first = ctx.any(never, ctx.timer(Duration.ofMillis(150))).await();
            return first == 1 ? "timed out" : never.await();
        });
        RioEngine engine = fx.engine("n1");
        assertEquals("\"timed out\"", await(engine.call(InvocationRequest.of(fx.target(engine, "S", "h"), null,
                null))).outputJson());
    }

    @Test
    void randomAndUuidReplayIdentically() throws Exception {
        List<String> draws = new CopyOnWriteArrayList<>();
        AtomicInteger attempts = new AtomicInteger();
        fx.handler("S", ServiceKind.SERVICE, "h", HandlerKind.STATELESS, null, String.class, (ctx, in) -> {
            draws.add(ctx.random().nextLong() + "/" + ctx.uuid());
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("retry me");
            }
            return "ok";
        });
        RioEngine engine = fx.engine("n1");
        await(engine.call(InvocationRequest.of(fx.target(engine, "S", "h"), null, null)));
        assertEquals(2, draws.size());
        assertEquals(draws.get(0), draws.get(1));
        await(engine.call(InvocationRequest.of(fx.target(engine, "S", "h"), null, null)));
        assertNotEquals(draws.get(0), draws.get(2), "another invocation draws other numbers");
    }

    @Test
    void cancelLetsTheHandlerCompensateAndKillEndsAtOnce() throws Exception {
        AtomicInteger compensations = new AtomicInteger();
        fx.handler("Saga", ServiceKind.SERVICE, "pay", HandlerKind.STATELESS, null, String.class, (ctx, in) -> {
            ctx.run("reserve", String.class, () -> "reserved");
            try {
                return ctx.awakeable(String.class).await();
            } catch (TerminalException e) {
                ctx.run("release", Integer.class, compensations::incrementAndGet);
                throw e;
            }
        });
        RioEngine engine = fx.engine("n1");
        SendReceipt cancelled = engine.send(InvocationRequest.of(fx.target(engine, "Saga", "pay"), null, null)).get();
        SendReceipt killed = engine.send(InvocationRequest.of(fx.target(engine, "Saga", "pay"), null, null)).get();
        eventually(() -> fx.store.listInvocations(new InvocationQuery("Saga", null, InvocationStatus.SUSPENDED, 10))
                .size() == 2, "both wait");
        assertTrue(engine.admin().cancel(cancelled.invocationId()));
        InvocationOutcome c = await(engine.attach(cancelled.invocationId()));
        assertEquals(409, c.errorCode());
        assertEquals(1, compensations.get());
        assertTrue(engine.admin().kill(killed.invocationId()));
        InvocationOutcome k = await(engine.attach(killed.invocationId()));
        assertEquals(RioAdmin.KILLED, k.errorMessage());
        assertEquals(1, compensations.get(), "kill runs no compensation");
        assertFalse(engine.admin().kill(killed.invocationId()), "already ended");
        RioAdmin.InvocationDetails details = engine.admin().show(cancelled.invocationId()).orElseThrow();
        assertEquals(List.of("run", "awakeable", "cancel", "run"),
                details.journal().stream().map(e -> e.kind()).toList());
        assertTrue(engine.admin().purge(cancelled.invocationId()));
        assertTrue(engine.admin().show(cancelled.invocationId()).isEmpty());
    }

    @Test
    void pausedInvocationsWaitForResume() throws Exception {
        Map<String, String> ids = awakeableWaiter();
        RioEngine engine = fx.engine("n1");
        SendReceipt r = engine.send(InvocationRequest.of(fx.target(engine, "S", "h"), null, null)).get();
        eventually(() -> ids.containsKey("x"), "published");
        eventually(() -> fx.store.findInvocation(r.invocationId()).get().status() == InvocationStatus.SUSPENDED,
                "suspended");
        assertTrue(engine.admin().pause(r.invocationId()));
        engine.completeAwakeable(ids.get("x"), "\"go\"", null);
        Thread.sleep(300);
        assertEquals(InvocationStatus.PAUSED, fx.store.findInvocation(r.invocationId()).get().status());
        assertTrue(engine.admin().resume(r.invocationId()));
        assertEquals("\"go\"", await(engine.attach(r.invocationId())).outputJson());
    }

    @Test
    void cronFiresEachTickOnceAcrossNodes() throws Exception {
        Set<String> ticks = ConcurrentHashMap.newKeySet();
        AtomicInteger runs = new AtomicInteger();
        fx.handler("Reports", ServiceKind.SERVICE, Object.class, "nightly", HandlerKind.STATELESS, null, null,
                (ctx, in) -> {
                    runs.incrementAndGet();
                    ticks.add(ctx.headers().get("x-rio-cron-tick"));
                    return null;
                }, "* * * * * *");
        RioEngine a = fx.engine("a");
        RioEngine b = fx.engine("b"); // takes every partition: a's ticks are stored by a and run by b
        Thread.sleep(1100); // a tick a was running while b took over may run again on b (as after a crash)
        ticks.clear();
        runs.set(0);
        Thread.sleep(3200);
        a.close();
        b.close();
        Thread.sleep(200);
        assertTrue(ticks.size() >= 2, "ticks fired: " + ticks);
        assertEquals(ticks.size(), runs.get(), "no tick fired twice");
    }

    @Test
    void retentionPurgesEndedInvocations() throws Exception {
        fx.handler("S", ServiceKind.SERVICE, "h", HandlerKind.STATELESS, null, null, (ctx, in) -> null);
        RioEngine engine = fx.engine("n1");
        SendReceipt r = engine.send(InvocationRequest.of(fx.target(engine, "S", "h"), null, null)).get();
        await(engine.attach(r.invocationId()));
        InvocationRecord stored = fx.store.findInvocation(r.invocationId()).orElseThrow();
        assertEquals(0, fx.store.purgeEndedBefore(stored.modifiedAt(), 10));
        assertEquals(1, fx.store.purgeEndedBefore(stored.modifiedAt() + 1, 10));
        assertThrows(Exception.class, () -> engine.output(r.invocationId()));
    }
}
