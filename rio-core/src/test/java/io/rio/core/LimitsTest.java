package io.rio.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rio.api.Awakeable;
import io.rio.api.ObjectContext;
import io.rio.api.SharedObjectContext;
import io.rio.api.StateKey;
import io.rio.api.TerminalException;
import io.rio.core.model.HandlerKind;
import io.rio.core.model.ServiceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bounds on state values, journal entries, signal payloads and key queues: terminal 413s and 429s, nothing lost. */
class LimitsTest {
    private static final StateKey<String> NOTE = StateKey.of("note", String.class);

    private final EngineFixture fx = new EngineFixture();

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    private static InvocationOutcome await(CompletableFuture<InvocationOutcome> f) throws Exception {
        return f.get(20, TimeUnit.SECONDS);
    }

    private static String text(int chars) {
        return "x".repeat(chars);
    }

    @Test
    void aStateValueOverTheLimitFailsTheInvocationOnceWithA413AndLeavesTheStateAsItWas() throws Exception {
        fx.limits = new Limits(100, 1 << 20, 1 << 20, 1_000);
        AtomicInteger attempts = new AtomicInteger();
        fx.handler("Notes", ServiceKind.VIRTUAL_OBJECT, "write", HandlerKind.EXCLUSIVE, int.class, null, (ctx, in) -> {
            attempts.incrementAndGet();
            ((ObjectContext) ctx).set(NOTE, text((Integer) in));
            return null;
        });
        fx.handler("Notes", ServiceKind.VIRTUAL_OBJECT, "read", HandlerKind.SHARED, null, String.class,
                (ctx, in) -> ((SharedObjectContext) ctx).get(NOTE).orElse("none"));
        RioEngine engine = fx.engine("n1");
        assertTrue(await(engine.call(InvocationRequest.of(fx.target(engine, "Notes", "write"), "k", "98"))).success(),
                "98 characters and two quotes fit 100 bytes");
        InvocationOutcome over = await(engine.call(InvocationRequest.of(fx.target(engine, "Notes", "write"), "k", "99")));
        assertFalse(over.success());
        assertEquals(413, over.errorCode());
        assertTrue(over.errorMessage().contains("State 'note'") && over.errorMessage().contains("101 bytes")
                && over.errorMessage().contains(Limits.STATE_VALUE_KEY), over.errorMessage());
        assertEquals(2, attempts.get(), "a terminal error is not retried");
        assertEquals("\"" + text(98) + "\"", await(engine.call(InvocationRequest.of(fx.target(engine, "Notes", "read"),
                "k", null))).outputJson(), "the state of the failed attempt was not written");
    }

    @Test
    void aStepResultOrOutputOverTheJournalLimitIsATerminal413NamingTheSetting() throws Exception {
        fx.limits = new Limits(1 << 20, 50, 1 << 20, 1_000);
        fx.handler("Big", ServiceKind.SERVICE, "step", HandlerKind.STATELESS, int.class, String.class,
                (ctx, in) -> ctx.run("fetch", String.class, () -> text((Integer) in)).substring(0, 1));
        fx.handler("Big", ServiceKind.SERVICE, "output", HandlerKind.STATELESS, int.class, String.class,
                (ctx, in) -> text((Integer) in));
        RioEngine engine = fx.engine("n1");
        InvocationOutcome step = await(engine.call(InvocationRequest.of(fx.target(engine, "Big", "step"), null, "60")));
        assertEquals(413, step.errorCode(), step.errorMessage());
        assertTrue(step.errorMessage().contains("The result of step 'fetch' takes 62 bytes")
                && step.errorMessage().contains(Limits.JOURNAL_ENTRY_KEY), step.errorMessage());
        assertEquals("\"x\"", await(engine.call(InvocationRequest.of(fx.target(engine, "Big", "step"), null, "40")))
                .outputJson());
        InvocationOutcome output = await(engine.call(InvocationRequest.of(fx.target(engine, "Big", "output"), null,
                "70")));
        assertEquals(413, output.errorCode(), output.errorMessage());
        assertTrue(output.errorMessage().contains("The output of Big/output"), output.errorMessage());
    }

    @Test
    void multiByteCharactersCountInUtf8Bytes() {
        assertEquals(-1, Limits.utf8LengthOver("\u00e9".repeat(50), 100), "100 bytes fit 100");
        assertEquals(102, Limits.utf8LengthOver("\u00e9".repeat(51), 100));
        assertEquals(-1, Limits.utf8LengthOver("\uD83D\uDE00".repeat(25), 100), "25 emoji take 100 bytes");
        assertEquals(104, Limits.utf8LengthOver("\uD83D\uDE00".repeat(26), 100));
        assertEquals(-1, Limits.utf8LengthOver(null, 1));
    }

    @Test
    void anAwakeablePayloadOverTheLimitIsRefusedFromOutsideAndFromAHandlerAndTheAwakeableStaysOpen() throws Exception {
        fx.limits = new Limits(1 << 20, 1 << 20, 30, 1_000);
        Map<String, String> ids = new ConcurrentHashMap<>();
        fx.handler("Waiter", ServiceKind.SERVICE, "wait", HandlerKind.STATELESS, null, String.class, (ctx, in) -> {
            Awakeable<String> a = ctx.awakeable(String.class);
            ctx.run("publish", String.class, () -> ids.put("id", a.id()));
            return a.await();
        });
        fx.handler("Resolver", ServiceKind.SERVICE, "resolve", HandlerKind.STATELESS, int.class, null, (ctx, in) -> {
            ctx.awakeableHandle(ids.get("id")).resolve(text((Integer) in));
            return null;
        });
        RioEngine engine = fx.engine("n1");
        CompletableFuture<InvocationOutcome> waiting = engine.call(InvocationRequest.of(fx.target(engine, "Waiter",
                "wait"), null, null));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!ids.containsKey("id") && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        TerminalException outside = assertThrows(TerminalException.class,
                () -> engine.completeAwakeable(ids.get("id"), "\"" + text(40) + "\"", null));
        assertEquals(413, outside.code());
        assertTrue(outside.getMessage().contains(Limits.PAYLOAD_KEY), outside.getMessage());
        InvocationOutcome fromHandler = await(engine.call(InvocationRequest.of(fx.target(engine, "Resolver", "resolve"),
                null, "40")));
        assertEquals(413, fromHandler.errorCode(), fromHandler.errorMessage());
        assertFalse(waiting.isDone(), "refused payloads completed nothing");
        engine.completeAwakeable(ids.get("id"), "\"small\"", null);
        assertEquals("\"small\"", await(waiting).outputJson());
    }

    @Test
    void aKeyWhoseQueueIsFullRefusesNewCallsAndSendsWith429AndStoresNothingWhileOtherKeysGoOn() throws Exception {
        fx.limits = new Limits(1 << 20, 1 << 20, 1 << 20, 3);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        fx.handler("Slow", ServiceKind.VIRTUAL_OBJECT, "work", HandlerKind.EXCLUSIVE, null, null, (ctx, in) -> {
            if (((ObjectContext) ctx).key().equals("busy")) {
                entered.countDown();
                release.await(20, TimeUnit.SECONDS);
            }
            ran.incrementAndGet();
            return null;
        });
        RioEngine engine = fx.engine("n1");
        List<CompletableFuture<InvocationOutcome>> accepted = new ArrayList<>();
        // the head, started on another thread (a call's first attempt may run on the caller's thread)
        accepted.add(CompletableFuture.supplyAsync(() -> engine.call(InvocationRequest.of(fx.target(engine, "Slow",
                "work"), "busy", null))).thenCompose(f -> f));
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        for (int i = 0; i < 3; i++) { // three waiting behind it
            accepted.add(engine.call(InvocationRequest.of(fx.target(engine, "Slow", "work"), "busy", null)));
        }
        OverloadedException call = assertThrows(OverloadedException.class,
                () -> engine.call(InvocationRequest.of(fx.target(engine, "Slow", "work"), "busy", null)));
        assertTrue(call.getMessage().contains("Key 'busy' of Slow has 3 invocations waiting")
                && call.getMessage().contains(Limits.KEY_QUEUE_KEY), call.getMessage());
        assertEquals(1, call.retryAfterSeconds());
        int stored = fx.store.invocations().size();
        assertThrows(OverloadedException.class,
                () -> engine.send(InvocationRequest.of(fx.target(engine, "Slow", "work"), "busy", null)));
        assertEquals(stored, fx.store.invocations().size(), "a refused send stored nothing");
        assertTrue(await(engine.call(InvocationRequest.of(fx.target(engine, "Slow", "work"), "free", null))).success(),
                "another key is not held up");
        release.countDown();
        for (CompletableFuture<InvocationOutcome> f : accepted) {
            assertTrue(await(f).success());
        }
        assertEquals(5, ran.get(), "every accepted call ran once, the refused ones never");
        assertTrue(await(engine.call(InvocationRequest.of(fx.target(engine, "Slow", "work"), "busy", null))).success(),
                "the key takes calls again once its queue drains");
    }
}
