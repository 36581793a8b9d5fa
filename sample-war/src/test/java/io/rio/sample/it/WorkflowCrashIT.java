package io.rio.sample.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of Payara Micro while a workflow sleeps and while it waits for a promise, and right after
 * 100 delayed sends were accepted; restarts on the same PostgreSQL database. Every step runs once, the
 * timer fires once, and every delayed send arrives exactly once and never before its delay.
 */
class WorkflowCrashIT {

    private static final long SLEEP_MILLIS = 10_000;
    private static final Duration SEND_DELAY = Duration.ofSeconds(5);
    private static final int DELAYED_SENDS = 100;

    private static Path war;
    private static PayaraMicroProcess node;

    @BeforeAll
    static void start() {
        PostgresDb.cleanApplicationTables();
        war = Deployments.exportSampleOnPostgres("it-workflow-crash.war");
        node = PayaraMicroProcess.start("workflow-crash-1", war);
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void aWorkflowAndDelayedSendsSurviveKill9DuringTheSleepAndDuringThePromise() throws Exception {
        String key = "journey-" + UUID.randomUUID();
        String recipients = "remind-" + UUID.randomUUID();
        HttpResponse<String> sent = node.http().post("Journey/" + key + "/run/send", String.valueOf(SLEEP_MILLIS));
        assertEquals(202, sent.statusCode(), sent.body());
        Await.atLeast("the workflow's first step", 1, Duration.ofSeconds(30), () -> Await.steps(key, "start"));

        Map<String, Long> sentAt = DelayedSends.send(node.http(), recipients, 0, DELAYED_SENDS, SEND_DELAY);
        node.kill(); // during the sleep, and before any delayed send was due
        assertEquals(0, DelayedSends.delivered(recipients), "no delayed send arrived before the kill (they were due " + SEND_DELAY + " later)");
        assertEquals(0, Await.steps(key, "after-sleep"), "the kill came during the sleep");

        node = PayaraMicroProcess.start("workflow-crash-2", war);
        Await.atLeast("the step after the sleep", 1, Duration.ofSeconds(60), () -> Await.steps(key, "after-sleep"));
        Await.atLeast("delayed sends delivered", DELAYED_SENDS, Duration.ofSeconds(60),
                () -> DelayedSends.delivered(recipients));
        DelayedSends.assertDeliveredOnceAndNotEarly(recipients, sentAt, SEND_DELAY);

        PayaraMicroProcess.sleep(1_000); // let the workflow reach its promise
        assertEquals(0, Await.steps(key, "after-promise"), "the workflow waits for its promise");
        node.kill(); // during the wait for the promise

        node = PayaraMicroProcess.start("workflow-crash-3", war);
        assertEquals("true", node.http().call("Journey/" + key + "/go", "\"green\"").trim());
        HttpResponse<String> result = Await.until("the workflow's result", Duration.ofSeconds(60), () -> {
            HttpResponse<String> r = node.http().get("restate/workflow/Journey/" + key + "/attach");
            return r.statusCode() == 200 ? r : null;
        });
        assertEquals("\"green:1\"", result.body().trim(), "the object was called once");
        for (String step : new String[] {"start", "after-sleep", "after-promise", "end"}) {
            assertEquals(1, Await.steps(key, step), "step " + step + " executed once");
        }
        assertEquals(1, Await.steps(key, "object-call"), "the object's handler executed once");
        assertEquals(DELAYED_SENDS, DelayedSends.delivered(recipients), "no delayed send arrived twice after the second restart");
    }
}
