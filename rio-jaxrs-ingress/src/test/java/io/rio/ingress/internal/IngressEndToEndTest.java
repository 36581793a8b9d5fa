package io.rio.ingress.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rio.api.Awakeable;
import io.rio.api.ObjectContext;
import io.rio.api.SharedObjectContext;
import io.rio.api.StateKey;
import io.rio.api.TerminalException;
import io.rio.core.EngineConfig;
import io.rio.core.RioEngine;
import io.rio.core.model.HandlerDefinition;
import io.rio.core.model.HandlerKind;
import io.rio.core.model.ServiceKind;
import io.rio.core.model.ServiceRegistry;
import io.rio.core.testing.InMemoryStore;
import io.rio.core.testing.InMemoryTransactions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Router and dispatcher against the real engine over rio-core's in-memory store (no HTTP server). */
class IngressEndToEndTest {
    private static final StateKey<Long> COUNT = StateKey.of("count", Long.class);

    private final AtomicInteger greetRuns = new AtomicInteger();
    private final Map<String, String> awakeables = new ConcurrentHashMap<>();
    private ExecutorService executor;
    private ScheduledExecutorService scheduler;
    private RioEngine engine;
    private IngressRouter router;
    private IngressDispatcher dispatcher;

    @BeforeEach
    void start() {
        executor = Executors.newFixedThreadPool(8);
        scheduler = Executors.newScheduledThreadPool(1);
        ServiceRegistry registry = new ServiceRegistry(List.of(
                TestServices.service("Greeter", ServiceKind.SERVICE,
                        handler("Greeter", "greet", HandlerKind.STATELESS, String.class, String.class, (ctx, in) -> {
                            greetRuns.incrementAndGet();
                            return "Hello " + in;
                        }),
                        handler("Greeter", "refuse", HandlerKind.STATELESS, null, null, (ctx, in) -> {
                            throw new TerminalException(409, "already \"taken\"");
                        })),
                TestServices.service("Counter", ServiceKind.VIRTUAL_OBJECT,
                        handler("Counter", "add", HandlerKind.EXCLUSIVE, long.class, long.class, (ctx, in) -> {
                            ObjectContext o = (ObjectContext) ctx;
                            long next = o.get(COUNT).orElse(0L) + (Long) in;
                            o.set(COUNT, next);
                            return next;
                        }),
                        handler("Counter", "get", HandlerKind.SHARED, null, long.class,
                                (ctx, in) -> ((SharedObjectContext) ctx).get(COUNT).orElse(0L))),
                TestServices.service("Waiter", ServiceKind.SERVICE,
                        handler("Waiter", "wait", HandlerKind.STATELESS, String.class, String.class, (ctx, in) -> {
                            Awakeable<String> a = ctx.awakeable(String.class);
                            awakeables.put((String) in, a.id());
                            return "got " + a.await();
                        })),
                TestServices.service("Approval", ServiceKind.WORKFLOW,
                        handler("Approval", "run", HandlerKind.WORKFLOW_RUN, String.class, String.class, (ctx, in) -> {
                            Awakeable<String> a = ctx.awakeable(String.class);
                            awakeables.put("wf-" + ((SharedObjectContext) ctx).key(), a.id());
                            return in + " approved by " + a.await();
                        }))));
        InMemoryTransactions transactions = new InMemoryTransactions();
        engine = new RioEngine(registry, new InMemoryStore(transactions), transactions, TestServices.SERDE, executor,
                scheduler, Clock.systemUTC(), EngineConfig.defaults("node-1"));
        engine.start();
        engine.cluster().awaitReady(java.time.Duration.ofSeconds(10));
        router = new IngressRouter(engine.registry(), engine.serde());
        dispatcher = new IngressDispatcher(InvocationGateway.of(engine));
    }

    @AfterEach
    void stop() throws InterruptedException {
        engine.close();
        executor.shutdownNow();
        scheduler.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }

    private static HandlerDefinition handler(String service, String name, HandlerKind kind, Class<?> in, Class<?> out,
            io.rio.core.model.HandlerInvoker invoker) {
        return new HandlerDefinition(service, name, kind, in, out, invoker, service + "#" + name);
    }

    private IngressReply http(String method, String path, String body, Map<String, List<String>> headers) {
        String[] pathAndQuery = path.split("\\?", 2);
        Map<String, List<String>> query = pathAndQuery.length == 2
                ? Map.of(pathAndQuery[1].split("=")[0], List.of(pathAndQuery[1].split("=")[1])) : Map.of();
        IngressRequest req = new IngressRequest(method, Arrays.asList(pathAndQuery[0].substring(1).split("/", -1)),
                query, headers, body.getBytes(StandardCharsets.UTF_8));
        return dispatcher.dispatch(router.route(req), method + " " + path).orTimeout(10, TimeUnit.SECONDS).join();
    }

    private IngressReply post(String path, String body) {
        return http("POST", path, body, Map.of("content-type", List.of("application/json")));
    }

    private static String invocationId(IngressReply sendReply) {
        Matcher m = Pattern.compile("\"invocationId\":\"([^\"]+)\"").matcher(sendReply.body());
        assertTrue(m.find(), sendReply.body());
        return m.group(1);
    }

    @Test
    void callsAServiceAndAnObject() {
        IngressReply greet = post("/Greeter/greet", "\"Ann\"");
        assertEquals(200, greet.status());
        assertEquals("\"Hello Ann\"", greet.body());
        assertTrue(greet.headers().containsKey("x-restate-id"), greet.headers().toString());
        assertEquals("2", post("/Counter/c1/add", "2").body());
        assertEquals("5", post("/Counter/c1/add", "3").body());
        assertEquals("5", post("/Counter/c1/get", "").body());
        assertEquals("0", post("/Counter/other/get", "").body());
    }

    @Test
    void terminalErrorAnswersItsCode() {
        IngressReply reply = post("/Greeter/refuse", "");
        assertEquals(409, reply.status());
        assertEquals("{\"code\":409,\"message\":\"already \\\"taken\\\"\"}", reply.body());
    }

    @Test
    void badInputIsRejectedBeforeAnythingRuns() {
        assertEquals(400, post("/Counter/c1/add", "\"abc\"").status());
        assertEquals("0", post("/Counter/c1/get", "").body());
    }

    @Test
    void sendThenAttachAndOutput() {
        IngressReply sent = post("/Counter/c2/add/send", "4");
        assertEquals(202, sent.status());
        assertTrue(sent.body().contains("\"status\":\"Accepted\""), sent.body());
        String id = invocationId(sent);
        IngressReply attached = http("GET", "/restate/attach/" + id, "", Map.of());
        assertEquals(200, attached.status());
        assertEquals("4", attached.body());
        IngressReply output = http("GET", "/restate/output/" + id, "", Map.of());
        assertEquals(200, output.status());
        assertEquals("4", output.body());
        assertEquals(404, http("GET", "/restate/attach/no-such-id", "", Map.of()).status());
        assertEquals(404, http("GET", "/restate/output/no-such-id", "", Map.of()).status());
    }

    @Test
    void delayedSendIsNotReadyAtOnce() {
        IngressReply sent = post("/Counter/c3/add/send?delay=1h", "1");
        assertEquals(202, sent.status());
        IngressReply output = http("GET", "/restate/output/" + invocationId(sent), "", Map.of());
        assertEquals(470, output.status(), output.body());
        assertEquals("0", post("/Counter/c3/get", "").body());
    }

    @Test
    void idempotencyKeyReturnsTheFirstResultWithoutRunningAgain() {
        Map<String, List<String>> headers = Map.of("content-type", List.of("application/json"),
                "Idempotency-Key", List.of("once"));
        IngressReply first = http("POST", "/Greeter/greet", "\"Ann\"", headers);
        IngressReply second = http("POST", "/Greeter/greet", "\"Ann\"", headers);
        assertEquals(first.body(), second.body());
        assertEquals(first.headers().get("x-restate-id"), second.headers().get("x-restate-id"));
        assertEquals(1, greetRuns.get());

        IngressReply sent = http("POST", "/Counter/c4/add/send", "1", Map.of("Idempotency-Key", List.of("s1")));
        IngressReply again = http("POST", "/Counter/c4/add/send", "1", Map.of("Idempotency-Key", List.of("s1")));
        assertEquals("Accepted", status(sent));
        assertEquals("PreviouslyAccepted", status(again));
        assertEquals(invocationId(sent), invocationId(again));
    }

    private static String status(IngressReply reply) {
        Matcher m = Pattern.compile("\"status\":\"([^\"]+)\"").matcher(reply.body());
        assertTrue(m.find(), reply.body());
        return m.group(1);
    }

    @Test
    void routingErrorsNeverReachTheEngine() {
        IngressReply r = post("/Nope/x", "");
        assertInstanceOf(String.class, r.body());
        assertEquals(404, r.status());
    }

    // ---- awakeables, workflows by key, idempotency keys

    private String awakeableOf(String tag) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            String id = awakeables.get(tag);
            if (id != null) {
                return id;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("no awakeable for " + tag);
    }

    private IngressReply get(String path) {
        return http("GET", path, "", Map.of());
    }

    @Test
    void awakeableResolvedOverHttpCompletesItsWaiterAndASecondCompletionIs409() {
        String id = invocationId(post("/Waiter/wait/send", "\"t1\""));
        String awakeable = awakeableOf("t1");
        IngressReply resolved = post("/restate/awakeables/" + awakeable + "/resolve", "\"yes\"");
        assertEquals(202, resolved.status(), resolved.body());
        assertEquals(null, resolved.body());
        IngressReply attached = get("/restate/attach/" + id);
        assertEquals(200, attached.status(), attached.body());
        assertEquals("\"got yes\"", attached.body());
        IngressReply again = post("/restate/awakeables/" + awakeable + "/resolve", "\"no\"");
        assertEquals(409, again.status(), again.body());
        assertTrue(again.body().startsWith("{\"code\":409,") && again.body().contains("already completed"),
                again.body());
        assertEquals(409, http("POST", "/restate/awakeables/" + awakeable + "/reject", "late",
                Map.of("content-type", List.of("text/plain"))).status());
    }

    @Test
    void awakeableRejectedOverHttpFailsItsWaiterWithTheReason() {
        String id = invocationId(post("/Waiter/wait/send", "\"t2\""));
        IngressReply rejected = http("POST", "/restate/awakeables/" + awakeableOf("t2") + "/reject", "card declined",
                Map.of("content-type", List.of("text/plain")));
        assertEquals(202, rejected.status(), rejected.body());
        IngressReply attached = get("/restate/attach/" + id);
        assertEquals(409, attached.status(), attached.body());
        assertTrue(attached.body().contains("card declined"), attached.body());
    }

    @Test
    void unknownOrMalformedAwakeableCompletionsAreRejected() {
        IngressReply unknownFormat = post("/restate/awakeables/nope/resolve", "1");
        assertEquals(404, unknownFormat.status(), unknownFormat.body());
        IngressReply unknownInvocation = post("/restate/awakeables/awk_inv_missing_0/resolve", "1");
        assertEquals(404, unknownInvocation.status(), unknownInvocation.body());
        post("/Waiter/wait/send", "\"t3\"");
        String awakeable = awakeableOf("t3");
        IngressReply malformed = post("/restate/awakeables/" + awakeable + "/resolve", "{\"a\":");
        assertEquals(400, malformed.status(), malformed.body());
        IngressReply wrongSeq = post("/restate/awakeables/" + awakeable.substring(0, awakeable.lastIndexOf('_'))
                + "_7/resolve", "1");
        assertEquals(404, wrongSeq.status(), wrongSeq.body());
        // The malformed attempt did not complete it.
        assertEquals(202, post("/restate/awakeables/" + awakeable + "/resolve", "\"ok\"").status());
    }

    @Test
    void workflowRunAttachAndOutputByKey() {
        IngressReply sent = post("/Approval/w1/run/send", "\"order-1\"");
        assertEquals(202, sent.status(), sent.body());
        IngressReply second = post("/Approval/w1/run/send", "\"order-1\"");
        assertEquals("PreviouslyAccepted", status(second));
        assertEquals(invocationId(sent), invocationId(second));
        String awakeable = awakeableOf("wf-w1");
        IngressReply pending = get("/restate/workflow/Approval/w1/output");
        assertEquals(470, pending.status(), pending.body());
        assertEquals(202, post("/restate/awakeables/" + awakeable + "/resolve", "\"Bo\"").status());
        IngressReply attached = get("/restate/workflow/Approval/w1/attach");
        assertEquals(200, attached.status(), attached.body());
        assertEquals("\"order-1 approved by Bo\"", attached.body());
        assertEquals(invocationId(sent), attached.headers().get("x-restate-id"));
        IngressReply output = get("/restate/workflow/Approval/w1/output");
        assertEquals("\"order-1 approved by Bo\"", output.body());
        IngressReply unknownKey = get("/restate/workflow/Approval/nobody/attach");
        assertEquals(404, unknownKey.status());
        assertTrue(unknownKey.body().contains("Workflow 'Approval' has no run for key 'nobody'"), unknownKey.body());
        assertEquals(404, get("/restate/workflow/Nope/w1/output").status());
    }

    @Test
    void attachAndOutputByIdempotencyKey() {
        Map<String, List<String>> headers = Map.of("content-type", List.of("application/json"),
                "Idempotency-Key", List.of("idem-a"));
        IngressReply first = http("POST", "/Greeter/greet", "\"Ann\"", headers);
        IngressReply attached = get("/restate/invocation/Greeter/greet/idem-a/attach");
        assertEquals(200, attached.status(), attached.body());
        assertEquals("\"Hello Ann\"", attached.body());
        assertEquals(first.headers().get("x-restate-id"), attached.headers().get("x-restate-id"));
        assertEquals(404, get("/restate/invocation/Greeter/greet/other/attach").status());

        http("POST", "/Counter/c9/add/send", "5", Map.of("Idempotency-Key", List.of("idem-b")));
        IngressReply keyed = get("/restate/invocation/Counter/c9/add/idem-b/attach");
        assertEquals("5", keyed.body());
        assertEquals("5", get("/restate/invocation/Counter/c9/add/idem-b/output").body());
        IngressReply otherKey = get("/restate/invocation/Counter/c8/add/idem-b/output");
        assertEquals(404, otherKey.status());
        assertTrue(otherKey.body().contains("Counter/add for key 'c8' with idempotency key 'idem-b'"),
                otherKey.body());
        assertEquals(1, greetRuns.get());
    }

    @Test
    void trailingContentInACallBodyIsRejectedAndNothingRuns() {
        IngressReply r = post("/Counter/c10/add", "1 2 ]");
        assertEquals(400, r.status());
        assertTrue(r.body().contains("trailing content"), r.body());
        assertEquals("0", post("/Counter/c10/get", "").body());
    }
}
