package io.rio.jpa;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** Data sources of the test databases: the local PostgreSQL (one schema per use) and H2 in memory. */
final class TestDatabases {
    static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private TestDatabases() {
    }

    /** An empty PostgreSQL schema {@code schema} (dropped and recreated), as the data source's current schema. */
    static DataSource freshPostgresSchema(String schema) {
        PGSimpleDataSource admin = pg(PG_URL);
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + PG_URL + " (user postgres) is required by these tests "
                    + "and is not usable: " + e.getMessage() + ". Start it, e.g. pg_ctlcluster 15 main start.", e);
        }
        return pg(PG_URL + "?currentSchema=" + schema);
    }

    private static PGSimpleDataSource pg(String url) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        ds.setUser("postgres");
        return ds;
    }

    /** A new, empty H2 in-memory database that lives until the JVM ends. */
    static DataSource freshH2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:rio-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        ds.setUser("sa");
        return ds;
    }
}
