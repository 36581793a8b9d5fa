package io.rio.sample.it;

import static io.rio.sample.it.IngressContract.assertJsonError;
import static io.rio.sample.it.IngressContract.uniqueKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rio.sample.it.secured.Users;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Who may call what, and the limits, on a real server with the secured sample ({@link Deployments#exportSecuredSample}):
 * roles on handlers ({@code Till}), a private handler reached only through another handler ({@code Desk}), the admin
 * API behind its role, and each {@code rio.*} limit answered as a JSON 4xx naming its setting, nothing stored.
 */
interface AccessContract {
    Map<String, String> CLERK = Http.basicAuth("clerk", Users.PASSWORD);
    Map<String, String> VISITOR = Http.basicAuth("visitor", Users.PASSWORD);

    Http http();

    /** The server's console log, INFO lines included. */
    java.nio.file.Path serverLog();

    private long balance(String key) {
        return http().callLong("Till/" + key + "/balance", null);
    }

    @Test
    default void aHandlerWithARoleRefusesAnonymousCallersWith401AndOthersWith403AndStoresNothing() {
        String key = uniqueKey("till");
        HttpResponse<String> anonymous = http().post("Till/" + key + "/deposit", "5");
        JsonObject error = assertJsonError(anonymous, 401);
        assertTrue(error.getString("message").contains("Till/deposit needs an authenticated caller with one of the"
                + " roles clerk"), error.toString());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"),
                anonymous.headers().map().toString());
        error = assertJsonError(http().post("Till/" + key + "/deposit/send", "5", VISITOR), 403);
        assertTrue(error.getString("message").contains("Caller 'visitor' holds none of the roles clerk"), error.toString());
        assertEquals(0, balance(key), "refused deposits stored nothing; @PermitAll balance answers anyone");
        HttpResponse<String> clerk = http().post("Till/" + key + "/deposit", "5", CLERK);
        assertEquals(200, clerk.statusCode(), clerk.body());
        assertEquals("5", clerk.body());
        assertEquals(5, balance(key));
    }

    @Test
    default void privateAndDenyAllHandlersAreRefusedToEveryIngressCallerButOtherHandlersCallThem() {
        String key = uniqueKey("till");
        JsonObject error = assertJsonError(http().post("Till/" + key + "/write", "\"forged\"", CLERK), 403);
        assertTrue(error.getString("message").contains("Till/write is private (@IngressPrivate)"), error.toString());
        assertJsonError(http().post("Till/" + key + "/write/send", "\"forged\""), 403);
        error = assertJsonError(http().post("Till/" + key + "/burn", null, CLERK), 403);
        assertTrue(error.getString("message").contains("(@DenyAll)"), error.toString());
        assertEquals("\"\"", http().call("Till/" + key + "/note", null), "the refused write stored nothing");
        assertEquals("\"noted\"", http().call("Desk/leaveNote", "{\"till\":\"" + key + "\",\"text\":\"by desk\"}"),
                "a public handler calls the private one: calls inside Rio are not checked");
        assertEquals("\"by desk\"", http().call("Till/" + key + "/note", null));
    }

    @Test
    default void theAdminApiNeedsItsRole() {
        HttpResponse<String> anonymous = http().get("rio/admin/services");
        assertJsonError(anonymous, 401);
        assertJsonError(http().get("rio/admin/services", CLERK), 403);
        HttpResponse<String> operator = new Admin(http()).get("services");
        assertEquals(200, operator.statusCode(), operator.body());
        assertTrue(operator.body().contains("\"Till\""), operator.body());
    }

    @Test
    default void theConsoleNeedsTheAdminRoleToo() {
        assertJsonError(http().get("rio/admin/console/"), 401);
        assertJsonError(http().get("rio/admin/console/console.js", CLERK), 403);
        HttpResponse<String> page = new Admin(http()).get("console/");
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("<title>Rio console</title>"), page.body());
        HttpResponse<String> script = new Admin(http()).get("console/console.js");
        assertEquals(200, script.statusCode());
        assertTrue(script.headers().firstValue("content-type").orElse("").startsWith("text/javascript"));
        assertJsonError(new Admin(http()).get("console/other.js"), 404);
    }

    @Test
    default void aStateValueOverItsLimitFailsTheCallWith413NamingTheSettingAndKeepsTheOldValue() {
        String key = uniqueKey("till");
        http().call("Desk/leaveNote", "{\"till\":\"" + key + "\",\"text\":\"short\"}");
        HttpResponse<String> big = http().post("Desk/leaveNote", "{\"till\":\"" + key + "\",\"text\":\""
                + "x".repeat(5000) + "\"}");
        JsonObject error = assertJsonError(big, 413);
        assertTrue(error.getString("message").contains("rio.state.max-value-bytes"), error.toString());
        assertEquals("\"short\"", http().call("Till/" + key + "/note", null));
    }

    @Test
    default void aJournalEntryOverItsLimitIs413NamingTheSetting() {
        JsonObject error = assertJsonError(http().post("Greeter/greet", "\"" + "n".repeat(9000) + "\""), 413);
        assertTrue(error.getString("message").contains("The output of Greeter/greet")
                && error.getString("message").contains("rio.journal.max-entry-bytes"), error.toString());
        assertEquals("\"Hello, n!\"", http().call("Greeter/greet", "\"n\""));
    }

    @Test
    default void anAwakeablePayloadOverItsLimitIs413BeforeAnythingIsLookedUp() {
        JsonObject error = assertJsonError(http().post("restate/awakeables/awk_inv_nothere_1/resolve",
                "\"" + "p".repeat(2000) + "\""), 413);
        assertTrue(error.getString("message").contains("rio.signal.max-payload-bytes"), error.toString());
        assertJsonError(http().post("restate/awakeables/awk_inv_nothere_1/resolve", "\"small\""), 404);
    }

    @Test
    default void aKeyWithAFullQueueRefusesSendsWith429AndRetryAfterAndRunsEveryAcceptedOne() {
        String key = uniqueKey("till");
        HttpResponse<String> hold = http().post("Till/" + key + "/hold/send", "3", CLERK);
        assertEquals(202, hold.statusCode(), hold.body());
        List<String> accepted = new ArrayList<>();
        HttpResponse<String> refused = null;
        for (int i = 0; i < 6 && refused == null; i++) {
            HttpResponse<String> r = http().post("Till/" + key + "/deposit/send", "1", CLERK);
            if (r.statusCode() == 202) {
                accepted.add(Http.json(r.body()).getString("invocationId"));
            } else {
                refused = r;
            }
        }
        assertEquals(5, accepted.size(), "rio.max-key-queue=5 sends wait behind the held key");
        JsonObject error = assertJsonError(refused, 429);
        assertTrue(error.getString("message").contains("rio.max-key-queue"), error.toString());
        assertEquals("1", refused.headers().firstValue("Retry-After").orElse(null));
        for (String id : accepted) {
            HttpResponse<String> done = http().get("restate/attach/" + id);
            assertEquals(200, done.statusCode(), done.body());
        }
        JsonObject stored = new Admin(http()).invocation(accepted.get(0)).getJsonObject("headers");
        assertEquals("clerk", stored.getString("x-rio-caller", null), "the handler learns who called: " + stored);
        assertTrue(!stored.containsKey("authorization"), "credentials are not stored with the invocation: " + stored);
        Await.until("the five deposits", Duration.ofSeconds(30), () -> balance(key) == 5 ? true : null);
    }

    @Test
    default void credentialsAndRequestBodiesStayOutOfTheServerLog() throws Exception {
        String marker = "body-marker-" + java.util.UUID.randomUUID();
        String key = uniqueKey("till");
        assertEquals("\"Hello, " + marker + "!\"", http().call("Greeter/greet", "\"" + marker + "\""));
        assertJsonError(http().post("Till/" + key + "/deposit", "\"" + marker + "\"", CLERK), 400);
        assertJsonError(http().post("Till/" + key + "/deposit", marker, VISITOR), 403);
        assertJsonError(http().post("Greeter/greet", "{" + marker), 400);
        assertJsonError(http().post("Desk/leaveNote", "{\"till\":\"" + key + "\",\"text\":\"" + marker
                + "x".repeat(5000) + "\"}"), 413);
        Thread.sleep(500); // let the server flush its log
        String log = java.nio.file.Files.readString(serverLog(), java.nio.charset.StandardCharsets.ISO_8859_1);
        org.junit.jupiter.api.Assertions.assertFalse(log.contains(marker), "a request body reached " + serverLog());
        org.junit.jupiter.api.Assertions.assertFalse(log.contains(Users.PASSWORD), "a password reached " + serverLog());
        org.junit.jupiter.api.Assertions.assertFalse(log.contains(CLERK.get("Authorization").substring(6)),
                "a Basic token reached " + serverLog());
    }
}
