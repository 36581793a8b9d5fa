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
     * UPDATE}) it always bumps the version; H2's {@code MERGE ... KEY} (which retries a concurrent insert) writes
     * version 0, so on H2 {@link #lockExistingObjectSql()} runs first and this one only for a new row.
     */
    String lockObjectSql() {
        return switch (this) {
            case POSTGRESQL -> "INSERT INTO rio_object (service, obj_key, version) VALUES (?, ?, 0) "
                    + "ON CONFLICT (service, obj_key) DO UPDATE SET version = rio_object.version + 1";
            case H2 -> "MERGE INTO rio_object (service, obj_key, version) KEY (service, obj_key) VALUES (?, ?, 0)";
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
}
