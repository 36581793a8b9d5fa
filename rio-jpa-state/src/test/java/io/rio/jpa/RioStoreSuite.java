package io.rio.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rio.spi.DuplicateEntryException;
import io.rio.spi.InvocationRecord;
import io.rio.spi.InvocationStatus;
import io.rio.spi.JournalEntry;
import io.rio.spi.LockedObject;
import io.rio.spi.StateChanges;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The behaviour of {@link JpaRioStore} and {@link SchemaMigrator}, bound to each supported database; the tests of
 * signals, administration, retention and schedules are in {@link SignalStoreTests} and {@link AdminStoreTests}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RioStoreSuite implements SignalStoreTests, AdminStoreTests {
    private DataSource dataSource;
    private EntityManagerFactory emf;
    private ResourceLocalTransactions tx;
    private JpaRioStore store;
    private ExecutorService threads;

    /** An empty database (or schema) called {@code name}. */
    abstract DataSource freshDatabase(String name);

    abstract Dialect expectedDialect();

    @Override
    public JpaRioStore store() {
        return store;
    }

    @Override
    public ResourceLocalTransactions tx() {
        return tx;
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public ExecutorService threads() {
        return threads;
    }

    @Override
    public DataSource fresh(String name) {
        return freshDatabase(name);
    }

    @BeforeAll
    void start() {
        dataSource = freshDatabase("store");
        assertEquals(StoreFixture.SCHEMA_VERSION, new SchemaMigrator(dataSource).migrate());
        Dialect dialect = Dialect.detect(dataSource);
        assertEquals(expectedDialect(), dialect);
        emf = RioPersistence.createEntityManagerFactory(dataSource, PersistenceUnitTransactionType.RESOURCE_LOCAL,
                Map.of());
        tx = new ResourceLocalTransactions(emf);
        store = new JpaRioStore(tx, dialect);
        threads = Executors.newCachedThreadPool();
    }

    @AfterAll
    void stop() {
        threads.shutdownNow();
        emf.close();
    }

    @BeforeEach
    void clean() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String table : List.of("rio_invocation", "rio_journal", "rio_object", "rio_state", "rio_signal",
                    "rio_schedule_tick")) {
                s.execute("DELETE FROM " + table);
            }
        }
    }

    // ---- migrations ---------------------------------------------------------------------------------

    @Test
    void migrationsAreIdempotentAndSafeWhenNodesStartTogether() throws Exception {
        DataSource fresh = freshDatabase("migrate");
        List<Future<Integer>> results = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        for (int i = 0; i < 4; i++) {
            results.add(threads.submit(() -> {
                go.await();
                return new SchemaMigrator(fresh).migrate();
            }));
        }
        go.countDown();
        for (Future<Integer> r : results) {
            assertEquals(StoreFixture.SCHEMA_VERSION, r.get(30, TimeUnit.SECONDS));
        }
        assertEquals(StoreFixture.SCHEMA_VERSION, new SchemaMigrator(fresh).migrate(), "re-run after restart");
        try (Connection c = fresh.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*), MAX(version) FROM rio_schema_version")) {
            rs.next();
            assertEquals(StoreFixture.SCHEMA_VERSION, rs.getInt(1), "one row per applied version");
            assertEquals(StoreFixture.SCHEMA_VERSION, rs.getInt(2));
        }
    }

    // ---- invocations --------------------------------------------------------------------------------

    private static InvocationRecord invocation(String id, String objectKey, String idempotencyKey,
            InvocationStatus status, String owner, long leaseUntil, long runAt, long createdAt) {
        return new InvocationRecord(id, "Counter", "add", objectKey, idempotencyKey, "1",
                Map.of("x-trace", "a\"b\\c\n", "content-type", "application/json"), status, 0, null, null, null,
                owner, leaseUntil, runAt, createdAt, createdAt);
    }

    private static InvocationRecord invocation(String id, String objectKey, String idempotencyKey) {
        return invocation(id, objectKey, idempotencyKey, InvocationStatus.PENDING, null, 0, 0, 10);
    }

    @Test
    void insertedInvocationIsFoundByIdAndIdempotencyKey() {
        InvocationRecord r = invocation("inv_1", "k1", "idem-1");
        tx.run(() -> store.insertInvocation(r));
        assertEquals(Optional.of(r), tx.tx(() -> store.findInvocation("inv_1")));
        assertEquals(Optional.of(r), tx.tx(() -> store.findByIdempotencyKey("Counter", "add", "k1", "idem-1")));
        assertEquals(Optional.empty(), tx.tx(() -> store.findByIdempotencyKey("Counter", "add", "k2", "idem-1")));
        assertEquals(Optional.empty(), tx.tx(() -> store.findInvocation("inv_none")));

        InvocationRecord service = new InvocationRecord("inv_2", "Greeter", "greet", null, "idem-1", null, Map.of(),
                InvocationStatus.PENDING, 0, null, null, null, null, 0, 0, 1, 1);
        tx.run(() -> store.insertInvocation(service));
        assertEquals(Optional.of(service), tx.tx(() -> store.findByIdempotencyKey("Greeter", "greet", null, "idem-1")));
    }

    @Test
    void insertSeesItsOwnRowInTheSameTransaction() {
        InvocationRecord r = invocation("inv_1", "k1", null);
        Optional<InvocationRecord> seen = tx.tx(() -> {
            store.insertInvocation(r);
            store.updateInvocation(r.withStatus(InvocationStatus.RUNNING, 20));
            return store.findInvocation("inv_1");
        });
        assertEquals(InvocationStatus.RUNNING, seen.orElseThrow().status());
    }

    @Test
    void severalInvocationsAreInsertedInOneStatementAndADuplicateRejectsThemAll() {
        InvocationRecord a = invocation("inv_a", "k1", "idem-a");
        InvocationRecord b = new InvocationRecord("inv_b", "Greeter", "greet", null, null, "\"x\"",
                Map.of("h", "v"), InvocationStatus.RUNNING, 2, "\"out\"", 409, "taken", "node-1", 5, 6, 7, 8, "p/1");
        InvocationRecord c = invocation("inv_c", null, null);
        tx.run(() -> store.insertInvocations(List.of(a, b, c)));
        assertEquals(Optional.of(a), tx.tx(() -> store.findInvocation("inv_a")));
        assertEquals(Optional.of(b), tx.tx(() -> store.findInvocation("inv_b")));
        assertEquals(Optional.of(c), tx.tx(() -> store.findInvocation("inv_c")));

        assertThrows(DuplicateEntryException.class, () -> tx.run(() -> store.insertInvocations(
                List.of(invocation("inv_d", "k1", null), invocation("inv_e", "k1", "idem-a")))));
        assertEquals(Optional.empty(), tx.tx(() -> store.findInvocation("inv_d")), "nothing of the batch stays");
    }

    @Test
    void invocationsInsertedWithAutocommitAreCommittedAtOnceAndADuplicateRejectsThemAll() {
        boolean[] outside = {true};
        JpaRioStore autocommitting = new JpaRioStore(tx, Dialect.detect(dataSource),
                new Autocommit(dataSource, () -> outside[0]));
        InvocationRecord a = invocation("inv_a", "k1", "idem-a");
        InvocationRecord b = new InvocationRecord("inv_b", "Greeter", "greet", null, null, "\"x\"",
                Map.of("h", "v"), InvocationStatus.RUNNING, 2, "\"out\"", 409, "taken", "node-1", 5, 6, 7, 8, "p/1");
        assertTrue(autocommitting.insertInvocationsCommitted(List.of(a, b)), "no transaction is needed");
        assertEquals(Optional.of(a), tx.tx(() -> store.findInvocation("inv_a")), "committed, every column intact");
        assertEquals(Optional.of(b), tx.tx(() -> store.findInvocation("inv_b")));

        assertThrows(DuplicateEntryException.class, () -> autocommitting.insertInvocationsCommitted(
                List.of(invocation("inv_d", "k1", null), invocation("inv_e", "k1", "idem-a"))));
        assertEquals(Optional.empty(), tx.tx(() -> store.findInvocation("inv_d")), "nothing of the statement stays");

        outside[0] = false;
        assertFalse(autocommitting.insertInvocationsCommitted(List.of(invocation("inv_f", null, null))),
                "inside a transaction it declines");
        assertFalse(store.insertInvocationsCommitted(List.of(invocation("inv_g", null, null))),
                "a store without Autocommit declines");
        assertEquals(Optional.empty(), tx.tx(() -> store.findInvocation("inv_f")));
        assertEquals(Optional.empty(), tx.tx(() -> store.findInvocation("inv_g")));
    }

    @Test
    void duplicateIdIsRejected() {
        tx.run(() -> store.insertInvocation(invocation("inv_1", "k1", null)));
        assertThrows(DuplicateEntryException.class,
                () -> tx.run(() -> store.insertInvocation(invocation("inv_1", "k2", null))));
    }

    @Test
    void duplicateIdempotencyKeyIsRejectedAlsoWithoutObjectKey() {
        tx.run(() -> store.insertInvocation(invocation("inv_1", "k1", "idem")));
        assertThrows(DuplicateEntryException.class,
                () -> tx.run(() -> store.insertInvocation(invocation("inv_2", "k1", "idem"))));
        tx.run(() -> store.insertInvocation(invocation("inv_3", "k2", "idem"))); // other key: fine

        tx.run(() -> store.insertInvocation(invocation("inv_4", null, "idem")));
        assertThrows(DuplicateEntryException.class,
                () -> tx.run(() -> store.insertInvocation(invocation("inv_5", null, "idem"))));

        // no idempotency key: never a conflict
        tx.run(() -> store.insertInvocation(invocation("inv_6", null, null)));
        tx.run(() -> store.insertInvocation(invocation("inv_7", null, null)));
        assertTrue(tx.tx(() -> store.findInvocation("inv_7")).isPresent());
    }

    @Test
    void updateChangesMutableColumnsUntilTheInvocationEnds() {
        InvocationRecord r = invocation("inv_1", "k1", null);
        tx.run(() -> store.insertInvocation(r));
        InvocationRecord failedAttempt = new InvocationRecord(r.id(), r.service(), r.handler(), r.objectKey(),
                r.idempotencyKey(), r.input(), r.headers(), InvocationStatus.BACKING_OFF, 1, null, 500, "boom",
                "node-a", 1_000, 2_000, r.createdAt(), 30);
        assertTrue(tx.tx(() -> store.updateInvocation(failedAttempt)));
        assertEquals(Optional.of(failedAttempt), tx.tx(() -> store.findInvocation("inv_1")));

        InvocationRecord done = new InvocationRecord(r.id(), r.service(), r.handler(), r.objectKey(),
                r.idempotencyKey(), r.input(), r.headers(), InvocationStatus.COMPLETED, 2, "42", null, null,
                "node-a", 1_000, 2_000, r.createdAt(), 40);
        assertTrue(tx.tx(() -> store.updateInvocation(done)));
        assertEquals(Optional.of(done), tx.tx(() -> store.findInvocation("inv_1")));

        assertFalse(tx.tx(() -> store.updateInvocation(failedAttempt)), "ended rows are final");
        assertEquals(Optional.of(done), tx.tx(() -> store.findInvocation("inv_1")));
        assertFalse(tx.tx(() -> store.updateInvocation(invocation("inv_missing", "k", null))));
    }

    @Test
    void leasesRecoveryAndClaims() {
        long now = 1_000;
        tx.run(() -> {
            store.insertInvocation(invocation("expired", "k1", null, InvocationStatus.RUNNING, "b", 999, 0, 5));
            store.insertInvocation(invocation("mine", "k2", null, InvocationStatus.SUSPENDED, "a", 5_000, 0, 1));
            store.insertInvocation(invocation("others", "k3", null, InvocationStatus.RUNNING, "b", 5_000, 0, 2));
            store.insertInvocation(invocation("later", "k4", null, InvocationStatus.PENDING, null, 0, 2_000, 3));
            store.insertInvocation(invocation("paused", "k5", null, InvocationStatus.PAUSED, "b", 0, 0, 4));
            store.insertInvocation(invocation("done", "k6", null, InvocationStatus.COMPLETED, "a", 0, 0, 0));
            store.insertInvocation(invocation("new", "k7", null, InvocationStatus.PENDING, null, 0, 1_000, 6));
            store.insertInvocation(invocation("backoff", "k8", null, InvocationStatus.BACKING_OFF, "a", 0, 10, 7));
        });
        assertEquals(List.of("mine", "expired", "new", "backoff"), ids(tx.tx(() -> store.findRecoverable("a", now, 10))));
        assertEquals(List.of("mine", "expired"), ids(tx.tx(() -> store.findRecoverable("a", now, 2))));

        assertEquals(2, tx.tx(() -> store.renewLeases("a", 9_000, now)), "mine and backoff, not the ended one");
        assertEquals(9_000, tx.tx(() -> store.findInvocation("mine")).orElseThrow().leaseUntil());
        assertEquals(now, tx.tx(() -> store.findInvocation("backoff")).orElseThrow().modifiedAt());
        assertEquals(0, tx.tx(() -> store.findInvocation("done")).orElseThrow().leaseUntil());

        assertTrue(tx.tx(() -> store.claimInvocation("expired", "a", 7_000, now)), "lease expired");
        InvocationRecord claimed = tx.tx(() -> store.findInvocation("expired")).orElseThrow();
        assertEquals("a", claimed.owner());
        assertEquals(7_000, claimed.leaseUntil());
        assertFalse(tx.tx(() -> store.claimInvocation("others", "a", 7_000, now)), "b's lease holds");
        assertTrue(tx.tx(() -> store.claimInvocation("mine", "a", 8_000, now)), "already a's");
        assertFalse(tx.tx(() -> store.claimInvocation("done", "a", 8_000, now)), "ended");
        assertFalse(tx.tx(() -> store.claimInvocation("missing", "a", 8_000, now)));
        assertEquals(List.of("others", "new"), ids(tx.tx(() -> store.findRecoverable("b", now, 10))),
                "b's own rows and unowned ones; a's live leases hide a's rows from b");
    }

    private static List<String> ids(List<InvocationRecord> records) {
        return records.stream().map(InvocationRecord::id).toList();
    }

    // ---- journal ------------------------------------------------------------------------------------

    @Test
    void journalIsLoadedInSequenceOrderAndRejectsDuplicates() {
        JournalEntry e0 = new JournalEntry("inv_1", 0, "run", "insert", "{\"id\":1}", null, null, 1);
        JournalEntry e1 = new JournalEntry("inv_1", 1, "run", "charge", null, 409, "declined", 2);
        JournalEntry e2 = new JournalEntry("inv_1", 2, "sleep", "", null, null, null, 3);
        tx.run(() -> {
            store.appendJournal(e2);
            store.appendJournal(e0);
        });
        tx.run(() -> store.appendJournal(e1));
        tx.run(() -> store.appendJournal(new JournalEntry("inv_2", 0, "run", "other", "1", null, null, 4)));
        assertEquals(List.of(e0, e1, e2), tx.tx(() -> store.loadJournal("inv_1")));
        assertThrows(DuplicateEntryException.class,
                () -> tx.run(() -> store.appendJournal(new JournalEntry("inv_1", 1, "run", "x", "2", null, null, 5))));
        assertEquals(List.of(e0, e1, e2), tx.tx(() -> store.loadJournal("inv_1")));
        assertEquals(List.of(), tx.tx(() -> store.loadJournal("inv_none")));
    }

    @Test
    void severalJournalEntriesAreInsertedInOneStatementAndADuplicateRejectsThemAll() {
        JournalEntry a0 = new JournalEntry("inv_a", 0, "run", "first", "1", null, null, 1);
        JournalEntry b0 = new JournalEntry("inv_b", 0, "run", "first", null, 409, "declined", 2);
        JournalEntry a1 = new JournalEntry("inv_a", 1, "timer", "timer", "99", null, null, 3);
        tx.run(() -> store.appendJournal(List.of(a0, b0, a1)));
        assertEquals(List.of(a0, a1), tx.tx(() -> store.loadJournal("inv_a")));
        assertEquals(List.of(b0), tx.tx(() -> store.loadJournal("inv_b")));
        assertThrows(DuplicateEntryException.class, () -> tx.run(() -> store.appendJournal(List.of(
                new JournalEntry("inv_c", 0, "run", "x", "1", null, null, 4),
                new JournalEntry("inv_a", 1, "run", "y", "2", null, null, 5)))));
        assertEquals(List.of(), tx.tx(() -> store.loadJournal("inv_c")), "nothing of the batch stays");
    }

    @Test
    void invocationsAndJournalEntriesAreInsertedTogetherAndADuplicateInEitherRejectsBoth() {
        InvocationRecord a = invocation("inv_a", null, null);
        InvocationRecord b = invocation("inv_b", "k1", "idem-b");
        JournalEntry a0 = new JournalEntry("inv_a", 0, "run", "first", "1", null, null, 1);
        JournalEntry b0 = new JournalEntry("inv_b", 0, "run", "first", null, 409, "declined", 2);
        JournalEntry x3 = new JournalEntry("inv_x", 3, "run", "later", "\"v\"", null, null, 3);
        tx.run(() -> store.insertInvocationsAndJournal(List.of(a, b), List.of(a0, b0, x3)));
        assertEquals(Optional.of(a), tx.tx(() -> store.findInvocation("inv_a")));
        assertEquals(Optional.of(b), tx.tx(() -> store.findInvocation("inv_b")));
        assertEquals(List.of(a0), tx.tx(() -> store.loadJournal("inv_a")));
        assertEquals(List.of(b0), tx.tx(() -> store.loadJournal("inv_b")));
        assertEquals(List.of(x3), tx.tx(() -> store.loadJournal("inv_x")));

        JournalEntry c0 = new JournalEntry("inv_c", 0, "run", "first", "1", null, null, 4);
        assertThrows(DuplicateEntryException.class, () -> tx.run(() -> store.insertInvocationsAndJournal(
                List.of(invocation("inv_c", null, null)), List.of(c0, a0))), "a taken journal entry");
        assertThrows(DuplicateEntryException.class, () -> tx.run(() -> store.insertInvocationsAndJournal(
                List.of(invocation("inv_c", null, null), invocation("inv_d", "k1", "idem-b")), List.of(c0))),
                "a taken idempotency key");
        assertEquals(Optional.empty(), tx.tx(() -> store.findInvocation("inv_c")), "nothing of either stays");
        assertEquals(List.of(), tx.tx(() -> store.loadJournal("inv_c")));

        tx.run(() -> store.insertInvocationsAndJournal(List.of(), List.of(c0)));
        tx.run(() -> store.insertInvocationsAndJournal(List.of(invocation("inv_e", null, null)), List.of()));
        assertEquals(List.of(c0), tx.tx(() -> store.loadJournal("inv_c")), "entries alone");
        assertTrue(tx.tx(() -> store.findInvocation("inv_e")).isPresent(), "invocations alone");
    }

    // ---- state --------------------------------------------------------------------------------------

    @Test
    void stateChangesAreAppliedAndRead() {
        assertEquals(Map.of(), tx.tx(() -> store.lockObject("Counter", "k")));
        tx.run(() -> store.applyState("Counter", "k",
                new StateChanges(false, Map.of("a", "1", "b", "\"two\"", "c", "[3]"), Set.of())));
        tx.run(() -> store.applyState("Counter", "other", new StateChanges(false, Map.of("a", "9"), Set.of())));
        assertEquals(Map.of("a", "1", "b", "\"two\"", "c", "[3]"), tx.tx(() -> store.readState("Counter", "k")));

        Map<String, String> seen = tx.tx(() -> {
            Map<String, String> before = store.lockObject("Counter", "k");
            store.applyState("Counter", "k", new StateChanges(false, Map.of("a", "2", "d", "4"), Set.of("b", "c")));
            return before;
        });
        assertEquals(Map.of("a", "1", "b", "\"two\"", "c", "[3]"), seen);
        assertEquals(Map.of("a", "2", "d", "4"), tx.tx(() -> store.readState("Counter", "k")));

        tx.run(() -> store.applyState("Counter", "k", new StateChanges(true, Map.of("e", "5"), Set.of())));
        assertEquals(Map.of("e", "5"), tx.tx(() -> store.lockObject("Counter", "k")));
        tx.run(() -> store.applyState("Counter", "k", new StateChanges(true, Map.of(), Set.of())));
        assertEquals(Map.of(), tx.tx(() -> store.readState("Counter", "k")));
        assertEquals(Map.of("a", "9"), tx.tx(() -> store.readState("Counter", "other")), "keys are isolated");
        assertEquals(Map.of(), tx.tx(() -> store.readState("Other", "k")), "services are isolated");
    }

    @Test
    void stateChangesRollBackWithTheTransaction() {
        tx.run(() -> store.applyState("Counter", "k", new StateChanges(false, Map.of("a", "1"), Set.of())));
        assertThrows(IllegalStateException.class, () -> tx.run(() -> {
            store.lockObject("Counter", "k");
            store.applyState("Counter", "k", new StateChanges(true, Map.of("a", "2"), Set.of()));
            throw new IllegalStateException("handler failed");
        }));
        assertEquals(Map.of("a", "1"), tx.tx(() -> store.readState("Counter", "k")));
    }

    @Test
    void lockObjectBlocksASecondTransactionUntilTheFirstCommits() throws Exception {
        tx.run(() -> store.applyState("Counter", "existing", new StateChanges(false, Map.of("n", "0"), Set.of())));
        tx.run(() -> store.lockObject("Counter", "existing"));
        assertSecondLockWaits("existing", Map.of("n", "0"));
    }

    @Test
    void lockObjectBlocksASecondTransactionAlsoWhenTheRowIsNew() throws Exception {
        assertSecondLockWaits("brand-new", Map.of());
    }

    @Test
    void aLockLeavesOutTheStateWhenTheCallersCopyIsStillCurrent() {
        LockedObject created = tx.tx(() -> store.lockObject("Counter", "cached", -1));
        assertEquals(Map.of(), created.state(), "a new object has no state");
        tx.run(() -> {
            store.lockObject("Counter", "cached", -1);
            store.applyState("Counter", "cached", new StateChanges(false, Map.of("n", "1"), Set.of()));
        });
        if (expectedDialect() == Dialect.POSTGRESQL) {
            long afterWrite = created.version() + 1;
            LockedObject current = tx.tx(() -> store.lockObject("Counter", "cached", afterWrite));
            assertEquals(afterWrite + 1, current.version());
            assertEquals(null, current.state(), "the caller's copy at the last version is current: no read");
            LockedObject stale = tx.tx(() -> store.lockObject("Counter", "cached", afterWrite));
            assertEquals(Map.of("n", "1"), stale.state(), "a lock in between makes the copy stale: read");
            assertEquals(Map.of("n", "1"), tx.tx(() -> store.lockObject("Counter", "cached", -1)).state());
            assertTrue(created.version() > 0, "a new object starts at a random version, not at 0");
        } else {
            LockedObject locked = tx.tx(() -> store.lockObject("Counter", "cached", 5));
            assertEquals(-1, locked.version(), "H2 keeps no versions");
            assertEquals(Map.of("n", "1"), locked.state(), "and always reads");
        }
    }

    @Test
    void concurrentExclusiveAttemptsOnANewKeyNeverOverlap() throws Exception {
        int writers = 8;
        java.util.concurrent.atomic.AtomicInteger inside = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger maxInside = new java.util.concurrent.atomic.AtomicInteger();
        Set<Long> versions = java.util.concurrent.ConcurrentHashMap.newKeySet();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            done.add(threads.submit(() -> {
                go.await();
                return tx.tx(() -> {
                    LockedObject locked = store.lockObject("Counter", "race", -1);
                    versions.add(locked.version());
                    Map<String, String> state = locked.state();
                    maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    long n = Long.parseLong(state.getOrDefault("n", "0"));
                    Thread.sleep(20);
                    store.applyState("Counter", "race",
                            new StateChanges(false, Map.of("n", Long.toString(n + 1)), Set.of()));
                    inside.decrementAndGet();
                    return null;
                });
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        assertEquals(1, maxInside.get(), "no two holders of one key at once");
        assertEquals(Map.of("n", Integer.toString(writers)), tx.tx(() -> store.readState("Counter", "race")));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT version FROM rio_object WHERE service = 'Counter' AND obj_key = 'race'")) {
            assertTrue(rs.next());
            if (expectedDialect() == Dialect.POSTGRESQL) {
                long first = versions.stream().mapToLong(Long::longValue).min().orElseThrow();
                assertEquals(writers, versions.size(), "each lock saw its own version");
                assertEquals(first + writers - 1, rs.getLong(1), "every lock after the first bumped the version");
            } else { // H2: creators that raced each other re-create the row at version 0
                assertEquals(Set.of(-1L), versions, "H2 keeps no versions");
                assertTrue(rs.getLong(1) >= 0 && rs.getLong(1) < writers);
            }
        }
    }

    private void assertSecondLockWaits(String key, Map<String, String> initial) throws Exception {
        CountDownLatch firstLocked = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CountDownLatch secondLocked = new CountDownLatch(1);
        Future<Map<String, String>> first = threads.submit(() -> tx.tx(() -> {
            Map<String, String> state = store.lockObject("Counter", key);
            firstLocked.countDown();
            assertTrue(releaseFirst.await(20, TimeUnit.SECONDS));
            store.applyState("Counter", key, new StateChanges(false, Map.of("n", "1"), Set.of()));
            return state;
        }));
        assertTrue(firstLocked.await(10, TimeUnit.SECONDS), "first transaction locked");
        Future<Map<String, String>> second = threads.submit(() -> tx.tx(() -> {
            Map<String, String> state = store.lockObject("Counter", key);
            secondLocked.countDown();
            return state;
        }));
        assertFalse(secondLocked.await(700, TimeUnit.MILLISECONDS), "second must wait while the first holds the lock");
        releaseFirst.countDown();
        assertEquals(initial, first.get(10, TimeUnit.SECONDS));
        assertTrue(secondLocked.await(10, TimeUnit.SECONDS), "second locks once the first committed");
        assertEquals(Map.of("n", "1"), second.get(10, TimeUnit.SECONDS), "second sees the first's commit");
    }
}
