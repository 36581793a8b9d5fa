package io.rio.sample.it;

import static io.rio.sample.it.IngressContract.uniqueKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The durable half of the contract, through the unchanged sample WAR on PostgreSQL (the tests read the sample's
 * tables to find what it e-mailed or recorded): awakeables, a workflow with its durable promise, and a kill -9 of
 * the server with invocations suspended, delayed and waiting, which complete exactly once after the restart. A
 * server test implements {@link #http()} and {@link #killAndRestart()}.
 */
interface DurableContract {
    /** The running server's ingress. */
    Http http();

    /** Kills the server's JVM ({@code kill -9}) and starts it again on the same database. */
    void killAndRestart();

    @Test
    default void aPaymentWaitsForTheBanksAwakeableAndCompletesOnceWhenItIsResolved() {
        String payment = uniqueKey("pay");
        String id = SampleTables.startPayment(http(), payment);
        HttpResponse<String> resolved = http().post("restate/awakeables/" + SampleTables.confirmationOf(payment)
                + "/resolve",
                "\"bank-ok\"");
        assertTrue(resolved.statusCode() / 100 == 2, resolved.statusCode() + " " + resolved.body());
        assertEquals("\"bank-ok\"", http().get("restate/attach/" + id).body().trim());
        assertEquals(List.of("reserved", "charged", "completed"), SampleTables.paymentEvents(payment));
    }

    @Test
    default void aSignupWorkflowIsVerifiedThroughTheAwakeableItEmailedAndRunsOncePerKey() {
        String user = uniqueKey("ann");
        String email = user + "@example.com";
        assertEquals("Accepted", Http.json(http().post("Signup/" + user + "/run/send", Http.quote(email)).body())
                .getString("status"));
        assertEquals("PreviouslyAccepted", Http.json(http().post("Signup/" + user + "/run/send", Http.quote(email))
                .body()).getString("status"));
        String awakeable = SampleTables.awakeableEmailedTo(email);
        assertEquals("\"pending\"", http().call("Signup/" + user + "/status", null).trim());
        HttpResponse<String> resolved = http().post("restate/awakeables/" + awakeable + "/resolve", "\"127.0.0.1\"");
        assertTrue(resolved.statusCode() / 100 == 2, resolved.statusCode() + " " + resolved.body());
        assertEquals("\"verified\"", http().get("restate/workflow/Signup/" + user + "/attach").body().trim());
        assertEquals(1, PostgresDb.count("SELECT count(*) FROM sample_sent_email WHERE recipient = ?", email),
                "one e-mail, however often run was replayed");
        assertEquals(1, PostgresDb.count("SELECT count(*) FROM sample_account WHERE user_id = ? AND verified", user));
    }

    @Test
    default void suspendedDelayedAndWaitingInvocationsCompleteOnceAfterAKill9() {
        String payment = uniqueKey("pay-kill");
        String paymentId = SampleTables.startPayment(http(), payment); // suspended on its awakeable
        String user = uniqueKey("bob");
        assertEquals(202, http().post("Signup/" + user + "/run/send", Http.quote(user + "@example.com")).statusCode());
        SampleTables.awakeableEmailedTo(user + "@example.com"); // suspended on its promise, awakeable and timer
        String counter = uniqueKey("late");
        HttpResponse<String> delayed = http().post("Counter/" + counter + "/add/send?delay=3s", "5");
        assertEquals(202, delayed.statusCode(), delayed.body()); // due after the kill

        killAndRestart();

        assertEquals(5, Await.atLeast("the delayed add after the restart", 5, Duration.ofSeconds(60),
                () -> http().callLong("Counter/" + counter + "/get", null)));
        http().call("Signup/" + user + "/withdraw", "\"changed my mind\"");
        assertEquals("\"withdrawn\"", http().get("restate/workflow/Signup/" + user + "/attach").body().trim());
        HttpResponse<String> resolved = http().post("restate/awakeables/" + SampleTables.confirmationOf(payment)
                + "/resolve",
                "\"bank-ok\"");
        assertTrue(resolved.statusCode() / 100 == 2, resolved.statusCode() + " " + resolved.body());
        assertEquals("\"bank-ok\"", http().get("restate/attach/" + paymentId).body().trim());
        assertEquals(List.of("reserved", "charged", "completed"), SampleTables.paymentEvents(payment),
                "every step once, across the kill");
        assertEquals(5, http().callLong("Counter/" + counter + "/get", null), "the delayed add ran once");
        assertEquals(0, PostgresDb.count("SELECT count(*) FROM sample_account WHERE user_id = ?", user),
                "the withdrawn account was deleted");
    }
}
