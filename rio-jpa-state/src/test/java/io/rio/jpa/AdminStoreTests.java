package io.rio.jpa;

import static io.rio.jpa.StoreFixture.ids;
import static io.rio.jpa.StoreFixture.invocation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rio.spi.InvocationQuery;
import io.rio.spi.InvocationRecord;
import io.rio.spi.InvocationStatus;
import io.rio.spi.JournalAppend;
import io.rio.spi.JournalEntry;
import io.rio.spi.SignalRecord;
import io.rio.spi.StateChanges;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Listing invocations and object keys, purging one invocation, and purging by age (retention). */
interface AdminStoreTests extends StoreFixture {

    /**
     * Stores {@code r} with one journal entry written while it ran (a journal refuses entries of ended
     * invocations): inserted as running, the entry appended, then updated to {@code r}.
     */
    default void insertWithJournalEntry(InvocationRecord r) {
        store().insertInvocation(r.with(InvocationStatus.RUNNING, r.attempts(), null, null, null, r.owner(), r.epoch(),
                r.runAt(), r.modifiedAt()));
        store().appendJournal(JournalAppend.unfenced(new JournalEntry(r.id(), 0, "run", "step", "1", null, null, 1)));
        store().updateInvocation(r);
    }

    @Test
    default void listInvocationsFiltersByServiceKeyAndStatusNewestFirst() {
        tx().run(() -> {
            store().insertInvocation(invocation("a1", "Counter", "add", "k1", null, InvocationStatus.COMPLETED, 1, 1, null));
            store().insertInvocation(invocation("a2", "Counter", "add", "k2", null, InvocationStatus.RUNNING, 2, 2, null));
            store().insertInvocation(invocation("a3", "Counter", "get", "k1", null, InvocationStatus.RUNNING, 3, 3, null));
            store().insertInvocation(invocation("g1", "Greeter", "greet", null, null, InvocationStatus.RUNNING, 4, 4, null));
            store().insertInvocation(invocation("g2", "Greeter", "greet", null, null, InvocationStatus.FAILED, 4, 4, null));
        });
        assertEquals(List.of("g2", "g1", "a3", "a2", "a1"), list(null, null, null, 10), "newest first, then id");
        assertEquals(List.of("g2", "g1"), list(null, null, null, 2), "limit");
        assertEquals(List.of("a3", "a2", "a1"), list("Counter", null, null, 10));
        assertEquals(List.of("a3", "a1"), list("Counter", "k1", null, 10));
        assertEquals(List.of("a3"), list("Counter", "k1", InvocationStatus.RUNNING, 10));
        assertEquals(List.of("g1", "a3", "a2"), list(null, null, InvocationStatus.RUNNING, 10));
        assertEquals(List.of("a3", "a1"), list(null, "k1", null, 10), "key across services");
        assertEquals(List.of(), list("Counter", "k1", InvocationStatus.PAUSED, 10));
        assertEquals(List.of(), list("Nobody", null, null, 10));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> list(null, null, null, 0));
        assertTrue(e.getMessage().contains("limit"), e.getMessage());
    }

    private List<String> list(String service, String key, InvocationStatus status, int limit) {
        return ids(tx().tx(() -> store().listInvocations(new InvocationQuery(service, key, status, limit))));
    }

    @Test
    default void purgeInvocationRefusesUnfinishedAndDeletesJournalAndSignals() {
        tx().run(() -> {
            store().insertInvocation(invocation("live", "Counter", "add", "k", null, InvocationStatus.SUSPENDED, 1, 1, null));
            insertWithJournalEntry(invocation("done", "Counter", "add", "k", null, InvocationStatus.COMPLETED, 2, 2, null));
            store().appendJournal(JournalAppend.unfenced(new JournalEntry("live", 0, "run", "step", "1", null, null, 1)));
            for (String id : List.of("live", "done")) {
                store().insertSignal(new SignalRecord(id, "0", "1", null, null, 1));
            }
            store().insertSignal(new SignalRecord("other", "0", "1", null, null, 1));
        });
        for (InvocationStatus unfinished : List.of(InvocationStatus.SUSPENDED, InvocationStatus.PAUSED)) {
            tx().run(() -> store().updateInvocation(invocation("live", "Counter", "add", "k", null, unfinished, 1, 5, null)));
            assertFalse(tx().tx(() -> store().purgeInvocation("live")), unfinished + " is refused");
            assertTrue(tx().tx(() -> store().findInvocation("live")).isPresent());
            assertEquals(1, tx().tx(() -> store().loadJournal("live")).size());
            assertEquals(1, tx().tx(() -> store().loadSignals("live")).size());
        }

        assertTrue(tx().tx(() -> store().purgeInvocation("done")));
        assertEquals(Optional.empty(), tx().tx(() -> store().findInvocation("done")));
        assertEquals(List.of(), tx().tx(() -> store().loadJournal("done")));
        assertEquals(List.of(), tx().tx(() -> store().loadSignals("done")));
        assertEquals(1, tx().tx(() -> store().loadSignals("other")).size(), "other scopes kept");
        assertFalse(tx().tx(() -> store().purgeInvocation("done")), "gone already");
        assertFalse(tx().tx(() -> store().purgeInvocation("missing")));
    }

    @Test
    default void purgingAWorkflowRunFreesTheWorkflowKey() {
        tx().run(() -> {
            store().insertInvocation(invocation("wf-run", "Signup", "run", "ann", "~run", InvocationStatus.COMPLETED, 1,
                    1, null));
            store().lockObject("Signup", "ann");
            store().applyState("Signup", "ann", new io.rio.spi.StateChanges(false, Map.of("status", "\"done\""),
                    java.util.Set.of()));
            store().insertSignal(new SignalRecord("wf/Signup/ann", "approval", "\"bob\"", null, null, 1));
            store().lockObject("Signup", "bea");
            store().applyState("Signup", "bea", new io.rio.spi.StateChanges(false, Map.of("status", "\"new\""),
                    java.util.Set.of()));
        });
        assertTrue(tx().tx(() -> store().purgeInvocation("wf-run")));
        assertEquals(Map.of(), tx().tx(() -> store().readState("Signup", "ann")));
        assertEquals(List.of(), tx().tx(() -> store().loadSignals("wf/Signup/ann")));
        assertEquals(List.of("bea"), tx().tx(() -> store().listObjectKeys("Signup", 10)), "other keys kept");
        assertEquals(Optional.empty(), tx().tx(() -> store().findByIdempotencyKey("Signup", "run", "ann", "~run")));
    }

    @Test
    default void purgeForgetsScheduleTicksOlderThanTheCutoff() {
        assertTrue(tx().tx(() -> store().claimTick("Reports/nightly", 1_000)));
        assertTrue(tx().tx(() -> store().claimTick("Reports/nightly", 5_000)));
        tx().tx(() -> store().purgeEndedBefore(2_000, 10));
        assertTrue(tx().tx(() -> store().claimTick("Reports/nightly", 1_000)), "an old tick was forgotten");
        assertFalse(tx().tx(() -> store().claimTick("Reports/nightly", 5_000)), "a recent tick is kept");
    }

    @Test
    default void listObjectKeysIsSortedPerServiceAndLimited() {
        tx().run(() -> {
            for (String key : List.of("b", "a", "c10", "c2")) {
                store().lockObject("Counter", key);
            }
            store().lockObject("Other", "x");
        });
        assertEquals(List.of("a", "b", "c10", "c2"), tx().tx(() -> store().listObjectKeys("Counter", 10)));
        assertEquals(List.of("a", "b"), tx().tx(() -> store().listObjectKeys("Counter", 2)));
        assertEquals(List.of("x"), tx().tx(() -> store().listObjectKeys("Other", 10)));
        assertEquals(List.of(), tx().tx(() -> store().listObjectKeys("Nobody", 10)));
        assertThrows(IllegalArgumentException.class, () -> tx().tx(() -> store().listObjectKeys("Counter", -1)));
    }

    @Test
    default void purgeEndedBeforeDeletesOldEndedInvocationsAndFinishedWorkflows() {
        long cutoff = 1_000;
        StateChanges someState = new StateChanges(false, Map.of("n", "1"), Set.of());
        tx().run(() -> {
            // purged: old and ended
            insertWithJournalEntry(invocation("old-service", "Greeter", "greet", null, null, InvocationStatus.COMPLETED, 1, 10, null));
            insertWithJournalEntry(invocation("old-object", "Counter", "add", "k", null, InvocationStatus.FAILED, 2, 20, null));
            insertWithJournalEntry(invocation("old-run", "Signup", "run", "w1", "~run", InvocationStatus.COMPLETED, 3, 30, null));
            // kept: recent, unfinished, or a workflow's run that ended recently
            insertWithJournalEntry(invocation("recent", "Greeter", "greet", null, null, InvocationStatus.COMPLETED, 4, cutoff, null));
            insertWithJournalEntry(invocation("old-running", "Greeter", "greet", null, null, InvocationStatus.RUNNING, 5, 5, null));
            store().insertInvocation(invocation("old-paused", "Greeter", "greet", null, null, InvocationStatus.PAUSED, 6, 6, null));
            insertWithJournalEntry(invocation("recent-run", "Signup", "run", "w2", "~run", InvocationStatus.COMPLETED, 7, 2_000, null));
            store().insertInvocation(invocation("old-shared", "Signup", "status", "w2", "~run-not", InvocationStatus.COMPLETED, 8, 40, null));
            for (String id : List.of("old-service", "old-object", "old-run", "recent", "old-running", "recent-run")) {
                store().insertSignal(new SignalRecord(id, "0", "1", null, null, 1));
            }
            for (String key : List.of("k", "w1", "w2")) {
                String service = key.equals("k") ? "Counter" : "Signup";
                store().lockObject(service, key);
                store().applyState(service, key, someState);
                store().insertSignal(new SignalRecord("wf/" + service + "/" + key, "email", "1", null, null, 1));
            }
        });

        assertEquals(1, tx().tx(() -> store().purgeEndedBefore(cutoff, 1)), "limit, oldest first");
        assertEquals(Optional.empty(), tx().tx(() -> store().findInvocation("old-service")));
        assertTrue(tx().tx(() -> store().findInvocation("old-object")).isPresent());

        assertEquals(3, tx().tx(() -> store().purgeEndedBefore(cutoff, 100)));
        assertEquals(List.of("recent-run", "old-paused", "old-running", "recent"),
                ids(tx().tx(() -> store().listInvocations(new InvocationQuery(null, null, null, 100)))));
        for (String purged : List.of("old-service", "old-object", "old-run")) {
            assertEquals(List.of(), tx().tx(() -> store().loadJournal(purged)), purged);
            assertEquals(List.of(), tx().tx(() -> store().loadSignals(purged)), purged);
        }
        for (String kept : List.of("recent", "old-running", "recent-run")) {
            assertEquals(1, tx().tx(() -> store().loadJournal(kept)).size(), kept);
            assertEquals(1, tx().tx(() -> store().loadSignals(kept)).size(), kept);
        }
        // the finished workflow w1 is gone with its state, object row and promises
        assertEquals(Map.of(), tx().tx(() -> store().readState("Signup", "w1")));
        assertEquals(List.of(), tx().tx(() -> store().loadSignals("wf/Signup/w1")));
        assertEquals(List.of("w2"), tx().tx(() -> store().listObjectKeys("Signup", 10)));
        // w2 (run ended recently) and the plain object keep theirs
        assertEquals(Map.of("n", "1"), tx().tx(() -> store().readState("Signup", "w2")));
        assertEquals(1, tx().tx(() -> store().loadSignals("wf/Signup/w2")).size());
        assertEquals(Map.of("n", "1"), tx().tx(() -> store().readState("Counter", "k")), "not a workflow run");
        assertEquals(1, tx().tx(() -> store().loadSignals("wf/Counter/k")).size());
        assertEquals(List.of("k"), tx().tx(() -> store().listObjectKeys("Counter", 10)));

        assertEquals(0, tx().tx(() -> store().purgeEndedBefore(cutoff, 100)), "nothing left to purge");
        assertEquals(2, tx().tx(() -> store().purgeEndedBefore(2_001, 100)), "recent and recent-run");
        assertEquals(Map.of(), tx().tx(() -> store().readState("Signup", "w2")));
    }

    @Test
    default void purgeEndedBeforeWorksThroughSeveralBatches() {
        int total = AdminSql.PURGE_BATCH + 20;
        tx().run(() -> {
            for (int i = 0; i < total; i++) {
                String id = String.format("inv_%04d", i);
                store().insertInvocation(invocation(id, "Signup", "run", "w" + i, "~run", InvocationStatus.COMPLETED, i, i, null));
                store().insertSignal(new SignalRecord("wf/Signup/w" + i, "p", "1", null, null, 1));
            }
        });
        assertEquals(AdminSql.PURGE_BATCH + 10, tx().tx(() -> store().purgeEndedBefore(10_000, AdminSql.PURGE_BATCH + 10)));
        assertEquals(List.of("inv_0519", "inv_0518", "inv_0517", "inv_0516", "inv_0515", "inv_0514", "inv_0513",
                "inv_0512", "inv_0511", "inv_0510"),
                ids(tx().tx(() -> store().listInvocations(new InvocationQuery(null, null, null, 100)))),
                "the oldest were purged");
        assertEquals(List.of(), tx().tx(() -> store().loadSignals("wf/Signup/w509")));
        assertEquals(1, tx().tx(() -> store().loadSignals("wf/Signup/w510")).size());
        assertEquals(10, tx().tx(() -> store().purgeEndedBefore(10_000, 1_000)));
    }
}
