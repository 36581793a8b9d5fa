package io.rio.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rio.api.ObjectContext;
import io.rio.api.StateKey;
import io.rio.core.model.HandlerKind;
import io.rio.core.model.ServiceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The state cache: an exclusive attempt on a key this node wrote last takes the state from memory instead of
 * reading it, and any write it did not see (another node's) makes it read again.
 */
class StateCacheTest {
    static final StateKey<Long> COUNT = StateKey.of("count", Long.class);

    final EngineFixture fx = new EngineFixture();
    final Set<Long> failOnce = ConcurrentHashMap.newKeySet();

    @AfterEach
    void close() throws InterruptedException {
        fx.close();
    }

    private void counter() {
        fx.handler("Counter", ServiceKind.VIRTUAL_OBJECT, "add", HandlerKind.EXCLUSIVE, long.class, long.class,
                (ctx, in) -> {
                    long by = (Long) in;
                    ObjectContext o = (ObjectContext) ctx;
                    long next = o.get(COUNT).orElse(0L) + by;
                    o.set(COUNT, next);
                    if (failOnce.remove(by)) {
                        throw new IllegalStateException("transient failure of add(" + by + ") after its set");
                    }
                    return next;
                });
    }

    private long add(RioEngine engine, String key, long by) throws Exception {
        return Long.parseLong(engine.call(InvocationRequest.of(fx.target(engine, "Counter", "add"), key,
                Long.toString(by))).get(20, TimeUnit.SECONDS).outputJson());
    }

    @Test
    void aNodeReadsTheStateOnlyWhenAnotherWroteItSince() throws Exception {
        counter();
        RioEngine n1 = fx.engine("n1", 0, 1);
        RioEngine n2 = fx.engine("n2", 0, 1);
        fx.moveAllTo(n1);
        long reads = fx.store.stateReads();
        for (int i = 1; i <= 10; i++) {
            assertEquals(i, add(n1, "k", 1));
        }
        assertEquals(1, fx.store.stateReads() - reads, "the first lock reads; the next 9 use n1's copy");

        fx.moveAllTo(n2); // the key's partition moves: n2 takes it
        reads = fx.store.stateReads();
        assertEquals(15, add(n2, "k", 5), "n2 has no copy: it reads n1's writes");
        assertEquals(1, fx.store.stateReads() - reads);

        fx.moveAllTo(n1); // and back
        reads = fx.store.stateReads();
        assertEquals(16, add(n1, "k", 1), "n1's copy is stale after n2's write: it reads, and sees 15");
        assertEquals(17, add(n1, "k", 1));
        assertEquals(1, fx.store.stateReads() - reads);
    }

    @Test
    void aRolledBackAttemptLeavesTheCopyAsCommitted() throws Exception {
        counter();
        RioEngine n1 = fx.engine("n1", 0, 1);
        assertEquals(1, add(n1, "k", 1));
        failOnce.add(7L);
        assertEquals(8, add(n1, "k", 7), "the failed attempt's set is not seen by its retry");
        assertEquals(9, add(n1, "k", 1));
    }

    @Test
    void batchesPublishTheStateTheyCommitted() throws Exception {
        counter();
        RioEngine n1 = fx.engine("n1", 4, 32);
        List<CompletableFuture<InvocationOutcome>> adds = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            adds.add(n1.call(InvocationRequest.of(fx.target(n1, "Counter", "add"), "k" + (i % 5), "1")));
        }
        for (CompletableFuture<InvocationOutcome> f : adds) {
            f.get(20, TimeUnit.SECONDS);
        }
        long reads = fx.store.stateReads();
        for (int k = 0; k < 5; k++) {
            assertEquals(41, add(n1, "k" + k, 1), "every add of the batches counted once");
        }
        assertEquals(0, fx.store.stateReads() - reads, "each key's copy is at its last committed version");
    }
}
