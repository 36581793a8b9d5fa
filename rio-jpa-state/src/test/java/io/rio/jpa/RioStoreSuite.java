package io.rio.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rio.spi.DuplicateEntryException;
import io.rio.spi.FencedException;
import io.rio.spi.InvocationEndedException;
import io.rio.spi.JournalAppend;
import io.rio.spi.InvocationRecord;
import io.rio.spi.Membership;
import io.rio.spi.PartitionStore;
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
    private JpaPartitionStore partitions;
    private ExecutorService threads;

    /** An empty database (or schema) called {@code name}. */
    abstract DataSource freshDatabase(String name);

    abstract Dialect expectedDialect();

    @Override
    public JpaPartitionStore partitions() {
        return partitions;
    }

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
        partitions = new JpaPartitionStore(tx, dialect);
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
                    "rio_schedule_tick", "rio_partition")) {
                s.execute("DELETE FROM " + table);
            }
        }
        tx.tx(() -> partitions.takePartitions(ALL, "node-a", 1));
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
            InvocationStatus status, String owner, long epoch, long runAt, long createdAt) {
        return new InvocationRecord(id, "Counter", "add", objectKey, idempotencyKey, "1",
                Map.of("x-trace", "a\"b\\c\n", "content-type", "application/json"), status, 0, null, null, null,
                owner, epoch, runAt, createdAt, createdAt);
    }

    private static InvocationRecord invocation(String id, String objectKey, String idempotencyKey) {
        return invocation(id, objectKey, idempotencyKey, InvocationStatus.PENDING, null, EPOCH, 0, 10);
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
                "node-a", EPOCH, 2_000, r.createdAt(), 30);
        assertTrue(tx.tx(() -> store.updateInvocation(failedAttempt)));
        assertEquals(Optional.of(failedAttempt), tx.tx(() -> store.findInvocation("inv_1")));

        InvocationRecord done = new InvocationRecord(r.id(), r.service(), r.handler(), r.objectKey(),
                r.idempotencyKey(), r.input(), r.headers(), InvocationStatus.COMPLETED, 2, "42", null, null,
                "node-a", EPOCH, 2_000, r.createdAt(), 40);
        assertTrue(tx.tx(() -> store.updateInvocation(done)));
        assertEquals(Optional.of(done), tx.tx(() -> store.findInvocation("inv_1")));

        assertFalse(tx.tx(() -> store.updateInvocation(failedAttempt)), "ended rows are final");
        assertEquals(Optional.of(done), tx.tx(() -> store.findInvocation("inv_1")));
        assertFalse(tx.tx(() -> store.updateInvocation(invocation("inv_missing", "k", null))));
    }

    // ---- partitions and fences --------------------------------------------------------------------

    @Test
    void takingAPartitionRaisesItsEpochAndNamesTheOwner() {
        assertEquals(List.of(new PartitionStore.Fence(3, 2), new PartitionStore.Fence(7, 2)),
                tx.tx(() -> partitions.takePartitions(List.of(3, 7), "node-b", 5)));
        assertEquals(List.of(new PartitionStore.Fence(3, 3)), tx.tx(() -> partitions.takePartitions(List.of(3), "node-c", 6)));
        List<PartitionStore.PartitionRow> rows = tx.tx(() -> partitions.partitionRows());
        assertEquals(Membership.PARTITIONS, rows.size());
        assertEquals(new PartitionStore.PartitionRow(3, "node-c", 3, 6), rows.get(3));
        assertEquals(new PartitionStore.PartitionRow(7, "node-b", 2, 5), rows.get(7));
        assertEquals(new PartitionStore.PartitionRow(0, "node-a", EPOCH, 1), rows.get(0));
        tx.run(() -> dataSourceExec("DELETE FROM rio_partition WHERE id = 9"));
        assertEquals(List.of(new PartitionStore.Fence(9, 1)), tx.tx(() -> partitions.takePartitions(List.of(9), "x", 7)),
                "a missing row is created at epoch 1");
    }

    @Test
    void anUpdateIsFencedByItsPartitionsEpoch() {
        InvocationRecord r = invocation("inv_f", "fenced", null);
        tx.run(() -> store.insertInvocation(r));
        InvocationRecord running = r.withStatus(InvocationStatus.RUNNING, 20);
        assertTrue(tx.tx(() -> store.updateInvocation(running)), "node-a holds the partition at its epoch");
        tx.tx(() -> partitions.takePartitions(List.of(r.partition()), "node-b", 30));
        assertThrows(FencedException.class, () -> tx.run(() -> store.updateInvocation(running.withStatus(
                InvocationStatus.COMPLETED, 40))), "node-a lost the partition: its write is refused");
        assertEquals(InvocationStatus.RUNNING, tx.tx(() -> store.findInvocation("inv_f")).orElseThrow().status());
        InvocationRecord byB = running.with(InvocationStatus.COMPLETED, 1, "1", null, null, "node-b", EPOCH + 1, 0, 50);
        assertTrue(tx.tx(() -> store.updateInvocation(byB)), "the new holder writes at its epoch");
        InvocationRecord operator = invocation("inv_op", "fenced", null);
        tx.run(() -> store.insertInvocation(operator));
        assertTrue(tx.tx(() -> store.updateInvocation(operator.with(InvocationStatus.PAUSED, 0, null, null, null,
                "admin", -1, 0, 60))), "an operator's write (epoch -1) is not fenced");
    }

    @Test
    void aLockIsFencedAndTellsWhichInvocationHoldsTheObject() {
        int p = Membership.partitionOf("Counter/held");
        PartitionStore.Fence fence = new PartitionStore.Fence(p, EPOCH);
        assertNull(tx.tx(() -> store.lockObject("Counter", "held", -1, fence)).head());
        tx.run(() -> store.holdObject("Counter", "held", "inv_head"));
        assertEquals("inv_head", tx.tx(() -> store.lockObject("Counter", "held", -1, fence)).head());
        tx.run(() -> store.holdObject("Counter", "new-object", "inv_other"));
        assertEquals("inv_other", tx.tx(() -> store.lockObject("Counter", "new-object", -1,
                new PartitionStore.Fence(Membership.partitionOf("Counter/new-object"), EPOCH))).head(),
                "holding creates the object's row");
        tx.run(() -> store.releaseObject("Counter", "held", "inv_someone_else"));
        assertEquals("inv_head", tx.tx(() -> store.lockObject("Counter", "held", -1, fence)).head());
        tx.run(() -> store.releaseObject("Counter", "held", "inv_head"));
        assertNull(tx.tx(() -> store.lockObject("Counter", "held", -1, fence)).head());
        tx.tx(() -> partitions.takePartitions(List.of(p), "node-b", 9));
        assertThrows(FencedException.class, () -> tx.run(() -> store.lockObject("Counter", "held", -1, fence)));
        assertEquals(Map.of(), tx.tx(() -> store.lockObject("Counter", "held")), "an operator's lock is not fenced");
    }

    @Test
    void dueInvocationsComeByPartitionInArrivalOrderPageByPage() {
        int p = Membership.partitionOf("Counter/k1");
        tx.run(() -> {
            store.insertInvocation(invocation("running", "k1", null, InvocationStatus.RUNNING, "b", EPOCH, 0, 5));
            store.insertInvocation(invocation("suspended", "k1", null, InvocationStatus.SUSPENDED, "a", EPOCH, 900, 1));
            store.insertInvocation(invocation("later", "k1", null, InvocationStatus.PENDING, null, EPOCH, 2_000, 3));
            store.insertInvocation(invocation("paused", "k1", null, InvocationStatus.PAUSED, "b", EPOCH, 0, 4));
            store.insertInvocation(invocation("done", "k1", null, InvocationStatus.COMPLETED, "a", EPOCH, 0, 0));
            store.insertInvocation(invocation("backoff", "k1", null, InvocationStatus.BACKING_OFF, "a", EPOCH, 10, 7));
            store.insertInvocation(invocation("never", "k1", null, InvocationStatus.SUSPENDED, "a", EPOCH,
                    Long.MAX_VALUE, 8));
        });
        tx.run(() -> {
            store.insertInvocation(invocation("elsewhere", "k-other", null, InvocationStatus.PENDING, null, EPOCH, 0, 2));
        });
        int other = Membership.partitionOf("Counter/k-other");
        assertTrue(p != other, "the test's keys are on two partitions");
        List<PartitionStore.Due> due = tx.tx(() -> partitions.findDue(Set.of(p), 1_000, 0, 10));
        assertEquals(List.of("running", "suspended", "backoff"), due.stream().map(d -> d.invocation().id()).toList(),
                "unfinished, unpaused and due by 1000, in arrival (insert) order, not by creation time");
        List<PartitionStore.Due> first = tx.tx(() -> partitions.findDue(Set.of(p, other), 1_000, 0, 2));
        assertEquals(List.of("running", "suspended"), first.stream().map(d -> d.invocation().id()).toList());
        List<PartitionStore.Due> next = tx.tx(() -> partitions.findDue(Set.of(p, other), 1_000,
                first.get(1).arrival(), 2));
        assertEquals(List.of("backoff", "elsewhere"), next.stream().map(d -> d.invocation().id()).toList());
        assertEquals(List.of(), tx.tx(() -> partitions.findDue(Set.of(), 1_000, 0, 10)));
    }

    private void dataSourceExec(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PartitionStore.Fence fence(String counterKey) {
        return new PartitionStore.Fence(Membership.partitionOf("Counter/" + counterKey), EPOCH);
    }

    private static final List<Integer> ALL = java.util.stream.IntStream.range(0, Membership.PARTITIONS).boxed().toList();

    private static List<String> ids(List<InvocationRecord> records) {
        return records.stream().map(InvocationRecord::id).toList();
    }

    // ---- journal ------------------------------------------------------------------------------------

    @Test
    void journalIsLoadedInSequenceOrderAndRejectsDuplicates() {
        JournalEntry e0 = new JournalEntry("inv_1", 0, "run", "insert", "{\"id\":1}", null, null, 1);
        JournalEntry e1 = new JournalEntry("inv_1", 1, "run", "charge", null, 409, "declined", 2);
        JournalEntry e2 = new JournalEntry("inv_1", 2, "sleep", "", null, null, null, 3);
        running("inv_1", "inv_2");
        tx.run(() -> {
            store.appendJournal(at(e2));
            store.appendJournal(at(e0));
        });
        tx.run(() -> store.appendJournal(at(e1)));
        tx.run(() -> store.appendJournal(at(new JournalEntry("inv_2", 0, "run", "other", "1", null, null, 4))));
        assertEquals(List.of(e0, e1, e2), tx.tx(() -> store.loadJournal("inv_1")));
        assertThrows(DuplicateEntryException.class,
                () -> tx.run(() -> store.appendJournal(at(new JournalEntry("inv_1", 1, "run", "x", "2", null, null, 5)))));
        assertEquals(List.of(e0, e1, e2), tx.tx(() -> store.loadJournal("inv_1")));
        assertEquals(List.of(), tx.tx(() -> store.loadJournal("inv_none")));
    }

    @Test
    void severalJournalEntriesAreInsertedInOneStatementAndADuplicateRejectsThemAll() {
        JournalEntry a0 = new JournalEntry("inv_a", 0, "run", "first", "1", null, null, 1);
        JournalEntry b0 = new JournalEntry("inv_b", 0, "run", "first", null, 409, "declined", 2);
        JournalEntry a1 = new JournalEntry("inv_a", 1, "timer", "timer", "99", null, null, 3);
        running("inv_a", "inv_b", "inv_c");
        tx.run(() -> store.appendJournal(at(a0, b0, a1)));
        assertEquals(List.of(a0, a1), tx.tx(() -> store.loadJournal("inv_a")));
        assertEquals(List.of(b0), tx.tx(() -> store.loadJournal("inv_b")));
        assertThrows(DuplicateEntryException.class, () -> tx.run(() -> store.appendJournal(at(
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
        running("inv_x"); // stored before: its entry goes with the entries of invocations inserted now
        tx.run(() -> store.insertInvocationsAndJournal(List.of(a, b), at(a0, b0, x3)));
        assertEquals(Optional.of(a), tx.tx(() -> store.findInvocation("inv_a")));
        assertEquals(Optional.of(b), tx.tx(() -> store.findInvocation("inv_b")));
        assertEquals(List.of(a0), tx.tx(() -> store.loadJournal("inv_a")));
        assertEquals(List.of(b0), tx.tx(() -> store.loadJournal("inv_b")));
        assertEquals(List.of(x3), tx.tx(() -> store.loadJournal("inv_x")));

        JournalEntry c0 = new JournalEntry("inv_c", 0, "run", "first", "1", null, null, 4);
        assertThrows(DuplicateEntryException.class, () -> tx.run(() -> store.insertInvocationsAndJournal(
                List.of(invocation("inv_c", null, null)), at(c0, a0))), "a taken journal entry");
        assertThrows(DuplicateEntryException.class, () -> tx.run(() -> store.insertInvocationsAndJournal(
                List.of(invocation("inv_c", null, null), invocation("inv_d", "k1", "idem-b")), List.of(at(c0)))),
                "a taken idempotency key");
        assertEquals(Optional.empty(), tx.tx(() -> store.findInvocation("inv_c")), "nothing of either stays");
        assertEquals(List.of(), tx.tx(() -> store.loadJournal("inv_c")));

        running("inv_c");
        tx.run(() -> store.insertInvocationsAndJournal(List.of(), List.of(at(c0))));
        tx.run(() -> store.insertInvocationsAndJournal(List.of(invocation("inv_e", null, null)), List.of()));
        assertEquals(List.of(c0), tx.tx(() -> store.loadJournal("inv_c")), "entries alone");
        assertTrue(tx.tx(() -> store.findInvocation("inv_e")).isPresent(), "invocations alone");
    }

    @Test
    void aJournalAppendIsFencedByItsPartitionsEpochAndAFencedOneRejectsItsWholeStatement() {
        JournalEntry a0 = new JournalEntry("inv_fa", 0, "run", "first", "1", null, null, 1);
        JournalEntry b0 = new JournalEntry("inv_fb", 0, "run", "first", null, 409, "declined", 2);
        int taken = Membership.partitionOf("inv_fa");
        assertTrue(taken != Membership.partitionOf("inv_fb"), "the two invocations are on two partitions");
        running("inv_fa", "inv_fb");
        tx.tx(() -> partitions.takePartitions(List.of(taken), "node-b", 20)); // node-b takes inv_fa's partition

        FencedException fenced = assertThrows(FencedException.class, () -> tx.run(() -> store.appendJournal(at(a0))),
                "a stale writer's entry");
        assertEquals(taken, fenced.partition());
        assertTrue(fenced.getMessage().contains("inv_fa"), fenced.getMessage());
        assertThrows(FencedException.class, () -> tx.run(() -> store.appendJournal(at(b0, a0))),
                "a batch with one stale entry");
        JournalEntry c0 = new JournalEntry("inv_fc", 0, "run", "first", "1", null, null, 3);
        assertThrows(FencedException.class, () -> tx.run(() -> store.insertInvocationsAndJournal(
                List.of(invocation("inv_fc", null, null)), at(c0, a0))), "with invocations");
        assertEquals(List.of(), tx.tx(() -> store.loadJournal("inv_fa")), "nothing of a fenced statement stays");
        assertEquals(List.of(), tx.tx(() -> store.loadJournal("inv_fb")));
        assertEquals(List.of(), tx.tx(() -> store.loadJournal("inv_fc")));
        assertEquals(Optional.empty(), tx.tx(() -> store.findInvocation("inv_fc")));

        tx.run(() -> store.appendJournal(new JournalAppend(a0, taken, EPOCH + 1))); // the new owner's epoch
        tx.run(() -> store.appendJournal(JournalAppend.unfenced(b0)));
        assertEquals(List.of(a0), tx.tx(() -> store.loadJournal("inv_fa")));
        assertEquals(List.of(b0), tx.tx(() -> store.loadJournal("inv_fb")), "an unfenced append (epoch below 0)");
    }

    @Test
    void aJournalRefusesEntriesOfInvocationsThatEndedOrWerePurged() {
        running("inv_live");
        InvocationRecord done = invocation("inv_done", null, null, InvocationStatus.COMPLETED, "node-a", EPOCH, 0, 10);
        tx.run(() -> store.insertInvocation(done));
        JournalEntry live0 = new JournalEntry("inv_live", 0, "run", "first", "1", null, null, 1);
        JournalEntry done0 = new JournalEntry("inv_done", 0, "run", "first", "1", null, null, 2);
        JournalEntry gone0 = new JournalEntry("inv_gone", 0, "run", "first", "1", null, null, 3);
        JournalEntry new0 = new JournalEntry("inv_new", 0, "run", "first", "1", null, null, 4);

        InvocationEndedException ended = assertThrows(InvocationEndedException.class,
                () -> tx.run(() -> store.appendJournal(at(done0))), "a completed invocation's stale attempt");
        assertTrue(ended.getMessage().contains("inv_done"), ended.getMessage());
        assertThrows(InvocationEndedException.class, () -> tx.run(() -> store.appendJournal(at(gone0))),
                "a purged (or never stored) invocation's");
        ended = assertThrows(InvocationEndedException.class, () -> tx.run(() -> store.appendJournal(at(live0, done0))),
                "a batch with one ended invocation");
        assertFalse(ended.getMessage().contains("inv_live"), "names only the ended one: " + ended.getMessage());
        assertThrows(InvocationEndedException.class, () -> tx.run(() -> store.insertInvocationsAndJournal(
                List.of(invocation("inv_new", null, null)), at(new0, done0))), "with invocations");
        assertEquals(List.of(), tx.tx(() -> store.loadJournal("inv_live")), "nothing of a refused statement stays");
        assertEquals(List.of(), tx.tx(() -> store.loadJournal("inv_done")));
        assertEquals(Optional.empty(), tx.tx(() -> store.findInvocation("inv_new")));

        tx.run(() -> store.insertInvocationsAndJournal(List.of(invocation("inv_new", null, null)), at(new0, live0)));
        assertEquals(List.of(new0), tx.tx(() -> store.loadJournal("inv_new")), "an invocation inserted with its entry");
        assertEquals(List.of(live0), tx.tx(() -> store.loadJournal("inv_live")));
    }

    /** Stores pending invocations (of service Counter) whose journals the test writes. */
    private void running(String... ids) {
        tx.run(() -> {
            for (String id : ids) {
                store.insertInvocation(invocation(id, null, null));
            }
        });
    }

    /** The entries, fenced on the epoch at which node-a holds their (service) invocations' partitions. */
    private static List<JournalAppend> at(JournalEntry... entries) {
        return java.util.Arrays.stream(entries).map(RioStoreSuite::at).toList();
    }

    private static JournalAppend at(JournalEntry entry) {
        return new JournalAppend(entry, Membership.partitionOf(entry.invocationId()), EPOCH);
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
        LockedObject created = tx.tx(() -> store.lockObject("Counter", "cached", -1, fence("cached")));
        assertEquals(Map.of(), created.state(), "a new object has no state");
        tx.run(() -> {
            store.lockObject("Counter", "cached", -1, fence("cached"));
            store.applyState("Counter", "cached", new StateChanges(false, Map.of("n", "1"), Set.of()));
        });
        if (expectedDialect() == Dialect.POSTGRESQL) {
            long afterWrite = created.version() + 1;
            LockedObject current = tx.tx(() -> store.lockObject("Counter", "cached", afterWrite, fence("cached")));
            assertEquals(afterWrite + 1, current.version());
            assertEquals(null, current.state(), "the caller's copy at the last version is current: no read");
            LockedObject stale = tx.tx(() -> store.lockObject("Counter", "cached", afterWrite, fence("cached")));
            assertEquals(Map.of("n", "1"), stale.state(), "a lock in between makes the copy stale: read");
            assertEquals(Map.of("n", "1"), tx.tx(() -> store.lockObject("Counter", "cached", -1, fence("cached"))).state());
            assertTrue(created.version() > 0, "a new object starts at a random version, not at 0");
        } else {
            LockedObject locked = tx.tx(() -> store.lockObject("Counter", "cached", 5, fence("cached")));
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
                    LockedObject locked = store.lockObject("Counter", "race", -1, fence("race"));
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
