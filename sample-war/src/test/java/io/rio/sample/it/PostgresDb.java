package io.rio.sample.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** JDBC access to the test database (127.0.0.1:5432/test, user postgres, trust auth). */
final class PostgresDb {

    static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private PostgresDb() {
    }

    /** The PostgreSQL JDBC driver's jar (on the test class path), for servers the tests configure themselves. */
    static java.nio.file.Path driverJar() {
        try {
            return java.nio.file.Path.of(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Deletes every stored invocation of {@code service} whose key starts with {@code keyPrefix}, with its journal,
     * object row and state: for tests that leave parked invocations behind (one-hour sleeps) that would
     * otherwise come due in later tests on the same database.
     */
    static void purgeInvocations(String service, String keyPrefix) {
        String keys = "SELECT id FROM rio_invocation WHERE service = ? AND obj_key LIKE ?";
        try (Connection c = connect()) {
            for (String sql : List.of("DELETE FROM rio_journal WHERE invocation_id IN (" + keys + ")",
                    "DELETE FROM rio_state WHERE service = ? AND obj_key LIKE ?",
                    "DELETE FROM rio_object WHERE service = ? AND obj_key LIKE ?",
                    "DELETE FROM rio_invocation WHERE service = ? AND obj_key LIKE ?")) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, service);
                    ps.setString(2, keyPrefix + "%");
                    ps.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot purge " + service + " invocations of keys " + keyPrefix + "*", e);
        }
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, "postgres", "");
    }

    /**
     * Empties the sample's and the tests' own tables (Rio's tables are left alone: tests use unique
     * keys). Tables that do not exist yet (first deployment ever) are skipped.
     */
    static void cleanApplicationTables() {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String table : List.of("sample_order", "sample_sent_email", "sample_payment_event", "sample_account", "it_probe", "it_step", "it_tick")) {
                try (ResultSet rs = c.getMetaData().getTables(null, null, table, null)) {
                    if (rs.next()) {
                        s.executeUpdate("DELETE FROM " + table);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot clean the test tables in " + URL
                    + "; is PostgreSQL running (pg_isready -h 127.0.0.1)?", e);
        }
    }

    static long count(String sql, Object... args) {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed: " + sql, e);
        }
    }

    /** The first column of every row {@code sql} selects, as strings, in order. */
    static List<String> strings(String sql, Object... args) {
        List<String> out = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed: " + sql, e);
        }
        return out;
    }

    /** The committed {@code ProbedCounter.add} intervals of a key, ordered by start: {start, end} in micros. */
    static List<long[]> probeIntervals(String key) {
        List<long[]> out = new ArrayList<>();
        try (Connection c = connect();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT start_micros, end_micros, node FROM it_probe WHERE obj_key = ? ORDER BY start_micros, end_micros")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new long[] {rs.getLong(1), rs.getLong(2), rs.getString(3).hashCode()});
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read it_probe", e);
        }
        return out;
    }
}
