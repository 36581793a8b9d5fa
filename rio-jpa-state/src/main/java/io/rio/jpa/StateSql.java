package io.rio.jpa;

import io.rio.spi.FencedException;
import io.rio.spi.LockedObject;
import io.rio.spi.PartitionStore;
import io.rio.spi.StateChanges;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The native SQL of {@link JpaRioStore} on object rows and state ({@code rio_object}, {@code rio_state}): the
 * per-key lock, and reading and writing state. See {@link JpaRioStore#lockObject(String, String)} for the
 * statements each takes.
 *
 * <p>Thread safety: immutable; each call works in the caller's entity manager.
 */
final class StateSql {
    private final Dialect dialect;
    private final String lockObjectSql;
    private final String lockExistingObjectSql;

    StateSql(Dialect dialect) {
        this.dialect = dialect;
        this.lockObjectSql = dialect.lockObjectSql();
        this.lockExistingObjectSql = dialect.lockExistingObjectSql();
    }

    /**
     * Locks the object; with a {@code fence}, fails unless its partition is at the fence's epoch.
     *
     * @throws FencedException if the partition has moved on
     */
    LockedObject lock(EntityManager em, String service, String key, long cachedVersion, PartitionStore.Fence fence) {
        int partition = fence == null ? -1 : fence.partition();
        if (lockExistingObjectSql == null) {
            Object[] locked = (Object[]) em.createNativeQuery(lockObjectSql).setParameter(1, service)
                    .setParameter(2, key).setParameter(3, ThreadLocalRandom.current().nextLong(1L << 32, 1L << 62))
                    .setParameter(4, partition)
                    .getSingleResult();
            check(fence, (Number) locked[3], service, key);
            long version = ((Number) locked[0]).longValue();
            String head = (String) locked[2];
            if (Boolean.TRUE.equals(locked[1])) {
                return new LockedObject(version, new HashMap<>(4), head);
            }
            if (cachedVersion >= 0 && version == cachedVersion + 1) {
                return new LockedObject(version, null, head);
            }
            return new LockedObject(version, read(em, service, key), head);
        }
        if (em.createNativeQuery(lockExistingObjectSql).setParameter(1, service).setParameter(2, key)
                .executeUpdate() == 0) {
            em.createNativeQuery(lockObjectSql).setParameter(1, service).setParameter(2, key).executeUpdate();
        }
        Object[] row = (Object[]) em.createNativeQuery("SELECT o.head, (SELECT p.epoch FROM rio_partition p "
                + "WHERE p.id = ?) FROM rio_object o WHERE o.service = ? AND o.obj_key = ?")
                .setParameter(1, partition).setParameter(2, service).setParameter(3, key).getSingleResult();
        check(fence, (Number) row[1], service, key);
        return new LockedObject(-1, read(em, service, key), (String) row[0]);
    }

    private static void check(PartitionStore.Fence fence, Number epoch, String service, String key) {
        if (fence != null && (epoch == null || epoch.longValue() != fence.epoch())) {
            throw new FencedException(fence.partition(), "Object " + service + "/" + key + ": partition "
                    + fence.partition() + " is at epoch " + epoch + ", not " + fence.epoch());
        }
    }

    /** Makes {@code invocationId} the object's head (one upsert of its row). */
    void hold(EntityManager em, String service, String key, String invocationId) {
        em.createNativeQuery(dialect.holdObjectSql()).setParameter(1, service).setParameter(2, key)
                .setParameter(3, ThreadLocalRandom.current().nextLong(1L << 32, 1L << 62))
                .setParameter(4, invocationId).executeUpdate();
    }

    /** Clears the object's head if it is {@code invocationId}. */
    void release(EntityManager em, String service, String key, String invocationId) {
        em.createNativeQuery("UPDATE rio_object SET head = NULL WHERE service = ? AND obj_key = ? AND head = ?")
                .setParameter(1, service).setParameter(2, key).setParameter(3, invocationId).executeUpdate();
    }

    Map<String, String> read(EntityManager em, String service, String key) {
        List<?> rows = em.createNativeQuery("SELECT name, value_json FROM rio_state WHERE service = ? AND obj_key = ?")
                .setParameter(1, service)
                .setParameter(2, key)
                .getResultList();
        Map<String, String> state = new HashMap<>(Math.max(4, rows.size() * 2));
        for (Object row : rows) {
            Object[] cols = (Object[]) row;
            state.put((String) cols[0], (String) cols[1]);
        }
        return state;
    }

    void apply(EntityManager em, String service, String key, StateChanges changes) {
                if (changes.clearAll()) {
            em.createNativeQuery("DELETE FROM rio_state WHERE service = ? AND obj_key = ?")
                    .setParameter(1, service).setParameter(2, key).executeUpdate();
        } else if (!changes.removed().isEmpty()) {
            StringBuilder sql = new StringBuilder("DELETE FROM rio_state WHERE service = ? AND obj_key = ? AND name IN (");
            for (int i = 0; i < changes.removed().size(); i++) {
                sql.append(i == 0 ? "?" : ", ?");
            }
            Query delete = em.createNativeQuery(sql.append(')').toString())
                    .setParameter(1, service).setParameter(2, key);
            int p = 3;
            for (String name : changes.removed()) {
                delete.setParameter(p++, name);
            }
            delete.executeUpdate();
        }
        if (!changes.set().isEmpty()) {
            Query upsert = em.createNativeQuery(dialect.upsertStateSql(changes.set().size()));
            int p = 1;
            for (Map.Entry<String, String> e : changes.set().entrySet()) {
                upsert.setParameter(p++, service)
                        .setParameter(p++, key)
                        .setParameter(p++, e.getKey())
                        .setParameter(p++, e.getValue());
            }
            upsert.executeUpdate();
        }
    }
}
