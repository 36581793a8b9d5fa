package io.rio.ingress.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rio.api.Awakeable;
import io.rio.api.SharedObjectContext;
import io.rio.core.EngineConfig;
import io.rio.core.RioEngine;
import io.rio.core.model.HandlerDefinition;
import io.rio.core.model.HandlerKind;
import io.rio.core.model.ServiceKind;
import io.rio.core.model.ServiceRegistry;
import io.rio.core.testing.InMemoryStore;
import io.rio.core.testing.InMemoryTransactions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JAX-RS layer on a real JAX-RS runtime (Jersey 3.1 on Grizzly, as in Payara) with the real engine over the
 * in-memory store: path matching, suspended responses, status codes, headers and the error mappers.
 */
class IngressHttpTest {
    private static final CountDownLatch NEVER = new CountDownLatch(1);
    private static final Map<String, String> AWAKEABLES = new ConcurrentHashMap<>();
    private static ExecutorService executor;
    private static ScheduledExecutorService scheduler;
    private static RioEngine engine;
    private static JerseyServer server;
    private static URI base;
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        executor = Executors.newFixedThreadPool(8);
        scheduler = Executors.newScheduledThreadPool(1);
        ServiceRegistry registry = new ServiceRegistry(List.of(
                TestServices.service("Greeter", ServiceKind.SERVICE,
                        handler("Greeter", "greet", HandlerKind.STATELESS, String.class, String.class,
                                (ctx, in) -> "Hello " + in),
                        handler("Greeter", "nothing", HandlerKind.STATELESS, null, null, (ctx, in) -> null),
                        handler("Greeter", "hang", HandlerKind.STATELESS, null, null, (ctx, in) -> {
                            NEVER.await(5, TimeUnit.SECONDS);
                            return null;
                        })),
                TestServices.service("Counter", ServiceKind.VIRTUAL_OBJECT,
                        handler("Counter", "add", HandlerKind.EXCLUSIVE, long.class, long.class, (ctx, in) -> in)),
                TestServices.service("Approval", ServiceKind.WORKFLOW,
                        handler("Approval", "run", HandlerKind.WORKFLOW_RUN, String.class, String.class, (ctx, in) -> {
                            Awakeable<String> a = ctx.awakeable(String.class);
                            AWAKEABLES.put(((SharedObjectContext) ctx).key(), a.id());
                            return in + " approved by " + a.await();
                        }))));
        InMemoryTransactions transactions = new InMemoryTransactions();
        engine = new RioEngine(registry, new InMemoryStore(transactions), transactions, TestServices.SERDE, executor,
                scheduler, Clock.systemUTC(), EngineConfig.defaults("node-1"));
        engine.start();
        engine.cluster().awaitReady(java.time.Duration.ofSeconds(10));
        server = new JerseyServer(engine, Map.of(IngressResource.TIMEOUT_KEY, "1s"));
        base = server.base;
    }

    @AfterAll
    static void stop() {
        NEVER.countDown();
        server.close();
        engine.close();
        executor.shutdownNow();
        scheduler.shutdownNow();
    }

    private static HandlerDefinition handler(String service, String name, HandlerKind kind, Class<?> in, Class<?> out,
            io.rio.core.model.HandlerInvoker invoker) {
        return new HandlerDefinition(service, name, kind, in, out, invoker, service + "#" + name);
    }

    private static HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void clusterViewsArePublicAndNotTakenByTheCatchAll() throws Exception {
        String self = engine.cluster().membership().self().nodeId();
        HttpResponse<String> cluster = get("rio/cluster");
        assertEquals(200, cluster.statusCode(), cluster.body());
        assertTrue(cluster.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        assertTrue(cluster.body().startsWith("{\"self\":\"" + self + "\",\"ready\":true,\"partitions\":271,"
                + "\"members\":[{\"id\":"), cluster.body());
        assertTrue(cluster.body().endsWith(",\"owners\":[" + "0,".repeat(270) + "0]}"), cluster.body());
        HttpResponse<String> me = get("rio/cluster/self");
        assertEquals(200, me.statusCode(), me.body());
        assertTrue(me.body().matches("\\{\"nodeId\":\"" + self + "\",\"inflight\":\\d+,\"held\":\\d+}"),
                me.body());
        HttpResponse<String> posted = post("rio/cluster", "{}");
        assertEquals(405, posted.statusCode(), posted.body());
        assertTrue(posted.body().startsWith("{\"code\":405,"), posted.body());
    }

    @Test
    void keyedCallsRunLocallyOnTheOwnerAndForwardedOnesAreNotForwardedAgain() throws Exception {
        HttpResponse<String> r = post("Counter/fw/add", "4", "Content-Type", "application/json");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("4", r.body());
        HttpResponse<String> forwarded = post("Counter/fw/add", "6", "Content-Type", "application/json",
                "x-rio-forwarded", "node-0");
        assertEquals(200, forwarded.statusCode(), forwarded.body());
        assertEquals("6", forwarded.body());
        assertTrue(forwarded.headers().firstValue("x-restate-id").isPresent());
    }

    @Test
    void callAnswersJsonWithInvocationId() throws Exception {
        HttpResponse<String> r = post("Greeter/greet", "\"Ann\"", "Content-Type", "application/json");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("\"Hello Ann\"", r.body());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        assertTrue(r.headers().firstValue("x-restate-id").isPresent());
        // No content type at all is accepted too (plain curl -d).
        HttpResponse<String> bare = CLIENT.send(HttpRequest.newBuilder(base.resolve("Counter/k/add"))
                .POST(HttpRequest.BodyPublishers.ofString("5")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, bare.statusCode(), bare.body());
        assertEquals("5", bare.body());
    }

    @Test
    void voidAnswers200WithEmptyBody() throws Exception {
        HttpResponse<String> r = post("Greeter/nothing", "");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("", r.body());
    }

    @Test
    void sendThenAttach() throws Exception {
        HttpResponse<String> sent = post("Counter/k/add/send", "7", "Content-Type", "application/json");
        assertEquals(202, sent.statusCode(), sent.body());
        String id = sent.headers().firstValue("x-restate-id").orElseThrow();
        assertEquals("{\"invocationId\":\"" + id + "\",\"status\":\"Accepted\"}", sent.body());
        HttpResponse<String> attached = get("restate/attach/" + id);
        assertEquals(200, attached.statusCode(), attached.body());
        assertEquals("7", attached.body());
    }

    @Test
    void errorsAreJson() throws Exception {
        HttpResponse<String> unknown = post("Nope/x", "");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().startsWith("{\"code\":404,\"message\":\"No service"), unknown.body());
        HttpResponse<String> bad = post("Counter/k/add", "\"x\"", "Content-Type", "application/json");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("expects a JSON long"), bad.body());
        HttpResponse<String> text = post("Counter/k/add", "1", "Content-Type", "text/plain");
        assertEquals(415, text.statusCode(), text.body());
        HttpResponse<String> output = get("restate/output/nope");
        assertEquals(404, output.statusCode());
        assertTrue(output.body().startsWith("{\"code\":404,"), output.body());
        HttpResponse<String> put = CLIENT.send(HttpRequest.newBuilder(base.resolve("Greeter/greet"))
                .PUT(HttpRequest.BodyPublishers.ofString("1")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, put.statusCode());
        assertTrue(put.body().startsWith("{\"code\":405,"), put.body());
    }

    @Test
    void slowCallAnswers504AfterTheConfiguredTimeout() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> r = post("Greeter/hang", "");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(504, r.statusCode(), r.body());
        assertTrue(r.body().contains("Greeter/hang") && r.body().contains("keeps running"), r.body());
        assertTrue(millis >= 900 && millis < 4000, "answered after " + millis + " ms");
    }

    @Test
    void workflowByKeyAndAwakeableOverHttp() throws Exception {
        HttpResponse<String> sent = post("Approval/w1/run/send", "\"order\"", "Content-Type", "application/json");
        assertEquals(202, sent.statusCode(), sent.body());
        for (int i = 0; i < 500 && !AWAKEABLES.containsKey("w1"); i++) {
            Thread.sleep(10);
        }
        String awakeable = AWAKEABLES.get("w1");
        HttpResponse<String> pending = get("restate/workflow/Approval/w1/output");
        assertEquals(470, pending.statusCode(), pending.body());
        HttpResponse<String> malformed = post("restate/awakeables/" + awakeable + "/resolve", "{\"a\"",
                "Content-Type", "application/json");
        assertEquals(400, malformed.statusCode(), malformed.body());
        assertTrue(malformed.body().startsWith("{\"code\":400,"), malformed.body());
        HttpResponse<String> resolved = post("restate/awakeables/" + awakeable + "/resolve", "\"Bo\"",
                "Content-Type", "application/json");
        assertEquals(202, resolved.statusCode(), resolved.body());
        assertEquals("", resolved.body());
        HttpResponse<String> attached = get("restate/workflow/Approval/w1/attach");
        assertEquals(200, attached.statusCode(), attached.body());
        assertEquals("\"order approved by Bo\"", attached.body());
        HttpResponse<String> twice = post("restate/awakeables/" + awakeable + "/reject", "late",
                "Content-Type", "text/plain");
        assertEquals(409, twice.statusCode(), twice.body());
        assertTrue(twice.body().startsWith("{\"code\":409,"), twice.body());
        HttpResponse<String> unknown = post("restate/awakeables/awk_inv_nope_1/resolve", "1");
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertEquals(404, get("restate/workflow/Approval/nobody/attach").statusCode());
    }

    @Test
    void idempotencyKeyOutputAndTrailingContentOverHttp() throws Exception {
        HttpResponse<String> sent = post("Counter/k2/add/send", "3", "Idempotency-Key", "i-1");
        assertEquals(202, sent.statusCode(), sent.body());
        HttpResponse<String> attached = get("restate/invocation/Counter/k2/add/i-1/attach");
        assertEquals(200, attached.statusCode(), attached.body());
        assertEquals("3", attached.body());
        assertEquals(404, get("restate/invocation/Greeter/greet/i-1/output").statusCode());
        HttpResponse<String> trailing = post("Counter/k/add", "1 2 ]", "Content-Type", "application/json");
        assertEquals(400, trailing.statusCode(), trailing.body());
        assertTrue(trailing.body().contains("trailing content"), trailing.body());
    }
}
