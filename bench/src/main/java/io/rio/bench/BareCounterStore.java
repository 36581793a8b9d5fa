package io.rio.bench;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The bare counter upsert on table {@code bench_counter(k, v)} (created by {@code bench/sql/schema.sql}), on
 * the same data source as Rio. Each call is one JTA transaction holding one statement.
 *
 * <p>Thread safety: stateless; concurrent adds on one key are serialized by PostgreSQL's row lock.
 */
@ApplicationScoped
public class BareCounterStore {

    private static final String UPSERT = "INSERT INTO bench_counter (k, v) VALUES (?, ?) "
            + "ON CONFLICT (k) DO UPDATE SET v = bench_counter.v + EXCLUDED.v RETURNING v";

    @Resource(lookup = "java:global/jdbc/rio")
    DataSource dataSource;

    /**
     * Adds {@code delta} to the counter of {@code key}, creating it at {@code delta}.
     *
     * @return the new value
     * @throws IllegalStateException naming the table and the fix when the upsert fails
     */
    @Transactional
    public long add(String key, long delta) {
        return upsert(key, delta);
    }

    /**
     * The same upsert outside any transaction, on the connection's autocommit: one database round trip where a
     * transaction takes two (the statement, then the commit). Rio accepts sends this way.
     *
     * @return the new value
     */
    public long addAutocommit(String key, long delta) {
        return upsert(key, delta);
    }

    private long upsert(String key, long delta) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(UPSERT)) {
            ps.setString(1, key);
            ps.setLong(2, delta);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Upsert into bench_counter failed for key '" + key
                    + "'; create the table with bench/sql/schema.sql (bench/run.sh does): " + e.getMessage(), e);
        }
    }
}
