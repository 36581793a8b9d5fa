package io.rio.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rio.api.Awakeable;
import io.rio.api.ObjectContext;
import io.rio.core.model.HandlerKind;
import io.rio.core.model.ServiceKind;
import io.rio.spi.FencedException;
import io.rio.spi.InvocationStatus;
import io.rio.spi.Membership;
import io.rio.spi.PartitionStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ownership by partition on engines sharing one store ({@link TestCluster}): a key's calls go to the owner of its
 * partition, a suspended exclusive invocation keeps its key when the partition moves to another node, the node
 * that lost a partition is fenced off, and a send stored by a node that does not own its key runs on the owner.
 */
@Timeout(60)
class KeyOwnershipTest {
    final EngineFixture fx = new EngineFixture();
    final List<String> log = new CopyOnWriteArrayList<>();
    final Map<String, String> awakeables = new ConcurrentHashMap<>();

    @AfterEach
    void close() throws InterruptedException {
        fx.close();
    }

    /** Obj/wait (an awakeable, its id published) and Obj/mark (logs at once): exclusive handlers of one object. */
    private void waiter() {
        fx.handler("Obj", ServiceKind.VIRTUAL_OBJECT, "wait", HandlerKind.EXCLUSIVE, null, String.class, (ctx, in) -> {
            String key = ((ObjectContext) ctx).key();
            Awakeable<String> a = ctx.awakeable(String.class);
            ctx.run("publish", String.class, () -> awakeables.put(key, a.id()));
            String got = a.await();
            ctx.run("done", String.class, () -> {
                log.add("wait " + got);
                return got;
            });
            return got;
        });
        fx.handler("Obj", ServiceKind.VIRTUAL_OBJECT, "nap", HandlerKind.EXCLUSIVE, Long.class, String.class,
                (ctx, in) -> {
                    ctx.sleep(Duration.ofMillis((Long) in));
                    ctx.run("done", String.class, () -> {
                        log.add("nap");
                        return "napped";
                    });
                    return "napped";
                });
        fx.handler("Obj", ServiceKind.VIRTUAL_OBJECT, "mark", HandlerKind.EXCLUSIVE, String.class, String.class,
                (ctx, in) -> {
                    log.add("mark " + in);
                    return "marked " + in;
                });
    }

    @Test
    void aCallForAKeyOwnedElsewhereIsRefusedWithTheOwnerAndNothingRuns() throws Exception {
        waiter();
        RioEngine a = fx.engine("a");
        RioEngine b = fx.engine("b"); // takes every partition
        fx.moveAllTo(b);
        ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> a.call(InvocationRequest.of(fx.target(a, "Obj", "mark"), "k", "\"x\"")).get(5, TimeUnit.SECONDS));
        NotOwnerException notOwner = assertInstanceOf(NotOwnerException.class, refused.getCause());
        assertEquals(Membership.partitionOf("Obj/k"), notOwner.partition());
        assertEquals("b", notOwner.owner().orElseThrow().nodeId());
        assertEquals(List.of(), log, "nothing ran on the node that does not own the key");
        assertEquals("\"marked y\"", b.call(InvocationRequest.of(fx.target(b, "Obj", "mark"), "k", "\"y\""))
                .get(5, TimeUnit.SECONDS).outputJson());
    }

    @Test
    void aSuspendedHeadWaitingForASignalKeepsItsKeyWhenThePartitionMoves() throws Exception {
        waiter();
        RioEngine a = fx.engine("a");
        RioEngine b = fx.engine("b");
        fx.moveAllTo(a);
        SendReceipt head = a.send(InvocationRequest.of(fx.target(a, "Obj", "wait"), "k", null)).get(5, TimeUnit.SECONDS);
        eventually(() -> awakeables.containsKey("k") && fx.store.findInvocation(head.invocationId()).orElseThrow()
                .status() == InvocationStatus.SUSPENDED, "the head suspended on its awakeable");

        fx.moveAllTo(b); // b does not load the head: it waits for a signal, not for a time
        CompletableFuture<InvocationOutcome> queued = b.call(InvocationRequest.of(fx.target(b, "Obj", "mark"), "k",
                "\"after\""));
        Thread.sleep(300);
        assertFalse(queued.isDone(), "an exclusive call on the new owner waits behind the suspended head");
        assertEquals(List.of(), log);

        b.completeAwakeable(awakeables.get("k"), "\"go\"", null);
        assertEquals("\"marked after\"", queued.get(10, TimeUnit.SECONDS).outputJson());
        assertEquals(List.of("wait go", "mark after"), log, "the head first, then the queued call");
        assertEquals(InvocationStatus.COMPLETED, fx.store.findInvocation(head.invocationId()).orElseThrow().status());
    }

    @Test
    void aTimerOfTheOldOwnerFiresOnceOnTheNewOneBeforeTheCallsQueuedThere() throws Exception {
        waiter();
        RioEngine a = fx.engine("a");
        RioEngine b = fx.engine("b");
        fx.moveAllTo(a);
        SendReceipt nap = a.send(InvocationRequest.of(fx.target(a, "Obj", "nap"), "k", "600")).get(5, TimeUnit.SECONDS);
        eventually(() -> fx.store.findInvocation(nap.invocationId()).orElseThrow().status() == InvocationStatus.SUSPENDED,
                "the nap suspended");
        fx.moveAllTo(b);
        CompletableFuture<InvocationOutcome> queued = b.call(InvocationRequest.of(fx.target(b, "Obj", "mark"), "k",
                "\"after\""));
        assertEquals("\"marked after\"", queued.get(10, TimeUnit.SECONDS).outputJson());
        eventually(() -> fx.store.findInvocation(nap.invocationId()).orElseThrow().status().isTerminal(), "nap ended");
        Thread.sleep(800); // a's own timer for the nap has fired by now: it must not run the nap again
        assertEquals(List.of("nap", "mark after"), log, "the nap once, on b, before the call queued behind it");
    }

    @Test
    void aNodeThatLostAPartitionIsFencedOffInTheStore() throws Exception {
        int p = Membership.partitionOf("Obj/k");
        List<PartitionStore.Fence> first = fx.transactions.inNewTransaction(() -> fx.store.takePartitions(Set.of(p), "a", 1));
        fx.transactions.inNewTransaction(() -> fx.store.takePartitions(Set.of(p), "b", 2));
        fx.transactions.inNewTransaction(() -> fx.store.lockObject("Obj", "k", -1, new PartitionStore.Fence(p, 2)));
        FencedException fenced = org.junit.jupiter.api.Assertions.assertThrows(FencedException.class,
                () -> fx.transactions.inNewTransaction(() -> fx.store.lockObject("Obj", "k", -1, first.get(0))));
        assertEquals(p, fenced.partition());
        assertTrue(fenced.getMessage().contains("epoch"), fenced.getMessage());
    }

    @Test
    void aStaleWriterCannotAppendToTheJournalOfAPartitionTakenBehindItsBack() throws Exception {
        java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        fx.handler("Obj", ServiceKind.VIRTUAL_OBJECT, "slow", HandlerKind.EXCLUSIVE, null, String.class, (ctx, in) -> {
            ctx.run("one", String.class, () -> "1");
            gate.await();
            ctx.run("two", String.class, () -> {
                log.add("two ran");
                return "2";
            });
            return "done";
        });
        RioEngine a = fx.engine("a");
        SendReceipt sent = a.send(InvocationRequest.of(fx.target(a, "Obj", "slow"), "k", null)).get(5, TimeUnit.SECONDS);
        String id = sent.invocationId();
        eventually(() -> journalOf(id).size() == 1, "step one");

        // a is a frozen member: while it pauses, another node takes the key's partition in the database
        int p = Membership.partitionOf("Obj/k");
        fx.transactions.inNewTransaction(() -> fx.store.takePartitions(Set.of(p), "b", System.currentTimeMillis()));
        gate.countDown();
        eventually(() -> log.contains("two ran"), "a's stale attempt ran its step's action");
        Thread.sleep(500);
        assertEquals(List.of("one"), journalOf(id), "the stale step's entry was fenced off");
        assertFalse(fx.store.findInvocation(id).orElseThrow().status().isTerminal(),
                "nor did the stale attempt complete the invocation");
    }

    @Test
    void aSendStoredByANodeThatDoesNotOwnItsKeyRunsOnTheOwner() throws Exception {
        waiter();
        RioEngine a = fx.engine("a");
        RioEngine b = fx.engine("b");
        fx.moveAllTo(b);
        SendReceipt sent = a.send(InvocationRequest.of(fx.target(a, "Obj", "mark"), "k", "\"sent\""))
                .get(5, TimeUnit.SECONDS);
        assertEquals("\"marked sent\"", b.attach(sent.invocationId()).get(10, TimeUnit.SECONDS).outputJson());
        assertEquals(List.of("mark sent"), log);
        assertEquals("b", fx.store.findInvocation(sent.invocationId()).orElseThrow().owner(), "run by the owner");
    }

    /** The names of the invocation's journal entries. */
    private List<String> journalOf(String id) {
        try {
            return fx.transactions.inNewTransaction(() -> fx.store.loadJournal(id)).stream()
                    .map(io.rio.spi.JournalEntry::name).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("Timed out waiting for: " + what);
            }
            Thread.sleep(10);
        }
    }
}
