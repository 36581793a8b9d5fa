package io.rio.jpa;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Creates and upgrades Rio's tables by numbered SQL scripts ({@code io/rio/jpa/migrations/<dialect>/V<n>.sql}),
 * recording each applied version in {@code rio_schema_version}. Plain JDBC: run it before the
 * {@link jakarta.persistence.EntityManagerFactory} is used, outside any JTA transaction.
 *
 * <p>Thread safety: safe when several threads or server nodes migrate one database at once. On PostgreSQL the
 * whole migration is one transaction holding {@code pg_advisory_xact_lock}, so concurrent migrators run one after
 * the other and the later ones find nothing to do. H2 commits DDL at once; there the migrators of one JVM are
 * serialized, and every H2 script is written to be re-runnable ({@code IF NOT EXISTS}).
 *
 * <p>Error handling: a failing script throws {@link IllegalStateException} naming the version and the statement;
 * on PostgreSQL nothing of that migration run stays behind.
 */
public final class SchemaMigrator {
    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());
    /** Advisory lock key shared by all Rio migrators ("RIO" in ASCII). */
    private static final long PG_LOCK_KEY = 0x52494FL;
    private static final Object JVM_LOCK = new Object();

    private final DataSource dataSource;

    public SchemaMigrator(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Applies every script newer than the database's version.
     *
     * @return the schema version the database has now
     */
    public int migrate() {
        synchronized (JVM_LOCK) {
            try (Connection c = dataSource.getConnection()) {
                boolean autoCommit = c.getAutoCommit();
                c.setAutoCommit(false);
                try {
                    int version = migrate(c, Dialect.of(c.getMetaData()));
                    c.commit();
                    return version;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(autoCommit);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Rio could not migrate its schema: " + e.getMessage()
                        + " (SQLState " + e.getSQLState() + "). Check that the data source named by rio.datasource "
                        + "is reachable and its user may create tables.", e);
            }
        }
    }

    private int migrate(Connection c, Dialect dialect) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (dialect == Dialect.POSTGRESQL) {
                s.execute("SELECT pg_advisory_xact_lock(" + PG_LOCK_KEY + ")");
            }
            s.execute("CREATE TABLE IF NOT EXISTS rio_schema_version (version INTEGER NOT NULL PRIMARY KEY, "
                    + "description VARCHAR(255) NOT NULL, installed_at BIGINT NOT NULL)");
        }
        int current = currentVersion(c);
        int version = current;
        for (String script; (script = load(dialect.migrationPath(version + 1))) != null; ) {
            version++;
            apply(c, version, script);
            if (dialect == Dialect.H2) {
                c.commit(); // H2 commits DDL anyway; on PostgreSQL one transaction keeps the advisory lock
            }
        }
        if (version != current) {
            int to = version;
            LOG.info(() -> "Rio schema of " + dialect + " migrated from version " + current + " to " + to);
        }
        return version;
    }

    /** The highest version recorded in {@code rio_schema_version}, 0 if none. */
    static int currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM rio_schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void apply(Connection c, int version, String script) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : statements(script)) {
                try {
                    s.execute(sql);
                } catch (SQLException e) {
                    throw new IllegalStateException("Rio schema migration V" + version + " failed at: " + sql
                            + ": " + e.getMessage() + " (SQLState " + e.getSQLState() + ")", e);
                }
            }
        }
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO rio_schema_version (version, description, installed_at) VALUES (?, ?, ?)")) {
            p.setInt(1, version);
            p.setString(2, description(script));
            p.setLong(3, System.currentTimeMillis());
            p.executeUpdate();
        }
    }

    /** The statements of a script: comment lines dropped, split at semicolons. */
    static List<String> statements(String script) {
        StringBuilder text = new StringBuilder();
        for (String line : script.split("\n")) {
            if (!line.strip().startsWith("--")) {
                text.append(line).append('\n');
            }
        }
        List<String> result = new ArrayList<>();
        for (String sql : text.toString().split(";")) {
            if (!sql.isBlank()) {
                result.add(sql.strip());
            }
        }
        return result;
    }

    private static String description(String script) {
        String first = script.lines().findFirst().orElse("").strip();
        String d = first.startsWith("--") ? first.substring(2).strip() : "";
        return d.length() > 255 ? d.substring(0, 255) : d;
    }

    private static String load(String path) {
        try (InputStream in = SchemaMigrator.class.getClassLoader().getResourceAsStream(path)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Rio could not read its migration script " + path, e);
        }
    }
}
