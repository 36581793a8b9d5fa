package io.rio.jpa;

import io.rio.spi.InvocationRecord;
import io.rio.spi.PartitionStore;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The {@link PartitionStore} on JPA: {@code rio_partition} and the due invocations of {@code rio_invocation}, with
 * native SQL in the caller's transaction.
 *
 * <p>Thread safety: thread-safe; state lives in the transaction-bound entity managers.
 */
public final class JpaPartitionStore implements PartitionStore {
    private final Supplier<EntityManager> entityManagers;
    private final Dialect dialect;

    public JpaPartitionStore(Supplier<EntityManager> entityManagers, Dialect dialect) {
        this.entityManagers = Objects.requireNonNull(entityManagers, "entityManagers");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
    }

    /**
     * PostgreSQL: one {@code INSERT ... ON CONFLICT DO UPDATE ... RETURNING} of every partition. H2: an UPDATE of
     * the existing rows, an INSERT of the missing ones and a SELECT of the epochs.
     */
    @Override
    public List<Fence> takePartitions(Collection<Integer> partitions, String owner, long now) {
        if (partitions.isEmpty()) {
            return List.of();
        }
        List<Integer> ids = List.copyOf(partitions);
        EntityManager em = entityManagers.get();
        Map<Integer, Long> epochs = new HashMap<>();
        if (dialect == Dialect.POSTGRESQL) {
            StringBuilder sql = new StringBuilder("INSERT INTO rio_partition (id, owner, epoch, modified_at) VALUES ");
            for (int i = 0; i < ids.size(); i++) {
                sql.append(i == 0 ? "(?, ?, 1, ?)" : ", (?, ?, 1, ?)");
            }
            sql.append(" ON CONFLICT (id) DO UPDATE SET owner = EXCLUDED.owner, epoch = rio_partition.epoch + 1, "
                    + "modified_at = EXCLUDED.modified_at RETURNING id, epoch");
            Query q = em.createNativeQuery(sql.toString());
            int p = 1;
            for (Integer id : ids) {
                q.setParameter(p++, id).setParameter(p++, owner).setParameter(p++, now);
            }
            for (Object row : q.getResultList()) {
                Object[] cols = (Object[]) row;
                epochs.put(((Number) cols[0]).intValue(), ((Number) cols[1]).longValue());
            }
        } else {
            bindIds(em.createNativeQuery("UPDATE rio_partition SET owner = ?, epoch = epoch + 1, modified_at = ? "
                    + "WHERE id IN (" + placeholders(ids.size()) + ")").setParameter(1, owner).setParameter(2, now),
                    3, ids).executeUpdate();
            Set<Integer> existing = new HashSet<>();
            for (Object id : bindIds(em.createNativeQuery("SELECT id FROM rio_partition WHERE id IN ("
                    + placeholders(ids.size()) + ")"), 1, ids).getResultList()) {
                existing.add(((Number) id).intValue());
            }
            for (Integer id : ids) {
                if (!existing.contains(id)) {
                    em.createNativeQuery("INSERT INTO rio_partition (id, owner, epoch, modified_at) VALUES (?, ?, 1, ?)")
                            .setParameter(1, id).setParameter(2, owner).setParameter(3, now).executeUpdate();
                }
            }
            for (Object row : bindIds(em.createNativeQuery("SELECT id, epoch FROM rio_partition WHERE id IN ("
                    + placeholders(ids.size()) + ")"), 1, ids).getResultList()) {
                Object[] cols = (Object[]) row;
                epochs.put(((Number) cols[0]).intValue(), ((Number) cols[1]).longValue());
            }
        }
        List<Fence> taken = new ArrayList<>(ids.size());
        for (Integer id : ids) {
            taken.add(new Fence(id, epochs.get(id)));
        }
        return taken;
    }

    /** One SELECT. */
    @Override
    public List<PartitionRow> partitionRows() {
        List<PartitionRow> rows = new ArrayList<>();
        for (Object row : entityManagers.get().createNativeQuery(
                "SELECT id, owner, epoch, modified_at FROM rio_partition ORDER BY id").getResultList()) {
            Object[] c = (Object[]) row;
            rows.add(new PartitionRow(((Number) c[0]).intValue(), (String) c[1], ((Number) c[2]).longValue(),
                    ((Number) c[3]).longValue()));
        }
        return rows;
    }

    /** One SELECT on the due index ({@code partition_id, arrival} of unfinished, unpaused rows). */
    @Override
    public List<Due> findDue(Collection<Integer> partitions, long dueBy, long afterArrival, int limit) {
        if (partitions.isEmpty()) {
            return List.of();
        }
        List<Integer> ids = List.copyOf(partitions);
        Query q = entityManagers.get().createNativeQuery(InvocationSql.FIND_DUE + placeholders(ids.size())
                + ") ORDER BY arrival LIMIT ?").setParameter(1, dueBy).setParameter(2, afterArrival);
        bindIds(q, 3, ids).setParameter(3 + ids.size(), limit);
        List<?> rows = q.getResultList();
        List<Due> due = new ArrayList<>(rows.size());
        for (Object row : rows) {
            Object[] cols = (Object[]) row;
            InvocationRecord record = InvocationSql.toRecord(cols);
            due.add(new Due(((Number) cols[cols.length - 1]).longValue(), record));
        }
        return due;
    }

    private static String placeholders(int n) {
        StringBuilder sb = new StringBuilder(n * 3);
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "?" : ", ?");
        }
        return sb.toString();
    }

    private static Query bindIds(Query q, int first, List<Integer> ids) {
        int p = first;
        for (Integer id : ids) {
            q.setParameter(p++, id);
        }
        return q;
    }
}
