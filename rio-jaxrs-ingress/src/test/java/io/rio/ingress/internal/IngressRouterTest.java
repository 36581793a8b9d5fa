package io.rio.ingress.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rio.core.InvocationRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngressRouterTest {
    private final IngressRouter router = new IngressRouter(TestServices.REGISTRY, TestServices.SERDE);

    // ---- helpers

    private static final class Req {
        String method = "POST";
        String path;
        Map<String, List<String>> query = new HashMap<>();
        Map<String, List<String>> headers = new HashMap<>(Map.of("Content-Type", List.of("application/json")));
        String body = "";

        Req(String path) {
            this.path = path;
        }

        Req body(String json) {
            body = json;
            return this;
        }

        Req method(String m) {
            method = m;
            return this;
        }

        Req query(String name, String value) {
            query.put(name, List.of(value));
            return this;
        }

        Req header(String name, String... values) {
            if (values.length == 0) {
                headers.remove(name);
            } else {
                headers.put(name, List.of(values));
            }
            return this;
        }

        IngressRequest build() {
            List<String> segments = Arrays.asList(path.substring(1).split("/", -1));
            return new IngressRequest(method, segments, query, headers, body.getBytes(StandardCharsets.UTF_8));
        }
    }

    private Route route(Req req) {
        return router.route(req.build());
    }

    private InvocationRequest call(Req req) {
        return assertInstanceOf(Route.Call.class, route(req), () -> "expected a call, got " + route(req)).request();
    }

    private InvocationRequest send(Req req) {
        return assertInstanceOf(Route.Send.class, route(req), () -> "expected a send, got " + route(req)).request();
    }

    private IngressReply error(Req req, int status) {
        Route r = route(req);
        IngressReply reply = assertInstanceOf(Route.Reply.class, r, () -> "expected an error, got " + r).reply();
        assertEquals(status, reply.status(), reply.body());
        assertTrue(reply.body().startsWith("{\"code\":" + status + ",\"message\":\""), reply.body());
        return reply;
    }

    // ---- limits

    @Test
    void keysIdempotencyKeysAndBodiesOverTheLimitsAre4xxNamingTheLimitAndItsKey() {
        IngressRouter limited = new IngressRouter(TestServices.REGISTRY, TestServices.SERDE, new IngressLimits(8, 16));
        assertInstanceOf(Route.Call.class, limited.route(new Req("/Counter/12345678/add").body("5").build()));
        IngressReply key = assertInstanceOf(Route.Reply.class,
                limited.route(new Req("/Counter/123456789/add").body("5").build())).reply();
        assertEquals(400, key.status());
        assertTrue(key.body().contains("9 characters; at most 8") && key.body().contains("rio.ingress.max-key-length"),
                key.body());
        IngressReply idem = assertInstanceOf(Route.Reply.class, limited.route(new Req("/Counter/k/add/send").body("5")
                .header("Idempotency-Key", "123456789").build())).reply();
        assertEquals(400, idem.status());
        assertTrue(idem.body().contains("Idempotency-Key"), idem.body());
        IngressReply body = assertInstanceOf(Route.Reply.class,
                limited.route(new Req("/Greeter/greet").body("\"" + "x".repeat(16) + "\"").build())).reply();
        assertEquals(413, body.status());
        assertTrue(body.body().contains("18 bytes; at most 16") && body.body().contains("rio.ingress.max-body-bytes"),
                body.body());
    }

    @Test
    void limitsAreCheckedWhenConfigured() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new IngressLimits(1025, 16),
                "wider than Rio's key columns");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new IngressLimits(8, 0));
    }

    @Test
    void aBodyIsReadOnlyUpToOneByteOverTheLimit() throws Exception {
        byte[] big = new byte[100];
        java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(big);
        assertNull(IngressResource.readAtMost(in, 10));
        assertEquals(100 - 11, in.available(), "stopped reading after limit + 1 bytes");
        assertEquals(10, IngressResource.readAtMost(new java.io.ByteArrayInputStream(new byte[10]), 10).length);
    }

    // ---- services, objects, workflows

    @Test
    void serviceCallCarriesParsedInputHeadersAndNoKey() {
        InvocationRequest r = call(new Req("/Greeter/greet").body("\"Ann\"")
                .header("X-Trace", "a", "b").header("Host", "localhost").header("Connection", "keep-alive")
                .header("Idempotency-Key", "k-1"));
        assertEquals("Greeter", r.target().service());
        assertEquals("greet", r.target().name());
        assertNull(r.key());
        assertEquals("\"Ann\"", r.inputJson());
        assertEquals("Ann", r.input());
        assertEquals("k-1", r.idempotencyKey());
        assertEquals("a, b", r.headers().get("x-trace"));
        assertEquals("application/json", r.headers().get("content-type"));
        assertEquals("k-1", r.headers().get("idempotency-key"));
        assertTrue(!r.headers().containsKey("host") && !r.headers().containsKey("connection"), r.headers().toString());
        assertNull(r.delay());
    }

    @Test
    void serviceSendFormIsASend() {
        InvocationRequest r = send(new Req("/Greeter/greet/send").body("\"Ann\""));
        assertEquals("greet", r.target().name());
        assertNull(r.key());
    }

    @Test
    void objectCallAndSendUseTheKeyBecauseTheRegistrySaysKeyed() {
        InvocationRequest c = call(new Req("/Counter/my-key/add").body("5"));
        assertEquals("my-key", c.key());
        assertEquals(5L, c.input());
        InvocationRequest s = send(new Req("/Counter/my-key/add/send").body("7").query("delay", "10s"));
        assertEquals("my-key", s.key());
        assertEquals(7L, s.input());
        assertEquals(Duration.ofSeconds(10), s.delay());
    }

    @Test
    void workflowIsKeyedAndReadsObjectInput() {
        InvocationRequest r = call(new Req("/Signup/user-1/run").body("{\"name\":\"Ann\",\"age\":33}"));
        assertEquals("user-1", r.key());
        TestServices.Person p = assertInstanceOf(TestServices.Person.class, r.input());
        assertEquals("Ann", p.name);
        assertEquals(33, p.age);
    }

    @Test
    void restatePrefixedFormsAndTrailingSlash() {
        assertEquals("k", call(new Req("/restate/call/Counter/k/add").body("1")).key());
        assertEquals("greet", send(new Req("/restate/send/Greeter/greet").body("\"x\"")).target().name());
        assertEquals(Duration.ofMillis(500),
                send(new Req("/restate/send/Counter/k/add").body("1").query("delay", "500ms")).delay());
        assertEquals("greet", call(new Req("/Greeter/greet/").body("\"x\"")).target().name());
        // In the explicit call form, a trailing "send" is not a send.
        IngressReply r = error(new Req("/restate/call/Greeter/greet/send").body("\"x\""), 404);
        assertTrue(r.body().contains("invoked as POST /Greeter/{handler}; its handlers"), r.body());
    }

    @Test
    void attachAndOutputRoutes() {
        assertEquals(new Route.Attach("inv-1"), route(new Req("/restate/attach/inv-1").method("GET")));
        assertEquals(new Route.Output("inv-1"), route(new Req("/restate/output/inv-1").method("GET")));
        assertEquals(new Route.Attach("inv-2"), route(new Req("/restate/invocation/inv-2/attach").method("GET")));
        assertEquals(new Route.Output("inv-2"), route(new Req("/restate/invocation/inv-2/output").method("GET")));
        error(new Req("/restate/attach/inv-1"), 405);
        error(new Req("/restate/attach").method("GET"), 404);
        error(new Req("/restate/nope/x").method("GET"), 404);
    }

    // ---- whole body is one JSON value

    @Test
    void trailingContentAfterTheInputIs400NamingTheProblem() {
        IngressReply r = error(new Req("/Counter/k/add").body("1 2 ]"), 400);
        assertTrue(r.body().contains("Counter/add expects a JSON long") && r.body().contains("trailing content"),
                r.body());
        error(new Req("/Greeter/greet").body("\"a\" \"b\""), 400);
        assertEquals(1L, call(new Req("/Counter/k/add").body(" 1 \n")).input());
    }

    // ---- awakeables

    private Route.CompleteAwakeable awakeable(Req req) {
        return assertInstanceOf(Route.CompleteAwakeable.class, route(req), () -> "got " + route(req));
    }

    @Test
    void resolveTakesOneJsonValueAndEmptyMeansNull() {
        assertEquals(new Route.CompleteAwakeable("awk_1", "{\"a\":1}", null),
                awakeable(new Req("/restate/awakeables/awk_1/resolve").body(" {\"a\":1} ")));
        assertEquals(new Route.CompleteAwakeable("awk_1", "null", null),
                awakeable(new Req("/restate/awakeables/awk_1/resolve")));
        assertEquals("42", awakeable(new Req("/restate/awakeables/awk_1/resolve").body("42").header("Content-Type"))
                .json());
        IngressReply bad = error(new Req("/restate/awakeables/awk_1/resolve").body("{oops"), 400);
        assertTrue(bad.body().contains("resolving awakeable awk_1 must be one JSON value"), bad.body());
        IngressReply trailing = error(new Req("/restate/awakeables/awk_1/resolve").body("1 2 ]"), 400);
        assertTrue(trailing.body().contains("trailing content"), trailing.body());
        error(new Req("/restate/awakeables/awk_1/resolve").body("1").header("Content-Type", "text/plain"), 415);
    }

    @Test
    void rejectTakesTextOrAJsonString() {
        assertEquals(new Route.CompleteAwakeable("awk_1", null, "card \"declined\""),
                awakeable(new Req("/restate/awakeables/awk_1/reject").body("card \"declined\"")
                        .header("Content-Type", "text/plain; charset=UTF-8")));
        assertEquals("card declined", awakeable(new Req("/restate/awakeables/awk_1/reject")
                .body("\"card declined\"")).reason());
        assertEquals("card declined", awakeable(new Req("/restate/awakeables/awk_1/reject").body("card declined")
                .header("Content-Type")).reason());
        assertEquals(AwakeableRoutes.DEFAULT_REASON, awakeable(new Req("/restate/awakeables/awk_1/reject")).reason());
        IngressReply notString = error(new Req("/restate/awakeables/awk_1/reject").body("{\"a\":1}"), 400);
        assertTrue(notString.body().contains("reason as a JSON string"), notString.body());
        error(new Req("/restate/awakeables/awk_1/reject").body("x").header("Content-Type", "image/png"), 415);
    }

    @Test
    void awakeableRouteShapeAndMethod() {
        error(new Req("/restate/awakeables/awk_1/resolve").method("GET"), 405);
        error(new Req("/restate/awakeables/awk_1"), 404);
        error(new Req("/restate/awakeables/awk_1/complete"), 404);
        error(new Req("/restate/awakeables//resolve"), 404);
    }

    // ---- attach/output by workflow key and by idempotency key

    private static final io.rio.core.model.HandlerDefinition SIGNUP_RUN = TestServices.REGISTRY.service("Signup")
            .orElseThrow().handler("run").orElseThrow();

    @Test
    void workflowAttachAndOutputByKeyFindTheRunHandler() {
        Route.Find attach = assertInstanceOf(Route.Find.class,
                route(new Req("/restate/workflow/Signup/u-1/attach").method("GET")));
        assertEquals(SIGNUP_RUN, attach.target());
        assertEquals("u-1", attach.key());
        assertNull(attach.idempotencyKey());
        assertTrue(!attach.output() && attach.notFound().contains("Workflow 'Signup' has no run for key 'u-1'"));
        assertTrue(assertInstanceOf(Route.Find.class,
                route(new Req("/restate/workflow/Signup/u-1/output").method("GET"))).output());
        IngressReply unknown = error(new Req("/restate/workflow/Nope/u-1/attach").method("GET"), 404);
        assertTrue(unknown.body().contains("No workflow named 'Nope'; workflows: Signup"), unknown.body());
        IngressReply notWorkflow = error(new Req("/restate/workflow/Counter/u-1/attach").method("GET"), 404);
        assertTrue(notWorkflow.body().contains("Virtual object 'Counter' is not a workflow"), notWorkflow.body());
        error(new Req("/restate/workflow/Signup/u-1/attach"), 405);
        error(new Req("/restate/workflow/Signup/u-1").method("GET"), 404);
        error(new Req("/restate/workflow/Signup//attach").method("GET"), 404);
    }

    @Test
    void attachAndOutputByIdempotencyKeyForServicesAndKeyedHandlers() {
        Route.Find service = assertInstanceOf(Route.Find.class,
                route(new Req("/restate/invocation/Greeter/greet/idem-1/attach").method("GET")));
        assertEquals("greet", service.target().name());
        assertNull(service.key());
        assertEquals("idem-1", service.idempotencyKey());
        assertTrue(service.notFound().contains("Greeter/greet with idempotency key 'idem-1'"), service.notFound());
        Route.Find keyed = assertInstanceOf(Route.Find.class,
                route(new Req("/restate/invocation/Counter/c1/add/idem-2/output").method("GET")));
        assertEquals("add", keyed.target().name());
        assertEquals("c1", keyed.key());
        assertEquals("idem-2", keyed.idempotencyKey());
        assertTrue(keyed.output());
        IngressReply needsKey = error(new Req("/restate/invocation/Counter/add/idem/attach").method("GET"), 404);
        assertTrue(needsKey.body().contains("is keyed: GET /restate/invocation/Counter/{key}/{handler}"),
                needsKey.body());
        IngressReply noKey = error(new Req("/restate/invocation/Greeter/k/greet/idem/attach").method("GET"), 404);
        assertTrue(noKey.body().contains("takes no key"), noKey.body());
        IngressReply noHandler = error(new Req("/restate/invocation/Greeter/nope/idem/attach").method("GET"), 404);
        assertTrue(noHandler.body().contains("has no handler 'nope'"), noHandler.body());
        error(new Req("/restate/invocation/Nope/greet/idem/attach").method("GET"), 404);
        error(new Req("/restate/invocation/Greeter/greet/idem/attach"), 405);
        error(new Req("/restate/invocation/Greeter/greet/idem/wait").method("GET"), 404);
    }

    // ---- routing errors

    @Test
    void unknownServiceIs404ListingKnownServices() {
        IngressReply r = error(new Req("/Nope/greet").body("1"), 404);
        assertTrue(r.body().contains("'Nope'") && r.body().contains("Counter, Greeter, Signup"), r.body());
        error(new Req("/"), 404);
    }

    @Test
    void unknownHandlerIs404ListingHandlers() {
        IngressReply r = error(new Req("/Counter/k/subtract").body("1"), 404);
        assertTrue(r.body().contains("'subtract'") && r.body().contains("add, get, reset"), r.body());
        IngressReply s = error(new Req("/Greeter/hello"), 404);
        assertTrue(s.body().contains("'hello'") && s.body().contains("greet, ping"), s.body());
    }

    @Test
    void keyedHandlerWithoutKeyAndServiceWithKeyAreClearErrors() {
        IngressReply noKey = error(new Req("/Counter/add").body("1"), 400);
        assertTrue(noKey.body().contains("Counter/add needs a key: POST /Counter/{key}/add"), noKey.body());
        error(new Req("/Counter//add").body("1"), 400);
        IngressReply withKey = error(new Req("/Greeter/k/greet").body("\"x\""), 400);
        assertTrue(withKey.body().contains("Service 'Greeter' takes no key: POST /Greeter/greet"), withKey.body());
        IngressReply shape = error(new Req("/Counter/a/b/c/d"), 404);
        assertTrue(shape.body().contains("/Counter/{key}/{handler}"), shape.body());
    }

    @Test
    void handlersAreInvokedWithPost() {
        error(new Req("/Greeter/greet").method("GET"), 405);
    }

    // ---- bodies

    @Test
    void malformedJsonIs400NamingTheType() {
        IngressReply r = error(new Req("/Counter/k/add").body("{not json"), 400);
        assertTrue(r.body().contains("Counter/add expects a JSON long"), r.body());
    }

    @Test
    void wrongTypeIs400NamingTheType() {
        IngressReply r = error(new Req("/Counter/k/add").body("\"abc\""), 400);
        assertTrue(r.body().contains("expects a JSON long"), r.body());
        IngressReply w = error(new Req("/Signup/u/run").body("[1,2]"), 400);
        assertTrue(w.body().contains(TestServices.Person.class.getTypeName()), w.body());
    }

    @Test
    void missingBodyIsNullForNullableTypesAnd400ForPrimitives() {
        InvocationRequest r = call(new Req("/Greeter/greet"));
        assertEquals("null", r.inputJson());
        assertNull(r.input());
        IngressReply e = error(new Req("/Counter/k/add"), 400);
        assertTrue(e.body().contains("no body"), e.body());
        error(new Req("/Counter/k/add").body("null"), 400);
    }

    @Test
    void bodyForHandlerWithoutInputIsIgnoredWhenEmptyElse400() {
        InvocationRequest r = call(new Req("/Counter/k/get"));
        assertNull(r.inputJson());
        assertNull(r.input());
        assertNull(call(new Req("/Greeter/ping").body("  ")).inputJson());
        IngressReply e = error(new Req("/Counter/k/get").body("{\"a\":1}"), 400);
        assertTrue(e.body().contains("Counter/get takes no input"), e.body());
    }

    @Test
    void contentTypeJsonOrMissingIsAcceptedOthers415() {
        assertEquals(3L, call(new Req("/Counter/k/add").body("3").header("Content-Type")).input());
        assertEquals(3L, call(new Req("/Counter/k/add").body("3")
                .header("content-type", "application/json; charset=UTF-8")).input());
        assertEquals(3L, call(new Req("/Counter/k/add").body("3")
                .header("Content-Type", "application/vnd.api+json")).input());
        IngressReply e = error(new Req("/Counter/k/add").body("3").header("Content-Type", "text/plain"), 415);
        assertTrue(e.body().contains("text/plain"), e.body());
    }

    @Test
    void nonUtf8CharsetIsDecoded() {
        IngressRequest req = new IngressRequest("POST", List.of("Greeter", "greet"), Map.of(),
                Map.of("Content-Type", List.of("application/json; charset=ISO-8859-1")),
                "\"Andr\u00e9\"".getBytes(StandardCharsets.ISO_8859_1));
        Route.Call c = assertInstanceOf(Route.Call.class, router.route(req));
        assertEquals("Andr\u00e9", c.request().input());
    }

    // ---- delay and idempotency

    @Test
    void delayOnlyOnSendAndMustParse() {
        IngressReply onCall = error(new Req("/Counter/k/add").body("1").query("delay", "10s"), 400);
        assertTrue(onCall.body().contains("only allowed when sending"), onCall.body());
        IngressReply bad = error(new Req("/Counter/k/add/send").body("1").query("delay", "soon"), 400);
        assertTrue(bad.body().contains("Invalid duration 'soon'"), bad.body());
        assertEquals(Duration.ofSeconds(10),
                send(new Req("/Counter/k/add/send").body("1").query("delay", "PT10S")).delay());
    }

    @Test
    void blankIdempotencyKeyIs400() {
        error(new Req("/Greeter/greet").body("\"x\"").header("Idempotency-Key", " "), 400);
    }
}
