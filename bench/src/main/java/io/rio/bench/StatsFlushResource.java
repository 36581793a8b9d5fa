package io.rio.bench;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * {@code POST /bench/stats/flush}: makes every PostgreSQL backend of the pool publish its pending statistics,
 * so that {@code pg_stat_database.xact_commit} read right afterwards is exact.
 *
 * <p>PostgreSQL 15 publishes a backend's counts at most once a second and, when a backend goes idle less than a
 * second after its last flush, only ten seconds later; after a burst of load the last second of commits is
 * missing for that long. This endpoint borrows as many connections as the database has client backends (the
 * pool hands out its idle ones first) and runs {@code SELECT pg_stat_force_next_flush()} on each, which makes
 * each backend flush as soon as it goes idle. Its own statements run in transactions that it rolls back, so it
 * adds nothing to {@code xact_commit}. It answers the number of backends it asked to flush.
 *
 * <p>It borrows at most {@code bench.stats.max-connections} (MicroProfile Config, default 80: the single-node
 * pool's maximum) connections. In the cluster scenarios the database's backends belong to three pools of 30;
 * bench/run.sh passes {@code -Dbench.stats.max-connections=30} to each node, so that a node takes its whole
 * pool but never waits for a connection its pool cannot give, and each node flushes its own.
 *
 * <p>Error handling: answers 500 with PostgreSQL's message, e.g. on a server older than 15; the bench script
 * then falls back to waiting.
 */
@ApplicationScoped
@Path("stats/flush")
public class StatsFlushResource {

    private static final String BACKENDS = "SELECT count(*) FROM pg_stat_activity "
            + "WHERE datname = current_database() AND backend_type = 'client backend'";
    private static final int DEFAULT_MAX_CONNECTIONS = 80;

    @Resource(lookup = "java:global/jdbc/rio")
    DataSource dataSource;

    @POST
    @Produces(MediaType.TEXT_PLAIN)
    public String flush() throws SQLException {
        List<Connection> held = new ArrayList<>();
        try {
            held.add(dataSource.getConnection());
            long backends;
            try (Statement s = held.get(0).createStatement(); ResultSet rs = s.executeQuery(BACKENDS)) {
                rs.next();
                backends = rs.getLong(1);
            }
            int max = ConfigProvider.getConfig().getOptionalValue("bench.stats.max-connections", Integer.class)
                    .orElse(DEFAULT_MAX_CONNECTIONS);
            while (held.size() < Math.min(backends, max)) {
                held.add(dataSource.getConnection());
            }
            for (Connection c : held) {
                forceFlush(c);
            }
            return Integer.toString(held.size());
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
    }

    /** Asks the backend of {@code c} to flush when it next goes idle, in a transaction that is rolled back. */
    private static void forceFlush(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_force_next_flush()");
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }
}
