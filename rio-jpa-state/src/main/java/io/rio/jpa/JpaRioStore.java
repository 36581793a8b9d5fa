package io.rio.jpa;

import io.rio.jpa.entity.JournalEntity;
import io.rio.spi.DuplicateEntryException;
import io.rio.spi.InvocationQuery;
import io.rio.spi.InvocationRecord;
import io.rio.spi.JournalAppend;
import io.rio.spi.JournalEntry;
import io.rio.spi.LockedObject;
import io.rio.spi.RioStore;
import io.rio.spi.SignalRecord;
import io.rio.spi.StateChanges;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@link RioStore} on JPA, over the tables of {@link SchemaMigrator}.
 *
 * <p>Every method works with the {@link EntityManager} its supplier returns, which must be joined to the calling
 * thread's current transaction ({@link JtaEntityManagers} in a server), and never commits. Each method's Javadoc
 * gives the SQL statements (database round trips) it issues. Writes go straight to the database as native SQL
 * (inserts of several rows are one statement) and entities are never kept managed, so the persistence context
 * never holds stale rows and commit has nothing left to flush: the hot path of an exclusive handler
 * ({@link #lockObject}, {@link #applyState}, {@link #insertInvocation} or {@link #updateInvocation}) costs
 * 2 + 1 + 1 statements and one commit. Signals, schedule ticks, administration and retention use the SQL of
 * {@link SignalSql}, {@link Dialect} and {@link AdminSql}; journal writes that of {@link JournalSql}.
 *
 * <p>Thread safety: thread-safe; state lives in the transaction-bound entity managers.
 *
 * <p>Error handling: a unique or primary-key violation (SQLState 23505) of an insert becomes
 * {@link DuplicateEntryException}; other database errors surface as {@link PersistenceException}. After either,
 * the transaction must be rolled back.
 */
public final class JpaRioStore implements RioStore {

    private final Supplier<EntityManager> entityManagers;
    private final Dialect dialect;
    private final StateSql state;
    private final String claimTickSql;
    private final Autocommit autocommit;

    /**
     * @param entityManagers returns the entity manager of the caller's current transaction (Rio's persistence unit,
     *                       see {@link RioPersistence})
     * @param dialect        the database's dialect, see {@link Dialect#detect}
     */
    public JpaRioStore(Supplier<EntityManager> entityManagers, Dialect dialect) {
        this(entityManagers, dialect, null);
    }

    /**
     * @param autocommit inserts that commit on their own, for {@link #insertInvocationsCommitted}; {@code null} for
     *                   none (then that method returns {@code false})
     */
    public JpaRioStore(Supplier<EntityManager> entityManagers, Dialect dialect, Autocommit autocommit) {
        this.autocommit = autocommit;
        this.entityManagers = Objects.requireNonNull(entityManagers, "entityManagers");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.state = new StateSql(dialect);
        this.claimTickSql = dialect.claimTickSql();
    }

    private EntityManager em() {
        return entityManagers.get();
    }

    // ---- invocations ------------------------------------------------------------------------------

    /** One INSERT (native SQL: no unit-of-work change set to compute). */
    @Override
    public void insertInvocation(InvocationRecord invocation) {
        insertInvocations(List.of(invocation));
    }

    /** One INSERT of all rows (native SQL). */
    @Override
    public void insertInvocations(List<InvocationRecord> invocations) {
        insertRows(InvocationSql.INSERT, invocations, () -> InvocationSql.duplicate(invocations));
    }

    /** One autocommitted INSERT of all rows, if this store was given {@link Autocommit} and no transaction runs. */
    @Override
    public boolean insertInvocationsCommitted(List<InvocationRecord> invocations) {
        return autocommit != null && autocommit.insert(InvocationSql.INSERT, invocations, "rio_invocation",
                () -> InvocationSql.duplicate(invocations));
    }


    /** One SELECT by primary key. */
    @Override
    public Optional<InvocationRecord> findInvocation(String id) {
        return first(em().createNativeQuery(InvocationSql.FIND_BY_ID).setParameter(1, id));
    }

    /** One SELECT on the unique idempotency index. */
    @Override
    public Optional<InvocationRecord> findByIdempotencyKey(String service, String handler, String objectKey,
            String idempotencyKey) {
        return first(em().createNativeQuery(InvocationSql.FIND_BY_IDEMPOTENCY_KEY)
                .setParameter(1, service)
                .setParameter(2, handler)
                .setParameter(3, objectKey == null ? "" : objectKey)
                .setParameter(4, idempotencyKey));
    }

    /**
     * One UPDATE by primary key, conditional on the row not having ended and on its partition's epoch (a subquery on
     * {@code rio_partition}'s primary key); when it touches nothing, one SELECT tells an ended row from a fenced one.
     */
    @Override
    public boolean updateInvocation(InvocationRecord r) {
        int updated = em().createNativeQuery(InvocationSql.UPDATE)
                .setParameter(1, r.status().name())
                .setParameter(2, r.attempts())
                .setParameter(3, r.output())
                .setParameter(4, r.errorCode())
                .setParameter(5, r.errorMessage())
                .setParameter(6, r.owner())
                .setParameter(7, r.epoch())
                .setParameter(8, r.runAt())
                .setParameter(9, r.modifiedAt())
                .setParameter(10, r.id())
                .setParameter(11, r.epoch())
                .setParameter(12, r.epoch())
                .executeUpdate();
        if (updated == 1) {
            return true;
        }
        Number unfinished = (Number) em().createNativeQuery(InvocationSql.IS_UNFINISHED).setParameter(1, r.id())
                .getSingleResult();
        if (unfinished.longValue() > 0) {
            throw new io.rio.spi.FencedException(r.partition(), "Invocation " + r.id() + ": partition "
                    + r.partition() + " is no longer held at epoch " + r.epoch() + " by " + r.owner());
        }
        return false;
    }

    // ---- journal ----------------------------------------------------------------------------------

    /** One SELECT on the primary key's prefix. */
    @Override
    public List<JournalEntry> loadJournal(String invocationId) {
        EntityManager em = em();
        List<JournalEntity> rows = em.createQuery(
                        "SELECT j FROM RioJournal j WHERE j.invocationId = :id ORDER BY j.seq", JournalEntity.class)
                .setParameter("id", invocationId)
                .getResultList();
        List<JournalEntry> result = new ArrayList<>(rows.size());
        for (JournalEntity row : rows) {
            result.add(row.toEntry());
            em.detach(row);
        }
        return result;
    }

    /** One INSERT (native SQL), fenced. */
    @Override
    public void appendJournal(JournalAppend append) {
        appendJournal(List.of(append));
    }

    /** One INSERT of all entries (native SQL), fenced. */
    @Override
    public void appendJournal(List<JournalAppend> appends) {
        if (!appends.isEmpty()) {
            insertJournal(JournalSql.INSERT.bind(em().createNativeQuery(JournalSql.INSERT.sql(appends.size())),
                    appends), appends, () -> JournalSql.duplicate(appends));
        }
    }

    /**
     * On PostgreSQL one statement (the invocations' INSERT in a {@code WITH}, then the entries' fenced INSERT: one
     * round trip); elsewhere, or when either list is empty, one INSERT each.
     */
    @Override
    public void insertInvocationsAndJournal(List<InvocationRecord> invocations, List<JournalAppend> appends) {
        if (dialect != Dialect.POSTGRESQL || invocations.isEmpty() || appends.isEmpty()) {
            RioStore.super.insertInvocationsAndJournal(invocations, appends);
            return;
        }
        String sql = "WITH invocations AS (" + InvocationSql.INSERT.sql(invocations.size()) + " RETURNING id) "
                + JournalSql.INSERT_AFTER_INVOCATIONS.sql(appends.size());
        Query insert = InvocationSql.INSERT.bind(em().createNativeQuery(sql), invocations);
        JournalSql.INSERT_AFTER_INVOCATIONS.bind(insert, InvocationSql.INSERT.parameters(invocations.size()), appends);
        insertJournal(insert, appends, () -> InvocationSql.duplicate(invocations) + ", or "
                + JournalSql.duplicate(appends));
    }

    /**
     * Runs a fenced journal INSERT. Fewer rows than entries means a writer was fenced, or an entry's invocation has
     * ended: one more query (only then) tells which.
     */
    private void insertJournal(Query insert, List<JournalAppend> appends, Supplier<String> duplicate) {
        if (Inserts.run(insert, duplicate) < appends.size()) {
            java.util.Set<String> ids = new java.util.LinkedHashSet<>();
            for (JournalAppend append : appends) {
                ids.add(append.entry().invocationId());
            }
            Query unfinished = em().createNativeQuery(JournalSql.unfinishedAmong(ids.size()));
            int p = 1;
            for (String id : ids) {
                unfinished.setParameter(p++, id);
            }
            for (Object id : unfinished.getResultList()) {
                ids.remove(String.valueOf(id));
            }
            throw ids.isEmpty() ? JournalSql.fenced(appends) : JournalSql.ended(ids);
        }
    }


    // ---- object state -----------------------------------------------------------------------------

    /**
     * Two statements: a write of the object's row that bumps its version and so holds its row lock until the
     * transaction ends, then the SELECT of {@link #readState}, which runs once the lock is granted and so sees the
     * previous holder's commit (a separate statement: one statement's snapshot predates its lock wait). On
     * PostgreSQL the write is one {@code INSERT ... ON CONFLICT DO UPDATE ... RETURNING version}, and when it
     * created the row the SELECT is left out: a key's state rows exist only while its object row does
     * (both are written under this lock and purged together), so a new object has no state. On H2 the write is an
     * {@code UPDATE}, followed by a {@code MERGE} only the first time a key is locked (three statements).
     */
    @Override
    public Map<String, String> lockObject(String service, String key) {
        return state.lock(em(), service, key, -1, null).state();
    }

    /**
     * As {@link #lockObject(String, String)}, fenced, and returning the object's head: on PostgreSQL the lock's
     * statement also returns the head and the partition's epoch (a subquery), and the SELECT of the state is left
     * out when the version the lock returns is one above {@code cachedVersion}. A new object's version starts at a
     * random number, so that an object purged and created again does not repeat the versions of its earlier life,
     * which a copy cached elsewhere might have. H2's lock returns no version (-1) and always reads; there the fence
     * and the head are one more SELECT.
     */
    @Override
    public LockedObject lockObject(String service, String key, long cachedVersion, io.rio.spi.PartitionStore.Fence fence) {
        return state.lock(em(), service, key, cachedVersion, fence);
    }

    /** One upsert of the object's row. */
    @Override
    public void holdObject(String service, String key, String invocationId) {
        state.hold(em(), service, key, invocationId);
    }

    /** One conditional UPDATE. */
    @Override
    public void releaseObject(String service, String key, String invocationId) {
        state.release(em(), service, key, invocationId);
    }

    /** One SELECT. */
    @Override
    public Map<String, String> readState(String service, String key) {
        return state.read(em(), service, key);
    }

    /**
     * At most three statements, none when {@code changes} is empty: a DELETE of all entries if
     * {@code clearAll}, else a DELETE of the removed entries if any, then one multi-row upsert of the set entries
     * if any.
     */
    @Override
    public void applyState(String service, String key, StateChanges changes) {
        state.apply(em(), service, key, changes);
    }

    // ---- signals ----------------------------------------------------------------------------------

    /** One INSERT. */
    @Override
    public void insertSignal(SignalRecord signal) {
        Query insert = em().createNativeQuery(SignalSql.INSERT)
                .setParameter(1, signal.scope())
                .setParameter(2, signal.name())
                .setParameter(3, signal.value())
                .setParameter(4, signal.errorCode())
                .setParameter(5, signal.errorMessage())
                .setParameter(6, signal.createdAt());
        Inserts.run(insert, () -> "signal '" + signal.name() + "' of " + signal.scope() + " is completed already");
    }

    /** One SELECT on the primary key's prefix, ordered by name. */
    @Override
    public List<SignalRecord> loadSignals(String scope) {
        List<?> rows = em().createNativeQuery(SignalSql.LOAD).setParameter(1, scope).getResultList();
        List<SignalRecord> result = new ArrayList<>(rows.size());
        for (Object row : rows) {
            result.add(SignalSql.toRecord((Object[]) row));
        }
        return result;
    }

    /** One SELECT by primary key. */
    @Override
    public Optional<SignalRecord> findSignal(String scope, String name) {
        List<?> rows = em().createNativeQuery(SignalSql.FIND).setParameter(1, scope).setParameter(2, name)
                .getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(SignalSql.toRecord((Object[]) rows.get(0)));
    }

    /** One conditional UPDATE by primary key; also sets {@code modified_at} to {@code now}. */
    @Override
    public boolean wakeInvocation(String id, long now) {
        return em().createNativeQuery(InvocationSql.WAKE)
                .setParameter(1, now)
                .setParameter(2, now)
                .setParameter(3, id)
                .executeUpdate() == 1;
    }

    // ---- administration and retention -------------------------------------------------------------

    /**
     * One SELECT; newest ({@code created_at}, then id) first.
     *
     * @throws IllegalArgumentException if the query's limit is not positive
     */
    @Override
    public List<InvocationRecord> listInvocations(InvocationQuery query) {
        return AdminSql.listInvocations(em(), Objects.requireNonNull(query, "query"));
    }

    /** One conditional DELETE; if the invocation had ended, two more (its journal, its signals). */
    @Override
    public boolean purgeInvocation(String id) {
        return AdminSql.purgeInvocation(em(), id);
    }

    /**
     * One SELECT along the primary key of {@code rio_object}; keys are sorted in the database's collation.
     *
     * @throws IllegalArgumentException if {@code limit} is not positive
     */
    @Override
    public List<String> listObjectKeys(String service, int limit) {
        return AdminSql.listObjectKeys(em(), service, limit);
    }

    /**
     * At most five statements per {@value AdminSql#PURGE_BATCH} invocations: one that deletes the oldest ended
     * ones and returns them, then DELETEs of their journals, their signals and, for workflow runs, the workflow's
     * state and object row. Safe to run on several nodes at once: each invocation is cleaned up by the transaction
     * that deleted it.
     *
     * @throws IllegalArgumentException if {@code limit} is not positive
     */
    @Override
    public int purgeEndedBefore(long cutoff, int limit) {
        return AdminSql.purgeEndedBefore(em(), dialect, cutoff, limit);
    }

    // ---- schedules --------------------------------------------------------------------------------

    /**
     * One statement, an insert-if-absent (see {@link Dialect#claimTickSql()}) that never fails on a conflict and so
     * leaves the caller's transaction usable. A concurrent claimer waits for the first one's transaction to end.
     */
    @Override
    public boolean claimTick(String schedule, long tick) {
        Object claimed = em().createNativeQuery(claimTickSql)
                .setParameter(1, schedule)
                .setParameter(2, tick)
                .getSingleResult();
        return ((Number) claimed).intValue() == 1;
    }

    // ---- helpers ----------------------------------------------------------------------------------

    /** One INSERT of {@code rows}; a unique violation becomes {@link DuplicateEntryException} saying {@code what}. */
    private <T> void insertRows(MultiRowInsert<T> insert, List<T> rows, Supplier<String> what) {
        if (!rows.isEmpty()) {
            Inserts.run(insert.bind(em().createNativeQuery(insert.sql(rows.size())), rows), what);
        }
    }

    private static Optional<InvocationRecord> first(Query query) {
        List<?> rows = query.getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(InvocationSql.toRecord((Object[]) rows.get(0)));
    }
}
