package io.rio.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rio.core.EngineConfig;
import io.rio.core.SingleNode;
import io.rio.core.model.HandlerDefinition;
import io.rio.core.model.HandlerKind;
import io.rio.core.testing.InMemoryStore;
import io.rio.core.testing.InMemoryTransactions;
import io.rio.spi.InvocationRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

class RecoveryTest {

    /**
     * A scan reads rows in a snapshot; an invocation can end here between that read and the scan's look at the
     * in-flight map. Loaded again, it would run once more from the start as soon as its ended row and journal are
     * purged (measured: a sleeper's first step ran twice, 4.5 s after it had ended, with a 3 s retention).
     */
    @Test
    void anInvocationThatEndsWhileTheScanLooksAtItIsNotLoadedAgain() throws Exception {
        InMemoryTransactions transactions = new InMemoryTransactions();
        InMemoryStore store = new InMemoryStore(transactions);
        Clock clock = Clock.systemUTC();
        EngineConfig config = EngineConfig.defaults("n1");
        Ownership ownership = new Ownership(new SingleNode("n1"), store, transactions, clock, "n1", p -> { }, p -> { });
        ownership.refresh();
        HandlerDefinition handler = new HandlerDefinition("Napper", "nap", HandlerKind.EXCLUSIVE, null, null,
                (ctx, input) -> null, "Napper#nap");
        InvocationRecord record = new InvocationRows(store, clock, config, ownership).newRecord(handler, "k", null,
                Map.of(), null, 0, null);
        transactions.inNewTransaction(() -> {
            store.insertInvocation(record);
            return null;
        });

        RecentlyEnded recentlyEnded = new RecentlyEnded();
        Invocation running = new Invocation(handler, record, null, true);
        Map<String, Invocation> inflight = new ConcurrentHashMap<>() {
            @Override
            public Invocation get(Object id) {
                Invocation found = super.get(id);
                if (found == running) { // it ends right now, the way the engine ends one: ended first, then gone
                    recentlyEnded.add(running.id(), clock.millis());
                    remove(running.id());
                    return null;
                }
                return found;
            }
        };
        inflight.put(record.id(), running);
        List<Invocation> loaded = new ArrayList<>();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            Recovery recovery = new Recovery(store, store, transactions, clock, config, scheduler,
                    r -> Optional.of(handler), inflight, recentlyEnded, loaded::add, id -> { }, ownership);
            assertEquals(0, recovery.scan(), "loaded again: " + loaded);
            assertEquals(List.of(), loaded);
        } finally {
            scheduler.shutdownNow();
        }
    }
}
