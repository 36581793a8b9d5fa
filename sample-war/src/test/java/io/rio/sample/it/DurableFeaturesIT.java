package io.rio.sample.it;

import static io.rio.sample.it.IngressContract.assertJsonError;
import static io.rio.sample.it.IngressContract.uniqueKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rio.sample.it.app.AdminSecurity;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Durable execution over HTTP on one Payara Micro against PostgreSQL, through the sample's own services
 * (Signup, Payment, Reminders) and a few test handlers: awakeables resolved over HTTP and by a handler,
 * workflow promises and retention, a thousand sleeping invocations on sixteen threads, non-determinism,
 * cancel and kill in the admin API.
 */
@ExtendWith(ArquillianExtension.class)
class DurableFeaturesIT {

    /** Ended workflows and their state are purged this long after they end. */
    static final Duration RETENTION = Duration.ofSeconds(3);
    static final int MAX_CONCURRENCY = 16;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.sampleOnPostgres("sample-durable.war",
                "rio.retention=" + RETENTION.toSeconds() + "s\nrio.max-concurrency=" + MAX_CONCURRENCY + "\n");
    }

    @ArquillianResource
    URL url;

    Http http() {
        return new Http(url.getPort(), url.getPath());
    }

    Admin admin() {
        return new Admin(http());
    }

    @BeforeAll
    static void cleanTables() {
        PostgresDb.cleanApplicationTables();
    }

    @Test
    void signupIsVerifiedThroughTheAwakeableItEmailedAndRunsOncePerKey() {
        String user = uniqueKey("ann");
        String email = user + "@example.com";
        HttpResponse<String> first = http().post("Signup/" + user + "/run/send", Http.quote(email));
        HttpResponse<String> second = http().post("Signup/" + user + "/run/send", Http.quote(email));
        assertEquals(202, first.statusCode(), first.body());
        assertEquals(202, second.statusCode(), second.body());
        assertEquals("Accepted", Http.json(first.body()).getString("status"));
        assertEquals("PreviouslyAccepted", Http.json(second.body()).getString("status"));
        assertEquals(Http.json(first.body()).getString("invocationId"), Http.json(second.body()).getString("invocationId"));

        String awakeable = SampleTables.awakeableEmailedTo(email);
        assertEquals("\"pending\"", http().call("Signup/" + user + "/status", null).trim(), "status during run");

        HttpResponse<String> resolved = http().post("restate/awakeables/" + awakeable + "/resolve", "\"127.0.0.1\"");
        assertTrue(resolved.statusCode() / 100 == 2, resolved.statusCode() + " " + resolved.body());
        assertJsonError(http().post("restate/awakeables/" + awakeable + "/resolve", "\"again\""), 409);

        HttpResponse<String> attached = http().get("restate/workflow/Signup/" + user + "/attach");
        assertEquals(200, attached.statusCode(), attached.body());
        assertEquals("\"verified\"", attached.body().trim());
        assertEquals("\"verified\"", http().call("Signup/" + user + "/status", null).trim(), "status after run");
        assertEquals(1, PostgresDb.count("SELECT count(*) FROM sample_account WHERE user_id = ? AND verified", user));
        assertEquals(1, PostgresDb.count("SELECT count(*) FROM sample_sent_email WHERE recipient = ?", email),
                "the verification e-mail was sent once although run was replayed after its awaits");
        assertJsonError(http().post("restate/awakeables/" + awakeable.substring(0, awakeable.length() - 1) + "x/resolve",
                "1"), 404);
    }

    @Test
    void anAwakeableResolvedByAnotherHandlerCompletesItsWaiterOnce() {
        String user = uniqueKey("bob");
        String email = user + "@example.com";
        assertEquals(202, http().post("Signup/" + user + "/run/send", Http.quote(email)).statusCode());
        String awakeable = SampleTables.awakeableEmailedTo(email);

        assertEquals("true", http().call("Resolver/resolve", Http.quote(awakeable)).trim());
        HttpResponse<String> attached = http().get("restate/workflow/Signup/" + user + "/attach");
        assertEquals(200, attached.statusCode(), attached.body());
        assertEquals("\"verified\"", attached.body().trim());
        assertJsonError(http().post("Resolver/resolve", Http.quote(awakeable)), 409);
    }

    @Test
    void aWithdrawnSignupIsSignalledThroughItsPromiseAndPurgedAfterTheRetention() {
        String user = uniqueKey("eve");
        String email = user + "@example.com";
        assertEquals(202, http().post("Signup/" + user + "/run/send", Http.quote(email)).statusCode());
        SampleTables.awakeableEmailedTo(email);
        http().call("Signup/" + user + "/withdraw", "\"changed my mind\"");
        assertJsonError(http().post("Signup/" + user + "/withdraw", "\"twice\""), 409);

        HttpResponse<String> attached = http().get("restate/workflow/Signup/" + user + "/attach");
        long ended = System.nanoTime();
        assertEquals(200, attached.statusCode(), attached.body());
        assertEquals("\"withdrawn\"", attached.body().trim());
        HttpResponse<String> output = http().get("restate/workflow/Signup/" + user + "/output");
        assertEquals(200, output.statusCode(), "output by workflow key within the retention: " + output.body());
        assertEquals(0, PostgresDb.count("SELECT count(*) FROM sample_account WHERE user_id = ?", user), "account deleted");

        Await.until("the ended workflow to be purged", RETENTION.plusSeconds(30), () ->
                http().get("restate/workflow/Signup/" + user + "/output").statusCode() == 404 ? true : null);
        assertTrue(System.nanoTime() - ended >= RETENTION.toNanos() - Duration.ofMillis(500).toNanos(),
                "not purged before the retention");
        assertEquals("\"pending\"", http().call("Signup/" + user + "/status", null).trim(),
                "the workflow's state was purged with it");
    }

    @Test
    void aThousandSleepersOnSixteenThreadsCompleteAndGreeterAnswersWhileTheySleep() throws Exception {
        String batch = uniqueKey("nap");
        int sleepers = 1000;
        long napMillis = 8_000;
        Http http = http();
        Load.run(20, sleepers / 20, Duration.ofMinutes(3), (client, i) -> {
            HttpResponse<String> r = http.post("Napper/" + batch + "-" + (client * (sleepers / 20) + i) + "/nap/send",
                    String.valueOf(napMillis));
            assertEquals(202, r.statusCode(), r.body());
        });
        String asleep = "SELECT count(*) FROM it_step WHERE tag LIKE ? AND step = 'asleep'";
        String awake = "SELECT count(*) FROM it_step WHERE tag LIKE ? AND step = 'awake'";
        Await.atLeast("sleepers asleep", sleepers, Duration.ofMinutes(3), () -> PostgresDb.count(asleep, batch + "-%"));

        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            assertEquals("\"Hello, Ann!\"", http.call("Greeter/greet", "\"Ann\"").trim());
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(millis < 1_000, "Greeter answered in " + millis + " ms while " + sleepers + " invocations sleep");
        }
        assertTrue(PostgresDb.count(awake, batch + "-%") < sleepers, "the greetings were measured while they slept");

        // Holding a thread per sleeper would take at least 1000 x 8 s / 16 = 500 s.
        Await.atLeast("sleepers awake", sleepers, Duration.ofSeconds(150), () -> PostgresDb.count(awake, batch + "-%"));
        assertEquals(sleepers, PostgresDb.count("SELECT count(DISTINCT tag) FROM it_step WHERE tag LIKE ? AND step = 'awake'",
                batch + "-%"), "every sleeper woke once");
        assertEquals(sleepers, PostgresDb.count(asleep, batch + "-%"), () -> "no sleeper fell asleep twice; twice: "
                + PostgresDb.strings("SELECT s.tag || ' ' || string_agg(s.step || '@' || s.at_micros, ',' ORDER BY s.id)"
                        + " || ' ' || coalesce((SELECT string_agg(i.id || ':' || i.status || ':' || i.attempts, ',')"
                        + " FROM rio_invocation i WHERE i.service = 'Napper' AND i.obj_key = s.tag), 'purged')"
                        + " || ' journal ' || coalesce((SELECT string_agg(j.invocation_id || '#' || j.seq || ':' || j.kind || ':' || j.name || '@' || j.created_at, ',')"
                        + " FROM rio_journal j JOIN rio_invocation i2 ON i2.id = j.invocation_id WHERE i2.obj_key = s.tag), 'none')"
                        + " FROM it_step s WHERE s.tag IN (SELECT tag FROM it_step WHERE tag LIKE ? AND step = 'asleep'"
                        + " GROUP BY tag HAVING count(*) > 1) GROUP BY s.tag", batch + "-%"));
        long maxBodies = http.callLong("SampleProbe/napperMaxBodies", null);
        assertTrue(maxBodies <= MAX_CONCURRENCY, maxBodies + " handler bodies ran at once, more than rio.max-concurrency");
    }

    @Test
    void aNonDeterministicReplayIsPausedWithAnErrorNamingBothOperations() {
        assertEquals(401, http().get("rio/admin/invocations").statusCode(), "the admin API needs authentication");
        assertEquals(403, http().get("rio/admin/invocations", Http.basicAuth(AdminSecurity.VIEWER, AdminSecurity.PASSWORD))
                .statusCode(), "the admin API needs the rio-admin role");

        String tag = uniqueKey("fickle");
        HttpResponse<String> sent = http().post("Fickle/flip/send", Http.quote(tag));
        assertEquals(202, sent.statusCode(), sent.body());
        String id = Http.json(sent.body()).getString("invocationId");

        JsonObject paused = admin().awaitStatus(id, "PAUSED", Duration.ofSeconds(30));
        String message = paused.getJsonObject("error").getString("message");
        assertTrue(message.contains("charge-card") && message.contains("send-invoice"),
                "the non-determinism error names the journaled and the replayed operation: " + message);
        assertEquals("charge-card", paused.getJsonArray("journal").getJsonObject(0).getString("name"), paused.toString());

        HttpResponse<String> listed = admin().get("invocations?service=Fickle&status=PAUSED");
        assertEquals(200, listed.statusCode(), listed.body());
        assertTrue(Http.json(listed.body()).getJsonArray("invocations").stream()
                .anyMatch(v -> id.equals(v.asJsonObject().getString("id"))), "listed as paused: " + listed.body());

        admin().act(id, "kill");
        HttpResponse<String> purged = admin().purge(id);
        assertTrue(purged.statusCode() / 100 == 2, purged.statusCode() + " " + purged.body());
        assertEquals(null, admin().invocation(id), "purged");
    }

    @Test
    void cancelRunsTheSagasCompensationAndKillDoesNot() {
        String cancelled = uniqueKey("pay-cancel");
        String killed = uniqueKey("pay-kill");
        String cancelledId = startPayment(cancelled);
        String killedId = startPayment(killed);
        admin().awaitStatus(cancelledId, "SUSPENDED", Duration.ofSeconds(30));
        admin().awaitStatus(killedId, "SUSPENDED", Duration.ofSeconds(30));

        admin().act(cancelledId, "cancel");
        JsonObject error = assertJsonError(http().get("restate/attach/" + cancelledId), 409);
        assertEquals(List.of("reserved", "charged", "refunded", "released"), SampleTables.paymentEvents(cancelled),
                "cancel lets the saga compensate: " + error);

        admin().act(killedId, "kill");
        error = assertJsonError(http().get("restate/attach/" + killedId), 409);
        assertTrue(error.getString("message").toLowerCase().contains("kill"), error.toString());
        PayaraMicroProcess.sleep(1_500);
        assertEquals(List.of("reserved", "charged"), SampleTables.paymentEvents(killed), "kill runs no compensation");
    }

    @Test
    void aConfirmationRejectedOverHttpFailsThePaymentAfterCompensating() {
        String payment = uniqueKey("pay-reject");
        String id = startPayment(payment);
        HttpResponse<String> rejected = http().postText("restate/awakeables/" + SampleTables.confirmationOf(payment)
                + "/reject", "card declined");
        assertTrue(rejected.statusCode() / 100 == 2, rejected.statusCode() + " " + rejected.body());
        HttpResponse<String> attached = http().get("restate/attach/" + id);
        assertTrue(attached.statusCode() >= 400, attached.body());
        assertEquals("card declined", Http.json(attached.body()).getString("message"));
        assertEquals(List.of("reserved", "charged", "refunded", "released"), SampleTables.paymentEvents(payment));
    }

    @Test
    void aReminderIsScheduledADayAheadThroughADelayedSend() {
        String to = uniqueKey("carol") + "@example.com";
        String scheduled = Http.json("{\"id\":" + http().call("Reminders/remindTomorrow",
                "{\"to\":" + Http.quote(to) + ",\"text\":\"dentist\"}") + "}").getString("id");
        JsonObject details = admin().invocation(scheduled);
        assertTrue(details != null, "the delayed send is stored as invocation " + scheduled);
        assertEquals("deliver", details.getString("handler"));
        long delay = details.getJsonNumber("runAtMillis").longValue() - System.currentTimeMillis();
        assertTrue(delay > Duration.ofHours(23).toMillis(), "runs a day later, in " + delay + " ms");
        assertEquals(0, PostgresDb.count("SELECT count(*) FROM sample_sent_email WHERE recipient = ?", to));
        admin().act(scheduled, "kill");
    }

    private String startPayment(String payment) {
        return SampleTables.startPayment(http(), payment);
    }
}
