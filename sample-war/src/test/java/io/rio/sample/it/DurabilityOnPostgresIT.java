package io.rio.sample.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rio's execution guarantees on one Payara Micro against PostgreSQL: the ingress contract, one
 * writer per key under load, steps that commit exactly once, state that rolls back with a failed
 * attempt, and terminal errors that are not retried.
 */
@ExtendWith(ArquillianExtension.class)
class DurabilityOnPostgresIT extends IngressContract {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.sampleOnPostgres("sample-pg.war");
    }

    @ArquillianResource
    URL url;

    @Override
    Http http() {
        return new Http(url.getPort(), url.getPath());
    }

    @BeforeAll
    static void cleanTables() {
        PostgresDb.cleanApplicationTables();
    }

    @Test
    void sixtyFourClientsAddToOneKeyWithoutOverlap() throws Exception {
        String key = uniqueKey("hot");
        Http http = http();
        Load.run(64, 25, Duration.ofMinutes(5), (client, i) -> http.call("ProbedCounter/" + key + "/add", "1"));

        assertEquals(1600, http.callLong("ProbedCounter/" + key + "/get", null));
        assertEquals(1, http.callLong("ProbedCounter/" + key + "/maxConcurrency", null),
                "no two add calls of one key may run at once");
        assertEquals(1600, PostgresDb.count("SELECT count(*) FROM it_probe WHERE obj_key = ?", key),
                "one committed probe row per add");
        Intervals.assertNoOverlap(PostgresDb.probeIntervals(key));
    }

    @Test
    void ordersInsertOnceAndChargeThreeTimes() {
        String orderId = uniqueKey("order");
        String body = "{\"orderId\":" + Http.quote(orderId) + ",\"item\":\"book\",\"amountCents\":1200}";
        JsonObject result = Http.json(http().call("Orders/place", body));

        assertEquals(orderId, result.getString("orderId"));
        assertEquals("charged 1200 for " + orderId + " on attempt 3", result.getString("charge"));
        assertEquals(1, PostgresDb.count("SELECT count(*) FROM sample_order WHERE order_id = ?", orderId),
                "exactly one order row");
        assertEquals(result.getJsonNumber("rowId").longValue(),
                PostgresDb.count("SELECT max(id) FROM sample_order WHERE order_id = ?", orderId),
                "the output names the inserted row");
        assertEquals(1, http().callLong("SampleProbe/orderInsertExecutions", Http.quote(orderId)),
                "step 1 ran once; its journaled result was replayed on the retries");
        assertEquals(3, http().callLong("SampleProbe/chargeAttempts", Http.quote(orderId)),
                "step 2 failed twice, then succeeded");
    }

    @Test
    void ordersPlacedAtOnceEachInsertOneRowWhileTheirStepsShareCommits() throws Exception {
        String prefix = uniqueKey("burst");
        Http http = http();
        java.util.Map<String, Long> rowIds = new java.util.concurrent.ConcurrentHashMap<>();
        Load.run(24, 2, Duration.ofMinutes(5), (client, i) -> {
            String orderId = prefix + "-" + client + "-" + i;
            JsonObject result = Http.json(http.call("Orders/place",
                    "{\"orderId\":" + Http.quote(orderId) + ",\"item\":\"pen\",\"amountCents\":300}"));
            assertEquals(orderId, result.getString("orderId"));
            assertTrue(result.getString("charge").startsWith("charged 300 for " + orderId), result.toString());
            rowIds.put(orderId, result.getJsonNumber("rowId").longValue());
        });
        assertEquals(48, rowIds.size());
        // Steps of orders placed at once share transactions; a charge that fails rolls its whole batch back, and
        // the order inserts in it run again alone: the database must still hold exactly one row per order.
        assertEquals(48, PostgresDb.count("SELECT count(*) FROM sample_order WHERE order_id LIKE ?", prefix + "-%"),
                "one row per order");
        for (java.util.Map.Entry<String, Long> e : rowIds.entrySet()) {
            assertEquals(e.getValue(), PostgresDb.count("SELECT max(id) FROM sample_order WHERE order_id = ?",
                    e.getKey()), "the output of " + e.getKey() + " names its row");
        }
    }

    @Test
    void aStepThatThrowsAfterItsInsertLeavesNoRowBehind() {
        String tag = uniqueKey("retried");
        long rowId = http().callLong("Steps/insertThenFail", Http.quote(tag));
        assertEquals(3, http().callLong("Steps/attempts", Http.quote(tag)));
        assertEquals(1, PostgresDb.count("SELECT count(*) FROM it_step WHERE tag = ?", tag),
                "only the successful attempt's row remains");
        assertEquals(rowId, PostgresDb.count("SELECT max(id) FROM it_step WHERE tag = ?", tag));

        String terminal = uniqueKey("terminal");
        HttpResponse<String> r = http().post("Steps/insertThenTerminal", Http.quote(terminal));
        JsonObject error = assertJsonError(r, 422);
        assertEquals("rejected " + terminal, error.getString("message"));
        assertEquals(0, PostgresDb.count("SELECT count(*) FROM it_step WHERE tag = ?", terminal),
                "a terminally failed step leaves no row");
        assertEquals(1, http().callLong("Steps/attempts", Http.quote(terminal)), "a terminal failure is not retried");
    }

    @Test
    void anAttemptsOwnWritesRollBackWithItEvenAfterAStepCommitted() {
        String tag = uniqueKey("body-step-fail");
        assertEquals(2, http().callLong("StepLock/" + tag + "/bodyWriteThenStepThenFail", Http.quote(tag)),
                "the first attempt failed after its step, the second succeeded");
        assertEquals(1, PostgresDb.count("SELECT count(*) FROM it_step WHERE tag = ? AND step = 'body'", tag),
                "the failed attempt's own row rolled back with it; only the successful attempt's row remains");
    }

    @Test
    void anAttemptHoldsItsObjectLockThroughItsSteps() {
        String path = "StepLock/" + uniqueKey("lock") + "/lockedAfterStep";
        http().call(path, null); // creates the object's row
        assertEquals("true", http().call(path, null).trim(),
                "after a step committed, the attempt still holds its object's row lock");
    }

    @Test
    void stateOfAFailingAttemptStaysInvisibleUntilAnAttemptSucceeds() {
        String key = uniqueKey("flaky");
        String path = "FlakyState/" + key + "/";
        http().call(path + "set", "\"before\"");

        HttpResponse<String> sent = http().post(path + "setThenFail/send", "\"after\"");
        assertEquals(202, sent.statusCode(), sent.body());
        String id = Http.json(sent.body()).getString("invocationId");

        awaitAtLeast(path + "attempts", 3, Duration.ofSeconds(30));
        assertEquals("\"before\"", http().call(path + "get", null).trim(), "state of failed attempts is rolled back");
        awaitAtLeast(path + "attempts", 4, Duration.ofSeconds(30));
        assertEquals("\"before\"", http().call(path + "get", null).trim(), "still rolled back while retrying");

        http().call(path + "release", null);
        HttpResponse<String> attached = http().get("restate/attach/" + id);
        assertEquals(200, attached.statusCode(), attached.body());
        assertEquals("\"after\"", attached.body().trim());
        assertEquals("\"after\"", http().call(path + "get", null).trim());
    }

    @Test
    void terminalExceptionAnswersItsCodeAndIsNotRetried() {
        String key = uniqueKey("conflict");
        String path = "FlakyState/" + key + "/";
        JsonObject error = assertJsonError(http().post(path + "conflict", null), 409);
        assertEquals("Key " + key + " is already taken", error.getString("message"));

        PayaraMicroProcess.sleep(1_500); // several retry intervals (max 500 ms): a retry would show now
        assertEquals(1, http().callLong(path + "conflictRuns", null), "the handler ran once");
    }

    private void awaitAtLeast(String path, long expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long seen = -1;
        while (System.nanoTime() < deadline) {
            seen = http().callLong(path, null);
            if (seen >= expected) {
                return;
            }
            PayaraMicroProcess.sleep(50);
        }
        assertTrue(seen >= expected, path + " reached " + seen + ", expected at least " + expected + " within " + timeout);
    }
}
