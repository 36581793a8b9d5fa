package io.rio.ingress.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rio.api.Awakeable;
import io.rio.api.ObjectContext;
import io.rio.api.StateKey;
import io.rio.core.EngineConfig;
import io.rio.core.InvocationRequest;
import io.rio.core.RioEngine;
import io.rio.core.model.HandlerDefinition;
import io.rio.core.model.HandlerInvoker;
import io.rio.core.model.HandlerKind;
import io.rio.core.model.ServiceKind;
import io.rio.core.model.ServiceRegistry;
import io.rio.core.testing.InMemoryStore;
import io.rio.core.testing.InMemoryTransactions;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin operations against the real engine over the in-memory store. */
class AdminOperationsTest {
    private static final StateKey<Long> COUNT = StateKey.of("count", Long.class);
    private static final Jsonb JSONB = JsonbBuilder.create();

    private final Map<String, String> awakeables = new ConcurrentHashMap<>();
    private ExecutorService executor;
    private ScheduledExecutorService scheduler;
    private RioEngine engine;
    private AdminOperations admin;

    @BeforeEach
    void start() {
        executor = Executors.newFixedThreadPool(8);
        scheduler = Executors.newScheduledThreadPool(1);
        InMemoryTransactions transactions = new InMemoryTransactions();
        engine = new RioEngine(registry(awakeables), new InMemoryStore(transactions), transactions,
                TestServices.SERDE, executor, scheduler, Clock.systemUTC(), EngineConfig.defaults("node-a"));
        engine.start();
        engine.cluster().awaitReady(java.time.Duration.ofSeconds(10));
        admin = new AdminOperations(engine);
    }

    @AfterEach
    void stop() throws InterruptedException {
        engine.close();
        executor.shutdownNow();
        scheduler.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Greeter (service), Counter (object with state), Waiter (waits for an awakeable after a step). */
    static ServiceRegistry registry(Map<String, String> awakeables) {
        return new ServiceRegistry(List.of(
                TestServices.service("Greeter", ServiceKind.SERVICE,
                        handler("Greeter", "greet", HandlerKind.STATELESS, String.class, String.class,
                                (ctx, in) -> "Hello " + in, null),
                        handler("Greeter", "tick", HandlerKind.STATELESS, null, null, (ctx, in) -> null,
                                "0 0 0 1 1 *")),
                TestServices.service("Counter", ServiceKind.VIRTUAL_OBJECT,
                        handler("Counter", "add", HandlerKind.EXCLUSIVE, long.class, long.class, (ctx, in) -> {
                            ObjectContext o = (ObjectContext) ctx;
                            long next = o.get(COUNT).orElse(0L) + (Long) in;
                            o.set(COUNT, next);
                            return next;
                        }, null)),
                TestServices.service("Waiter", ServiceKind.SERVICE,
                        handler("Waiter", "wait", HandlerKind.STATELESS, String.class, String.class, (ctx, in) -> {
                            String step = ctx.run("prepare", String.class, () -> "prepared " + in);
                            Awakeable<String> a = ctx.awakeable(String.class);
                            awakeables.put((String) in, a.id());
                            return step + " " + a.await();
                        }, null))));
    }

    private static HandlerDefinition handler(String service, String name, HandlerKind kind, Class<?> in,
            Class<?> out, HandlerInvoker invoker, String cron) {
        return new HandlerDefinition(service, name, kind, in, out, invoker, service + "#" + name, name, cron);
    }

    private String send(String service, String handler, String key, String inputJson, Object input) {
        HandlerDefinition target = engine.registry().service(service).orElseThrow().handler(handler).orElseThrow();
        return engine.send(new InvocationRequest(target, key, inputJson, input, Map.of("x-a", "1"), null, null))
                .join().invocationId();
    }

    /**
     * Sends Waiter/wait and returns its id once it waits for its awakeable, suspended: its body may have run in a
     * batch first (group commit), which its suspension rolled back, so the awakeable alone does not tell.
     */
    private String waiting(String tag) throws InterruptedException {
        String id = send("Waiter", "wait", null, "\"" + tag + "\"", tag);
        for (int i = 0; i < 500 && !(awakeables.containsKey(tag) && suspended(id)); i++) {
            Thread.sleep(10);
        }
        assertTrue(awakeables.containsKey(tag));
        assertTrue(suspended(id), id + " is suspended");
        return id;
    }

    private boolean suspended(String id) {
        return ((List<?>) json(admin.invocations(null, null, "suspended", "1000")).get("invocations")).stream()
                .anyMatch(m -> id.equals(((Map<?, ?>) m).get("id")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(IngressReply reply) {
        return JSONB.fromJson(reply.body(), Map.class);
    }

    private static void assertError(IngressReply reply, int status, String fragment) {
        assertEquals(status, reply.status(), reply.body());
        assertTrue(reply.body().startsWith("{\"code\":" + status + ",\"message\":") && reply.body().contains(fragment),
                reply.body());
    }

    @Test
    void servicesListKindsHandlersTypesAndCron() {
        IngressReply reply = admin.services();
        assertEquals(200, reply.status());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> services = (List<Map<String, Object>>) json(reply).get("services");
        assertEquals(List.of("Counter", "Greeter", "Waiter"), services.stream().map(s -> s.get("name")).toList());
        assertEquals("VIRTUAL_OBJECT", services.get(0).get("kind"));
        assertEquals(List.of(Map.of("name", "add", "kind", "EXCLUSIVE", "input", "long", "output", "long")),
                services.get(0).get("handlers"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> greeter = (List<Map<String, Object>>) services.get(1).get("handlers");
        assertEquals("java.lang.String", greeter.get(0).get("input"));
        assertEquals("0 0 0 1 1 *", greeter.get(1).get("cron"));
        assertTrue(greeter.get(1).containsKey("input") && greeter.get(1).get("input") == null);
    }

    @Test
    void invocationsAreListedAndFilteredWithValidatedParameters() throws Exception {
        String a = send("Counter", "add", "k1", "2", 2L);
        send("Counter", "add", "k2", "3", 3L);
        String w = waiting("list");
        engine.attach(a).get(5, TimeUnit.SECONDS);
        assertEquals(3, ((List<?>) json(admin.invocations(null, null, null, null)).get("invocations")).size());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> k1 = (List<Map<String, Object>>) json(admin.invocations("Counter", "k1", "", ""))
                .get("invocations");
        assertEquals(1, k1.size());
        assertEquals(a, k1.get(0).get("id"));
        assertEquals("COMPLETED", k1.get(0).get("status"));
        assertEquals(new BigDecimal(2), k1.get(0).get("output"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> suspended = (List<Map<String, Object>>) json(admin.invocations(null, null,
                "suspended", "10")).get("invocations");
        assertEquals(List.of(w), suspended.stream().map(m -> m.get("id")).toList());
        assertEquals(1, ((List<?>) json(admin.invocations(null, null, null, "1")).get("invocations")).size());
        assertError(admin.invocations(null, null, "sleeping", null), 400,
                "Unknown status 'sleeping'; valid statuses: PENDING, RUNNING, BACKING_OFF, SUSPENDED, PAUSED,"
                        + " COMPLETED, FAILED");
        assertError(admin.invocations(null, null, null, "1001"), 400, "from 1 to 1000");
        assertError(admin.invocations(null, null, null, "0"), 400, "Invalid limit '0'");
        assertError(admin.invocations(null, null, null, "ten"), 400, "Invalid limit 'ten'");
    }

    @Test
    void anInvocationIsShownWithEmbeddedJsonTimesJournalAndSignals() throws Exception {
        String id = waiting("show");
        Map<String, Object> shown = json(admin.invocation(id));
        assertEquals(id, shown.get("id"));
        assertEquals("Waiter", shown.get("service"));
        assertEquals("wait", shown.get("handler"));
        assertEquals("show", shown.get("input"), "the input is embedded as JSON, not as an escaped string");
        assertEquals(Map.of("x-a", "1"), shown.get("headers"));
        assertTrue(shown.containsKey("key") && shown.containsKey("idempotencyKey") && shown.containsKey("owner")
                && shown.containsKey("parent") && shown.containsKey("attempts") && shown.containsKey("output"));
        assertTrue(((String) shown.get("createdAt")).endsWith("Z"), shown.toString());
        assertTrue(((BigDecimal) shown.get("createdAtMillis")).longValue() > 0);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> journal = (List<Map<String, Object>>) shown.get("journal");
        assertEquals("run", journal.get(0).get("kind"));
        assertEquals("prepare", journal.get(0).get("name"));
        assertEquals("prepared show", journal.get(0).get("value"));
        assertEquals(new BigDecimal(0), journal.get(0).get("seq"));
        assertTrue(journal.get(0).containsKey("error") && journal.get(0).get("error") == null);
        assertTrue(journal.stream().anyMatch(e -> "awakeable".equals(e.get("kind"))), journal.toString());
        assertEquals(List.of(), shown.get("signals"));

        engine.completeAwakeable(awakeables.get("show"), null, "nope");
        engine.attach(id).get(5, TimeUnit.SECONDS);
        Map<String, Object> failed = json(admin.invocation(id));
        assertEquals("FAILED", failed.get("status"));
        assertEquals(Map.of("code", new BigDecimal(409), "message", "nope"), failed.get("error"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> signals = (List<Map<String, Object>>) failed.get("signals");
        assertEquals(1, signals.size());
        assertEquals(Map.of("code", new BigDecimal(409), "message", "nope"), signals.get(0).get("error"));
        assertError(admin.invocation("inv_unknown"), 404, "No invocation inv_unknown");
    }

    @Test
    void cancelEndsAWaitingInvocationThenAnotherCancelIs409AndUnknownIs404() throws Exception {
        String id = waiting("cancel");
        IngressReply cancelled = admin.act(id, "cancel");
        assertEquals(new IngressReply(202, "{\"invocationId\":\"" + id + "\",\"action\":\"cancel\"}", Map.of()),
                cancelled);
        assertEquals(409, engine.attach(id).get(5, TimeUnit.SECONDS).errorCode());
        assertError(admin.act(id, "cancel"), 409, "Cannot cancel invocation " + id + ": it has already ended (FAILED)");
        assertError(admin.act("inv_unknown", "cancel"), 404, "No invocation inv_unknown");
    }

    @Test
    void killPauseAndResume() throws Exception {
        String paused = waiting("pause");
        assertEquals(202, admin.act(paused, "pause").status());
        assertError(admin.act(paused, "pause"), 409, "it is already paused");
        assertEquals("PAUSED", json(admin.invocation(paused)).get("status"));
        assertEquals(202, admin.act(paused, "resume").status());
        assertError(admin.act(paused, "resume"), 409, "it is not paused");
        engine.completeAwakeable(awakeables.get("pause"), "\"go\"", null);
        assertEquals("\"prepared pause go\"", engine.attach(paused).get(5, TimeUnit.SECONDS).outputJson());
        assertError(admin.act(paused, "resume"), 409, "already ended (COMPLETED)");

        String killed = waiting("kill");
        assertEquals(202, admin.act(killed, "kill").status());
        assertEquals(409, engine.attach(killed).get(5, TimeUnit.SECONDS).errorCode());
        assertError(admin.act(killed, "kill"), 409, "already ended (FAILED)");
        assertError(admin.act("inv_unknown", "pause"), 404, "No invocation");
        assertError(admin.act("inv_unknown", "resume"), 404, "No invocation");
        assertError(admin.act("inv_unknown", "kill"), 404, "No invocation");
    }

    @Test
    void purgeDeletesOnlyEndedInvocations() throws Exception {
        String open = waiting("purge");
        assertError(admin.purge(open), 409, "it has not ended (SUSPENDED); cancel or kill it first");
        admin.act(open, "kill");
        IngressReply purged = admin.purge(open);
        assertEquals(200, purged.status(), purged.body());
        assertEquals("{\"invocationId\":\"" + open + "\",\"action\":\"purge\"}", purged.body());
        assertError(admin.invocation(open), 404, "No invocation");
        assertError(admin.purge(open), 404, "No invocation");
    }

    @Test
    void objectKeysAndStateAreReadAndReplaced() throws Exception {
        engine.attach(send("Counter", "add", "a", "4", 4L)).get(5, TimeUnit.SECONDS);
        engine.attach(send("Counter", "add", "b", "1", 1L)).get(5, TimeUnit.SECONDS);
        assertEquals("{\"service\":\"Counter\",\"keys\":[\"a\",\"b\"]}", admin.keys("Counter", null).body());
        assertEquals("{\"service\":\"Counter\",\"keys\":[\"a\"]}", admin.keys("Counter", "1").body());
        assertError(admin.keys("Counter", "5000"), 400, "Invalid limit");
        assertEquals("{\"count\":4}", admin.state("Counter", "a").body());
        assertEquals("{}", admin.state("Counter", "nobody").body());

        IngressReply replaced = admin.replaceState("Counter", "a", "application/json",
                "{\"count\": 10, \"note\": {\"by\": \"ops\"}}".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, replaced.status(), replaced.body());
        assertEquals(Map.of("count", new BigDecimal(10), "note", Map.of("by", "ops")), json(replaced));
        assertEquals("11", engine.attach(send("Counter", "add", "a", "1", 1L)).get(5, TimeUnit.SECONDS).outputJson(),
                "the handler sees the replaced state");

        assertError(admin.replaceState("Counter", "a", "application/json", "[1]".getBytes(StandardCharsets.UTF_8)),
                400, "must be a JSON object of entries");
        assertError(admin.replaceState("Counter", "a", null, "{\"count\":1} x".getBytes(StandardCharsets.UTF_8)),
                400, "trailing content");
        assertError(admin.replaceState("Counter", "a", "text/plain", "{}".getBytes(StandardCharsets.UTF_8)), 415,
                "text/plain");
        assertEquals("{\"count\":11,\"note\":{\"by\": \"ops\"}}", admin.state("Counter", "a").body());

        assertError(admin.state("Nope", "a"), 404, "No virtual object or workflow named 'Nope'; known: Counter");
        assertError(admin.keys("Greeter", null), 400, "'Greeter' is a service, without keys or state");
        assertError(admin.replaceState("Greeter", "a", null, new byte[0]), 400, "without keys or state");
    }

    @Test
    @SuppressWarnings("unchecked")
    void clusterShowsThisNodeOwningEveryPartitionInSingleNodeMode() throws Exception {
        waiting("cluster");
        ClusterOperations cluster = new ClusterOperations(ClusterView.of(engine), engine.registry(),
                OwnerClient.sharedHttpClient());
        Map<String, Object> view = json(cluster.adminCluster().join());
        String self = engine.cluster().membership().self().nodeId();
        assertEquals(self, view.get("self"));
        List<Map<String, Object>> members = (List<Map<String, Object>>) view.get("members");
        assertEquals(1, members.size());
        assertEquals(self, members.get(0).get("nodeId"));
        assertEquals(true, members.get(0).get("local"));
        assertEquals(new BigDecimal(271), members.get(0).get("partitions"));
        assertEquals(new BigDecimal(engine.cluster().inflightCount()), members.get(0).get("inflight"));
        assertEquals(new BigDecimal(engine.cluster().heldPartitions().size()), members.get(0).get("heldPartitions"));
        Map<String, Object> owner = json(cluster.owner("Counter", "a"));
        assertEquals(true, owner.get("local"));
        assertFalse(json(cluster.cluster()).get("owners").toString().contains("-1"));
        assertNull(json(cluster.owner("Greeter", null)).get("partition"));
    }
}
