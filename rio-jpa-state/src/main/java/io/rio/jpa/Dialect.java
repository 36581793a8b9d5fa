package io.rio.jpa;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The databases Rio's schema and native statements support, with the SQL that differs between them.
 *
 * <p>Thread safety: immutable.
 */
public enum Dialect {
    /** PostgreSQL 12 or later (generated columns, {@code ON CONFLICT}). */
    POSTGRESQL("postgresql"),
    /** H2 2.2 (the embedded default database of Payara and WildFly). */
    H2("h2");

    private final String resourceDirectory;

    Dialect(String resourceDirectory) {
        this.resourceDirectory = resourceDirectory;
    }

    /** The dialect of the database behind {@code dataSource}; opens and closes one connection. */
    public static Dialect detect(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return of(c.getMetaData());
        } catch (SQLException e) {
            throw new IllegalStateException("Rio could not connect to its data source to detect the database: "
                    + e.getMessage() + ". Check the data source named by rio.datasource.", e);
        }
    }

    /** The dialect of a database, from its product name. */
    public static Dialect of(DatabaseMetaData meta) throws SQLException {
        String product = meta.getDatabaseProductName();
        String p = product == null ? "" : product.toLowerCase(Locale.ROOT);
        if (p.contains("postgresql")) {
            return POSTGRESQL;
        }
        if (p.equals("h2")) {
            return H2;
        }
        throw new IllegalStateException("Rio does not support the database '" + product + "' (" + meta.getURL()
                + "). Point rio.datasource at a PostgreSQL or H2 data source.");
    }

    /** The class-path folder of this dialect's migration scripts {@code V1.sql, V2.sql, ...}. */
    String migrationPath(int version) {
        return "io/rio/jpa/migrations/" + resourceDirectory + "/V" + version + ".sql";
    }

    /**
     * The statement that creates the row of (service = ?1, obj_key = ?2) if absent, or else bumps its version, and
     * so holds its row lock until the transaction ends. A concurrent creator of the same row waits for this
     * transaction and then locks the row instead of failing. On PostgreSQL ({@code INSERT ... ON CONFLICT DO
     * UPDATE}) a new row starts at version ?3 and an existing one is bumped; it returns the version and whether
     * this statement created the row ({@code xmax = 0}: only a freshly inserted row has no locker). H2's
     * {@code MERGE ... KEY} (which retries a concurrent insert) writes version 0 and returns nothing, so on H2
     * {@link #lockExistingObjectSql()} runs first and this one only for a new row.
     */
    String lockObjectSql() {
        return switch (this) {
            case POSTGRESQL -> "INSERT INTO rio_object (service, obj_key, version) VALUES (?, ?, ?) "
                    + "ON CONFLICT (service, obj_key) DO UPDATE SET version = rio_object.version + 1 "
                    + "RETURNING version, xmax = 0, head, (SELECT p.epoch FROM rio_partition p WHERE p.id = ?)";
            case H2 -> "MERGE INTO rio_object (service, obj_key, version) KEY (service, obj_key) VALUES (?, ?, 0)";
        };
    }

    /**
     * The upsert that makes invocation ?4 the head of object (?1, ?2), creating its row at version ?3 if absent,
     * without bumping an existing row's version (the state does not change).
     */
    String holdObjectSql() {
        return switch (this) {
            case POSTGRESQL -> "INSERT INTO rio_object (service, obj_key, version, head) VALUES (?, ?, ?, ?) "
                    + "ON CONFLICT (service, obj_key) DO UPDATE SET head = EXCLUDED.head";
            case H2 -> "MERGE INTO rio_object (service, obj_key, version, head) KEY (service, obj_key) "
                    + "VALUES (?, ?, ?, ?)";
        };
    }

    /**
     * An UPDATE that bumps the version of an existing row (service = ?1, obj_key = ?2), locking it, to run before
     * {@link #lockObjectSql()}; {@code null} when that statement alone does both.
     */
    String lockExistingObjectSql() {
        return this == H2 ? "UPDATE rio_object SET version = version + 1 WHERE service = ? AND obj_key = ?" : null;
    }

    /** One statement that writes {@code entries} rows (service, obj_key, name, value_json), replacing existing ones. */
    String upsertStateSql(int entries) {
        StringBuilder sql = new StringBuilder(96 + 16 * entries);
        sql.append(this == POSTGRESQL ? "INSERT INTO rio_state (service, obj_key, name, value_json) VALUES "
                : "MERGE INTO rio_state (service, obj_key, name, value_json) KEY (service, obj_key, name) VALUES ");
        for (int i = 0; i < entries; i++) {
            sql.append(i == 0 ? "(?, ?, ?, ?)" : ", (?, ?, ?, ?)");
        }
        if (this == POSTGRESQL) {
            sql.append(" ON CONFLICT (service, obj_key, name) DO UPDATE SET value_json = EXCLUDED.value_json");
        }
        return sql.toString();
    }

    /**
     * A query that records tick ?2 of schedule ?1 in {@code rio_schedule_tick} unless present and returns one row
     * with one number: 1 if this statement inserted it, else 0. It never fails on a conflict, so the caller's
     * transaction stays usable, and a concurrent claimer of the same tick waits for the first one's transaction:
     * it gets 0 if that commits and 1 if it rolls back. PostgreSQL: {@code INSERT ... ON CONFLICT DO NOTHING
     * RETURNING}; H2: {@code MERGE ... KEY} (which retries a concurrent insert as an update) seen through
     * {@code OLD TABLE}, which holds a row only when the tick existed.
     */
    String claimTickSql() {
        return switch (this) {
            case POSTGRESQL -> "WITH claimed AS (INSERT INTO rio_schedule_tick (schedule, tick) VALUES (?, ?) "
                    + "ON CONFLICT DO NOTHING RETURNING 1) SELECT COUNT(*) FROM claimed";
            case H2 -> "SELECT 1 - COUNT(*) FROM OLD TABLE "
                    + "(MERGE INTO rio_schedule_tick (schedule, tick) KEY (schedule, tick) VALUES (?, ?))";
        };
    }

    /**
     * A query that deletes up to ?2 invocations that ended before ?1 (by {@code modified_at}), oldest first, and
     * returns the deleted rows' (id, service, obj_key, idempotency_key). Only rows this statement deleted are
     * returned, so concurrent purgers never clean up after the same invocation. PostgreSQL: {@code DELETE ...
     * RETURNING}, skipping rows another purger has locked; H2: a delete seen through {@code OLD TABLE}.
     */
    String purgeEndedSql() {
        String ended = "SELECT id FROM rio_invocation WHERE " + InvocationSql.ENDED + " AND modified_at < ? "
                + "ORDER BY modified_at";
        return switch (this) {
            case POSTGRESQL -> "DELETE FROM rio_invocation WHERE id IN (" + ended + " LIMIT ? FOR UPDATE SKIP LOCKED) "
                    + "RETURNING id, service, obj_key, idempotency_key";
            case H2 -> "SELECT id, service, obj_key, idempotency_key FROM OLD TABLE "
                    + "(DELETE FROM rio_invocation WHERE id IN (" + ended + " FETCH FIRST ? ROWS ONLY))";
        };
    }
}
