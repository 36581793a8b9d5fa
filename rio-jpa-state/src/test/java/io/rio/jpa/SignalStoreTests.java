package io.rio.jpa;

import static io.rio.jpa.StoreFixture.invocation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rio.spi.DuplicateEntryException;
import io.rio.spi.InvocationQuery;
import io.rio.spi.InvocationRecord;
import io.rio.spi.InvocationStatus;
import io.rio.spi.SignalRecord;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Call parents, signals, waking suspended invocations, schedule ticks and the V1 to V2 upgrade. */
interface SignalStoreTests extends StoreFixture {

    // ---- parent -----------------------------------------------------------------------------------

    @Test
    default void parentRoundTripsThroughEveryRead() {
        InvocationRecord child = invocation("inv_child", "Counter", "add", "k", "idem", InvocationStatus.PENDING, 5, 5,
                "inv_caller/3");
        InvocationRecord orphan = invocation("inv_orphan", "Counter", "add", "k", null, InvocationStatus.PENDING, 6, 6,
                null);
        tx().run(() -> {
            store().insertInvocation(child);
            store().insertInvocation(orphan);
        });
        assertEquals(Optional.of(child), tx().tx(() -> store().findInvocation("inv_child")));
        assertEquals("inv_caller/3", tx().tx(() -> store().findByIdempotencyKey("Counter", "add", "k", "idem"))
                .orElseThrow().parent());
        assertNull(tx().tx(() -> store().findInvocation("inv_orphan")).orElseThrow().parent());
        assertEquals(List.of(orphan, child), tx().tx(() -> store().listInvocations(
                new InvocationQuery(null, null, null, 10))));
        assertEquals(List.of(child, orphan), tx().tx(() -> partitions().findDue(java.util.Set.of(child.partition()),
                100, 0, 10)).stream().map(io.rio.spi.PartitionStore.Due::invocation).toList(), "in arrival order");

        InvocationRecord running = child.withStatus(InvocationStatus.RUNNING, 50);
        assertTrue(tx().tx(() -> store().updateInvocation(running)));
        assertEquals(Optional.of(running), tx().tx(() -> store().findInvocation("inv_child")), "update keeps it");
    }

    // ---- signals ----------------------------------------------------------------------------------

    @Test
    default void signalsAreInsertedFoundAndLoadedByScope() {
        SignalRecord value = new SignalRecord("inv_1", "3", "{\"ok\":true}", null, null, 10);
        SignalRecord failure = new SignalRecord("inv_1", "1", null, 409, "rejected: \"no\"", 11);
        SignalRecord empty = new SignalRecord("inv_1", "cancel", null, null, null, 12);
        SignalRecord promise = new SignalRecord("wf/Signup/w1", "email", "\"a@b.c\"", null, null, 13);
        tx().run(() -> {
            store().insertSignal(value);
            store().insertSignal(failure);
        });
        tx().run(() -> {
            store().insertSignal(empty);
            store().insertSignal(promise);
        });
        assertEquals(Optional.of(value), tx().tx(() -> store().findSignal("inv_1", "3")));
        assertEquals(Optional.of(failure), tx().tx(() -> store().findSignal("inv_1", "1")));
        assertTrue(tx().tx(() -> store().findSignal("inv_1", "1")).orElseThrow().failed());
        assertEquals(Optional.of(empty), tx().tx(() -> store().findSignal("inv_1", "cancel")));
        assertEquals(Optional.empty(), tx().tx(() -> store().findSignal("inv_1", "2")));
        assertEquals(Optional.empty(), tx().tx(() -> store().findSignal("inv_2", "3")));
        assertEquals(List.of(failure, value, empty), tx().tx(() -> store().loadSignals("inv_1")), "by name");
        assertEquals(List.of(promise), tx().tx(() -> store().loadSignals("wf/Signup/w1")));
        assertEquals(List.of(), tx().tx(() -> store().loadSignals("inv_none")));
    }

    @Test
    default void duplicateSignalIsRejectedAndItsTransactionRollsBackCleanly() {
        SignalRecord first = new SignalRecord("inv_1", "awk", "1", null, null, 10);
        tx().run(() -> store().insertSignal(first));
        DuplicateEntryException e = assertThrows(DuplicateEntryException.class, () -> tx().run(() -> {
            store().insertSignal(new SignalRecord("inv_1", "other", "2", null, null, 11));
            store().insertSignal(new SignalRecord("inv_1", "awk", null, 500, "second completion", 12));
        }));
        assertTrue(e.getMessage().contains("awk") && e.getMessage().contains("inv_1"), e.getMessage());
        assertEquals(List.of(first), tx().tx(() -> store().loadSignals("inv_1")), "rolled back as a whole");
        SignalRecord later = new SignalRecord("inv_1", "other", "3", null, null, 13);
        tx().run(() -> store().insertSignal(later));
        assertEquals(List.of(first, later), tx().tx(() -> store().loadSignals("inv_1")), "store still usable");
    }

    // ---- wake -------------------------------------------------------------------------------------

    @Test
    default void wakeInvocationOnlyTouchesSuspendedRows() {
        List<InvocationRecord> rows = new ArrayList<>();
        for (InvocationStatus status : InvocationStatus.values()) {
            InvocationRecord r = invocation("inv_" + status, "Counter", "add", "k", null, status, 1, 2, null);
            rows.add(new InvocationRecord(r.id(), r.service(), r.handler(), r.objectKey(), null, null, null, status, 1,
                    r.output(), null, null, "node-a", EPOCH, 5_000, 1, 2, null));
        }
        tx().run(() -> rows.forEach(store()::insertInvocation));
        for (InvocationRecord r : rows) {
            boolean suspended = r.status() == InvocationStatus.SUSPENDED;
            assertEquals(suspended, tx().tx(() -> store().wakeInvocation(r.id(), 100)), r.id());
            InvocationRecord now = tx().tx(() -> store().findInvocation(r.id())).orElseThrow();
            if (suspended) {
                assertEquals(100, now.runAt(), "due now");
                assertEquals(100, now.modifiedAt());
                assertEquals(EPOCH, now.epoch(), "epoch and owner untouched");
                assertEquals(InvocationStatus.SUSPENDED, now.status(), "status untouched");
            } else {
                assertEquals(r, now, "not suspended: unchanged");
            }
        }
        assertFalse(tx().tx(() -> store().wakeInvocation("inv_missing", 100)));
    }

    // ---- schedule ticks ---------------------------------------------------------------------------

    @Test
    default void tickIsClaimedOnceAndALostClaimLeavesTheTransactionUsable() {
        assertTrue(tx().tx(() -> store().claimTick("Report/daily", 60_000)));
        assertFalse(tx().tx(() -> store().claimTick("Report/daily", 60_000)));
        assertTrue(tx().tx(() -> store().claimTick("Report/daily", 120_000)), "next tick");
        assertTrue(tx().tx(() -> store().claimTick("Report/hourly", 60_000)), "other schedule");

        SignalRecord written = new SignalRecord("inv_1", "after-lost-claim", "1", null, null, 1);
        assertEquals(List.of(true, false, false), tx().tx(() -> {
            List<Boolean> claims = List.of(store().claimTick("Report/daily", 180_000),
                    store().claimTick("Report/daily", 180_000), store().claimTick("Report/daily", 60_000));
            store().insertSignal(written);
            return claims;
        }));
        assertEquals(Optional.of(written), tx().tx(() -> store().findSignal("inv_1", "after-lost-claim")),
                "the transaction that lost claims committed its other writes");

        assertThrows(IllegalStateException.class, () -> tx().run(() -> {
            assertTrue(store().claimTick("Report/daily", 240_000));
            throw new IllegalStateException("firing failed");
        }));
        assertTrue(tx().tx(() -> store().claimTick("Report/daily", 240_000)), "a rolled-back claim frees the tick");
    }

    @Test
    default void racingNodesClaimEachTickExactlyOnce() throws Exception {
        int nodes = 6;
        for (long tick = 1; tick <= 5; tick++) {
            long t = tick;
            AtomicInteger winners = new AtomicInteger();
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int n = 0; n < nodes; n++) {
                int node = n;
                done.add(threads().submit(() -> {
                    go.await();
                    return tx().tx(() -> {
                        if (store().claimTick("Race/every-second", t)) {
                            winners.incrementAndGet();
                        }
                        Thread.sleep(20); // hold the claim while the others try
                        store().insertSignal(new SignalRecord("tick-" + t, "node-" + node, null, null, null, t));
                        return null;
                    });
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS); // every node's transaction commits
            }
            assertEquals(1, winners.get(), "winners of tick " + t);
            assertEquals(nodes, tx().tx(() -> store().loadSignals("tick-" + t)).size());
        }
    }

    // ---- migration --------------------------------------------------------------------------------

    @Test
    default void version1DatabaseIsUpgradedKeepingItsRows() throws Exception {
        DataSource db = fresh("upgrade");
        Dialect dialect = Dialect.detect(db);
        String v1;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(dialect.migrationPath(1))) {
            v1 = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE rio_schema_version (version INTEGER NOT NULL PRIMARY KEY, "
                    + "description VARCHAR(255) NOT NULL, installed_at BIGINT NOT NULL)");
            for (String sql : SchemaMigrator.statements(v1)) {
                s.execute(sql);
            }
            s.execute("INSERT INTO rio_schema_version VALUES (1, 'v1', 0)");
            s.execute("INSERT INTO rio_invocation (id, service, handler, status, attempts, lease_until, run_at, "
                    + "created_at, modified_at) VALUES ('inv_old', 'Greeter', 'greet', 'COMPLETED', 1, 0, 0, 1, 2)");
        }
        assertEquals(SCHEMA_VERSION, new SchemaMigrator(db).migrate());
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, parent FROM rio_invocation")) {
            assertTrue(rs.next());
            assertEquals("inv_old", rs.getString(1));
            assertNull(rs.getString(2));
            assertFalse(rs.next());
            s.execute("INSERT INTO rio_signal (scope, name, created_at) VALUES ('inv_old', 'x', 1)");
            s.execute("INSERT INTO rio_schedule_tick (schedule, tick) VALUES ('s', 1)");
        }
    }
}
