package io.rio.sample.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rio.sample.it.app.Steps;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of Payara Micro while a handler sleeps between two steps, then a restart on the
 * same PostgreSQL database: the invocation completes by itself without repeating its first step.
 */
class CrashRecoveryIT {

    private static Path war;
    private static PayaraMicroProcess node;

    @BeforeAll
    static void start() {
        PostgresDb.cleanApplicationTables();
        war = Deployments.exportSampleOnPostgres("it-crash.war");
        node = PayaraMicroProcess.start("crash-1", war);
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void anInvocationInterruptedByKill9CompletesAfterRestartWithoutRepeatingItsFirstStep() {
        String tag = "crash-" + UUID.randomUUID();
        HttpResponse<String> sent = node.http().post("Steps/slowJob/send", Http.quote(tag));
        assertEquals(202, sent.statusCode(), sent.body());
        String id = Http.json(sent.body()).getString("invocationId");

        awaitCount("first", tag, 1, Duration.ofSeconds(30));
        node.kill();
        assertEquals(0, stepCount("second", tag), "the kill came while the handler slept between the steps");
        long firstRow = PostgresDb.count("SELECT max(id) FROM it_step WHERE tag = ? AND step = 'first'", tag);

        node = PayaraMicroProcess.start("crash-2", war);
        HttpResponse<String> result = attach(node.http(), id, Duration.ofSeconds(120));

        assertEquals(1, stepCount("first", tag), "the first step was not executed again");
        assertEquals(1, stepCount("second", tag));
        long secondRow = PostgresDb.count("SELECT max(id) FROM it_step WHERE tag = ? AND step = 'second'", tag);
        assertEquals(Http.quote(tag + ":" + firstRow + ":" + secondRow), result.body().trim());
    }

    /** Attaches until the result is there (an attach may time out while the recovered attempt sleeps). */
    private static HttpResponse<String> attach(Http http, String id, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<String> r = null;
        while (System.nanoTime() < deadline) {
            r = http.get("restate/attach/" + id);
            if (r.statusCode() == 200) {
                return r;
            }
            assertFalse(r.statusCode() == 404, "the invocation must survive the crash: " + r.body());
            PayaraMicroProcess.sleep(500);
        }
        throw new AssertionError("Invocation " + id + " did not complete within " + timeout + "; last answer "
                + (r == null ? "none" : r.statusCode() + " " + r.body()) + " (sleep " + Steps.SLOW_JOB_SLEEP_MILLIS + " ms)");
    }

    private static long stepCount(String step, String tag) {
        return PostgresDb.count("SELECT count(*) FROM it_step WHERE tag = ? AND step = ?", tag, step);
    }

    private static void awaitCount(String step, String tag, long expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && stepCount(step, tag) < expected) {
            PayaraMicroProcess.sleep(100);
        }
        assertTrue(stepCount(step, tag) >= expected, "step " + step + " of " + tag + " did not commit within " + timeout);
    }
}
