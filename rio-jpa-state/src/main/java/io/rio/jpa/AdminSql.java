package io.rio.jpa;

import io.rio.spi.InvocationQuery;
import io.rio.spi.InvocationRecord;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The administration and retention statements of {@link JpaRioStore}: listing invocations and object keys, and
 * purging ended invocations with everything that belongs to them. Each method works with the given entity manager,
 * inside the caller's transaction, and never commits.
 */
final class AdminSql {
    /** The idempotency key under which a workflow's {@code run} invocation is stored. */
    static final String WORKFLOW_RUN = "~run";
    /** Invocations purged per batch of statements, which keeps the parameter lists of the IN clauses bounded. */
    static final int PURGE_BATCH = 500;

    private AdminSql() {
    }

    /** One SELECT, newest ({@code created_at}, then id) first. */
    static List<InvocationRecord> listInvocations(EntityManager em, InvocationQuery query) {
        requirePositive(query.limit());
        StringBuilder sql = new StringBuilder("SELECT " + InvocationSql.COLUMNS + " FROM rio_invocation");
        List<Object> params = new ArrayList<>(4);
        String glue = " WHERE ";
        if (query.service() != null) {
            sql.append(glue).append("service = ?");
            params.add(query.service());
            glue = " AND ";
        }
        if (query.objectKey() != null) {
            sql.append(glue).append("obj_key = ?");
            params.add(query.objectKey());
            glue = " AND ";
        }
        if (query.status() != null) {
            sql.append(glue).append("status = ?");
            params.add(query.status().name());
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        params.add(query.limit());
        Query q = em.createNativeQuery(sql.toString());
        for (int i = 0; i < params.size(); i++) {
            q.setParameter(i + 1, params.get(i));
        }
        List<?> rows = q.getResultList();
        List<InvocationRecord> result = new ArrayList<>(rows.size());
        for (Object row : rows) {
            result.add(InvocationSql.toRecord((Object[]) row));
        }
        return result;
    }

    /** A conditional DELETE of the invocation and, if it had ended, two DELETEs (journal, signals). */
    static boolean purgeInvocation(EntityManager em, String id) {
        List<?> found = em.createNativeQuery("SELECT service, obj_key, idempotency_key FROM rio_invocation WHERE id = ?"
                + " AND " + InvocationSql.ENDED).setParameter(1, id).getResultList();
        int deleted = found.isEmpty() ? 0
                : em.createNativeQuery("DELETE FROM rio_invocation WHERE id = ? AND " + InvocationSql.ENDED)
                        .setParameter(1, id)
                        .executeUpdate();
        if (deleted == 0) {
            return false;
        }
        em.createNativeQuery("DELETE FROM rio_journal WHERE invocation_id = ?").setParameter(1, id).executeUpdate();
        em.createNativeQuery(SignalSql.DELETE_SCOPE).setParameter(1, id).executeUpdate();
        Object[] row = (Object[]) found.get(0);
        String service = (String) row[0];
        String key = (String) row[1];
        if (key != null && WORKFLOW_RUN.equals(row[2])) {
            // a workflow's run owns the workflow's state and promises: purging it frees the key entirely
            Set<Map.Entry<String, String>> workflow = Set.of(Map.entry(service, key));
            deleteObjects(em, "rio_state", workflow);
            deleteObjects(em, "rio_object", workflow);
            em.createNativeQuery(SignalSql.DELETE_SCOPE).setParameter(1, "wf/" + service + "/" + key).executeUpdate();
        }
        return true;
    }

    /** One SELECT on the primary key of {@code rio_object}, in the database's collation order. */
    static List<String> listObjectKeys(EntityManager em, String service, int limit) {
        requirePositive(limit);
        List<?> rows = em.createNativeQuery("SELECT obj_key FROM rio_object WHERE service = ? ORDER BY obj_key LIMIT ?")
                .setParameter(1, service)
                .setParameter(2, limit)
                .getResultList();
        List<String> keys = new ArrayList<>(rows.size());
        for (Object row : rows) {
            keys.add((String) row);
        }
        return keys;
    }

    /**
     * Per batch of up to {@value #PURGE_BATCH} invocations: the delete of {@link Dialect#purgeEndedSql()}, then one
     * DELETE of their journals and one of their signals (scopes: their ids, and {@code wf/<service>/<key>} of
     * workflow runs), and, if the batch holds workflow runs, one DELETE of their state and one of their object
     * rows: at most five statements. Stops at {@code limit} or at the first batch that comes back short.
     */
    static int purgeEndedBefore(EntityManager em, Dialect dialect, long cutoff, int limit) {
        requirePositive(limit);
        // fired schedule ticks older than the retention can no longer be claimed late
        em.createNativeQuery("DELETE FROM rio_schedule_tick WHERE tick < ?").setParameter(1, cutoff).executeUpdate();
        String purgeSql = dialect.purgeEndedSql();
        int purged = 0;
        while (purged < limit) {
            int batch = Math.min(PURGE_BATCH, limit - purged);
            List<?> rows = em.createNativeQuery(purgeSql).setParameter(1, cutoff).setParameter(2, batch)
                    .getResultList();
            if (rows.isEmpty()) {
                break;
            }
            List<String> ids = new ArrayList<>(rows.size());
            Set<String> scopes = new LinkedHashSet<>();
            Set<Map.Entry<String, String>> workflows = new LinkedHashSet<>();
            for (Object row : rows) {
                Object[] cols = (Object[]) row;
                String id = (String) cols[0];
                String service = (String) cols[1];
                String key = (String) cols[2];
                ids.add(id);
                scopes.add(id);
                if (key != null && WORKFLOW_RUN.equals(cols[3])) {
                    workflows.add(Map.entry(service, key));
                    scopes.add("wf/" + service + "/" + key);
                }
            }
            deleteIn(em, "DELETE FROM rio_journal WHERE invocation_id IN (", ids);
            deleteIn(em, "DELETE FROM rio_signal WHERE scope IN (", scopes);
            if (!workflows.isEmpty()) {
                deleteObjects(em, "rio_state", workflows);
                deleteObjects(em, "rio_object", workflows);
            }
            purged += rows.size();
            if (rows.size() < batch) {
                break;
            }
        }
        return purged;
    }

    private static void deleteIn(EntityManager em, String prefix, Iterable<String> values) {
        StringBuilder sql = new StringBuilder(prefix);
        List<String> params = new ArrayList<>();
        for (String v : values) {
            sql.append(params.isEmpty() ? "?" : ", ?");
            params.add(v);
        }
        Query q = em.createNativeQuery(sql.append(')').toString());
        for (int i = 0; i < params.size(); i++) {
            q.setParameter(i + 1, params.get(i));
        }
        q.executeUpdate();
    }

    /** Deletes the rows of {@code table} that belong to any of the (service, obj_key) pairs. */
    private static void deleteObjects(EntityManager em, String table, Set<Map.Entry<String, String>> objects) {
        StringBuilder sql = new StringBuilder("DELETE FROM ").append(table).append(" WHERE ");
        for (int i = 0; i < objects.size(); i++) {
            sql.append(i == 0 ? "" : " OR ").append("(service = ? AND obj_key = ?)");
        }
        Query q = em.createNativeQuery(sql.toString());
        int p = 1;
        for (Map.Entry<String, String> o : objects) {
            q.setParameter(p++, o.getKey()).setParameter(p++, o.getValue());
        }
        q.executeUpdate();
    }

    private static void requirePositive(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("Rio store queries need a positive limit, got " + limit);
        }
    }
}
