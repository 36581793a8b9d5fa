package io.rio.sample.it.app;

import io.rio.api.Handler;
import io.rio.api.ObjectContext;
import io.rio.api.VirtualObject;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An attempt stays one transaction across its steps. {@code lockedAfterStep} runs a step, then tries to lock the
 * object's row from a connection of its own (outside Rio and the server's pool) without waiting, and answers
 * whether the row was locked. {@code bodyWriteThenStepThenFail} writes a row of its own, runs a step and fails its
 * first attempt: that attempt's row must roll back with it.
 */
@VirtualObject
public class StepLock {

    private static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();

    @Inject
    TestRows rows;

    /** Answers the number of the attempt that succeeded (2). */
    @Handler
    public int bodyWriteThenStepThenFail(ObjectContext ctx, String tag) {
        rows.step(tag, "body");
        ctx.run("after-body", Long.class, () -> 1L);
        int attempt = ATTEMPTS.computeIfAbsent(tag, k -> new AtomicInteger()).incrementAndGet();
        if (attempt == 1) {
            throw new IllegalStateException("simulated failure after a step, attempt " + attempt);
        }
        return attempt;
    }

    /** The IT database, as {@code it-postgres/web.xml} names it. */
    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

    @Handler
    public boolean lockedAfterStep(ObjectContext ctx) {
        ctx.run("step", Long.class, () -> 1L);
        org.postgresql.ds.PGSimpleDataSource own = new org.postgresql.ds.PGSimpleDataSource();
        own.setURL(URL);
        own.setUser("postgres");
        try (Connection c = own.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT version FROM rio_object WHERE service = ? AND obj_key = ? FOR UPDATE NOWAIT")) {
                ps.setString(1, "StepLock");
                ps.setString(2, ctx.key());
                ps.executeQuery().close();
                c.rollback();
                return false;
            } catch (SQLException e) {
                if ("55P03".equals(e.getSQLState())) {
                    return true; // lock_not_available: the attempt holds it
                }
                throw new IllegalStateException("Probing the lock of StepLock/" + ctx.key() + " failed", e);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot connect to " + URL, e);
        }
    }
}
