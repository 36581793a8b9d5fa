package io.rio.sample.it.app;

import io.rio.api.Context;
import io.rio.api.Handler;
import io.rio.api.Service;
import io.rio.api.TerminalException;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Steps whose database writes must commit exactly once: a step that inserts and then fails twice,
 * a step that inserts and then fails terminally, and a job that sleeps between two steps (the
 * process is killed during the sleep).
 */
@Service
public class Steps {

    /** How long {@link #slowJob} sleeps between its steps. */
    public static final long SLOW_JOB_SLEEP_MILLIS = 8_000;

    private static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();

    @Inject
    TestRows rows;

    @Handler
    public long insertThenFail(Context ctx, String tag) {
        return ctx.run("insert-then-fail", Long.class, () -> {
            long id = rows.step(tag, "insert-then-fail");
            int attempt = ATTEMPTS.computeIfAbsent(tag, k -> new AtomicInteger()).incrementAndGet();
            if (attempt <= 2) {
                throw new IllegalStateException("simulated failure after insert, attempt " + attempt);
            }
            return id;
        });
    }

    @Handler
    public long insertThenTerminal(Context ctx, String tag) {
        return ctx.run("insert-then-terminal", Long.class, () -> {
            rows.step(tag, "insert-then-terminal");
            ATTEMPTS.computeIfAbsent(tag, k -> new AtomicInteger()).incrementAndGet();
            throw new TerminalException(422, "rejected " + tag);
        });
    }

    @Handler
    public String slowJob(Context ctx, String tag) {
        long first = ctx.run("first", Long.class, () -> rows.step(tag, "first"));
        try {
            Thread.sleep(SLOW_JOB_SLEEP_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sleeping", e);
        }
        long second = ctx.run("second", Long.class, () -> rows.step(tag, "second"));
        return tag + ":" + first + ":" + second;
    }

    /** How many times a step action of {@code tag} ran in this JVM. */
    @Handler
    public int attempts(Context ctx, String tag) {
        AtomicInteger n = ATTEMPTS.get(tag);
        return n == null ? 0 : n.get();
    }
}
