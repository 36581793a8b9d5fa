package io.rio.sample.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The ingress behaviour every deployment of the sample must show (Restate-compatible HTTP API),
 * run once per data source by its subclasses. Every test uses fresh keys, so tests are independent.
 */
abstract class IngressContract {

    /** The ingress of the deployment under test. */
    abstract Http http();

    static String uniqueKey(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    @Test
    void greetAnswersTheHandlersJsonResultWithAnInvocationId() {
        HttpResponse<String> r = http().post("Greeter/greet", "\"Ann\"");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("\"Hello, Ann!\"", r.body().trim());
        assertTrue(r.headers().firstValue("x-restate-id").filter(id -> !id.isBlank()).isPresent(),
                "a call response carries x-restate-id, headers: " + r.headers().map());
    }

    @Test
    void counterAddsReadsAndResets() {
        String key = uniqueKey("counter");
        assertEquals(2, http().callLong("Counter/" + key + "/add", "2"));
        assertEquals(5, http().callLong("Counter/" + key + "/add", "3"));
        assertEquals(5, http().callLong("Counter/" + key + "/get", null));
        http().call("Counter/" + key + "/reset", null);
        assertEquals(0, http().callLong("Counter/" + key + "/get", null));
    }

    @Test
    void unknownServiceOrHandlerIs404Json() {
        assertJsonError(http().post("NoSuchService/greet", "\"Ann\""), 404);
        assertJsonError(http().post("Greeter/noSuchHandler", "\"Ann\""), 404);
        assertJsonError(http().post("Counter/" + uniqueKey("k") + "/noSuchHandler", "1"), 404);
    }

    @Test
    void malformedJsonIs400Json() {
        assertJsonError(http().post("Greeter/greet", "{\"unterminated"), 400);
        assertJsonError(http().post("Counter/" + uniqueKey("k") + "/add", "1 2 ]"), 400);
    }

    @Test
    void wrongInputTypeIs400Json() {
        String key = uniqueKey("counter");
        assertJsonError(http().post("Counter/" + key + "/add", "{\"delta\":1}"), 400);
        assertJsonError(http().post("Counter/" + key + "/add", "\"one\""), 400);
        assertEquals(0, http().callLong("Counter/" + key + "/get", null), "a rejected request must not run the handler");
    }

    @Test
    void sendAnswers202ThenAttachAndOutputReturnTheResult() {
        String key = uniqueKey("send");
        HttpResponse<String> sent = http().post("Counter/" + key + "/add/send", "7");
        assertEquals(202, sent.statusCode(), sent.body());
        JsonObject receipt = Http.json(sent.body());
        assertEquals("Accepted", receipt.getString("status"));
        String id = receipt.getString("invocationId");
        assertFalse(id.isBlank());

        HttpResponse<String> attached = http().get("restate/attach/" + id);
        assertEquals(200, attached.statusCode(), attached.body());
        assertEquals("7", attached.body().trim());

        HttpResponse<String> output = http().get("restate/output/" + id);
        assertEquals(200, output.statusCode(), output.body());
        assertEquals("7", output.body().trim());
        assertEquals(7, http().callLong("Counter/" + key + "/get", null));
    }

    @Test
    void aDelayTooLongOrMalformedIs400JsonAndNothingIsSent() {
        String key = uniqueKey("delayed");
        for (String delay : new String[] {"99999999999999d", "36501d", "soon"}) {
            JsonObject error = assertJsonError(http().post("Counter/" + key + "/add/send?delay=" + delay, "4"), 400);
            assertTrue(error.getString("message").contains(delay), error.toString());
        }
        assertEquals(0, http().callLong("Counter/" + key + "/get", null), "nothing was sent");
    }

    @Test
    void anOversizedBodyKeyOrIdempotencyKeyIs4xxJsonAndNothingIsStored() {
        String key = uniqueKey("limits");
        JsonObject body = assertJsonError(http().post("Counter/" + key + "/add", "1" + " ".repeat(1 << 20)), 413);
        assertTrue(body.getString("message").contains("rio.ingress.max-body-bytes"), body.toString());
        JsonObject longKey = assertJsonError(http().post("Counter/" + "k".repeat(1025) + "/add", "1"), 400);
        assertTrue(longKey.getString("message").contains("rio.ingress.max-key-length"), longKey.toString());
        assertJsonError(http().post("Counter/" + key + "/add", "1", java.util.Map.of("Idempotency-Key",
                "i".repeat(1025))), 400);
        assertEquals(0, http().callLong("Counter/" + key + "/get", null), "nothing was stored");
        String widest = key + "k".repeat(1024 - key.length()); // unique: the database outlives one server's tests
        assertEquals(1, http().callLong("Counter/" + widest + "/add", "1"), "a key of the widest size");
    }

    @Test
    void delayedSendRunsLater() {
        String key = uniqueKey("delayed");
        HttpResponse<String> sent = http().post("Counter/" + key + "/add/send?delay=1s", "4");
        assertEquals(202, sent.statusCode(), sent.body());
        String id = Http.json(sent.body()).getString("invocationId");
        HttpResponse<String> attached = http().get("restate/attach/" + id);
        assertEquals(200, attached.statusCode(), attached.body());
        assertEquals("4", attached.body().trim());
    }

    @Test
    void idempotencyKeyReturnsTheFirstResultWithoutRunningTheHandlerAgain() {
        String key = uniqueKey("idem");
        Map<String, String> idem = Map.of("Idempotency-Key", uniqueKey("request"));
        HttpResponse<String> first = http().post("Counter/" + key + "/add", "1", idem);
        HttpResponse<String> second = http().post("Counter/" + key + "/add", "1", idem);
        assertEquals(200, first.statusCode(), first.body());
        assertEquals(200, second.statusCode(), second.body());
        assertEquals("1", first.body().trim());
        assertEquals("1", second.body().trim(), "the repeated request returns the first result");
        assertEquals(first.headers().firstValue("x-restate-id"), second.headers().firstValue("x-restate-id"));
        assertEquals(1, http().callLong("Counter/" + key + "/get", null), "the handler ran once");
    }

    @Test
    void repeatedSendWithIdempotencyKeyIsPreviouslyAcceptedWithTheSameId() {
        String key = uniqueKey("idem-send");
        Map<String, String> idem = Map.of("Idempotency-Key", uniqueKey("request"));
        HttpResponse<String> first = http().post("Counter/" + key + "/add/send", "1", idem);
        HttpResponse<String> second = http().post("Counter/" + key + "/add/send", "1", idem);
        assertEquals(202, first.statusCode(), first.body());
        assertEquals(202, second.statusCode(), second.body());
        JsonObject a = Http.json(first.body());
        JsonObject b = Http.json(second.body());
        assertEquals("Accepted", a.getString("status"));
        assertEquals("PreviouslyAccepted", b.getString("status"));
        assertEquals(a.getString("invocationId"), b.getString("invocationId"));
        HttpResponse<String> attached = http().get("restate/attach/" + a.getString("invocationId"));
        assertEquals("1", attached.body().trim());
        assertEquals(1, http().callLong("Counter/" + key + "/get", null), "the handler ran once");
    }

    @Test
    void aStepWritesTheApplicationsEntityOnceAndItsRetriesReplayTheJournal() {
        String orderId = uniqueKey("order");
        String body = "{\"orderId\":" + Http.quote(orderId) + ",\"item\":\"book\",\"amountCents\":1200}";
        JsonObject result = Http.json(http().call("Orders/place", body));
        assertEquals(orderId, result.getString("orderId"));
        assertEquals("charged 1200 for " + orderId + " on attempt 3", result.getString("charge"),
                "the charge step failed twice and succeeded on its third attempt");
        long rowId = result.getJsonNumber("rowId").longValue();
        assertTrue(rowId > 0, "the order row was inserted through the sample's persistence unit: " + result);

        String other = uniqueKey("order");
        JsonObject second = Http.json(http().call("Orders/place",
                "{\"orderId\":" + Http.quote(other) + ",\"item\":\"pen\",\"amountCents\":300}"));
        assertTrue(second.getJsonNumber("rowId").longValue() > rowId, "a second order gets a row of its own: " + second);
    }

    static JsonObject assertJsonError(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r.body());
        JsonObject error = Http.json(r.body());
        assertEquals(status, error.getInt("code"), r.body());
        assertFalse(error.getString("message", "").isBlank(), "the error names its cause: " + r.body());
        return error;
    }
}
