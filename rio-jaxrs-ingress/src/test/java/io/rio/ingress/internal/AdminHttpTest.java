package io.rio.ingress.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rio.core.EngineConfig;
import io.rio.core.RioEngine;
import io.rio.core.testing.InMemoryStore;
import io.rio.core.testing.InMemoryTransactions;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin API on Jersey + Grizzly: routes, JSON, status codes and the role guard. */
class AdminHttpTest {
    private static final String[] ADMIN = {"X-Test-User", "ops", "X-Test-Roles", "rio-admin"};
    private static final Map<String, String> AWAKEABLES = new ConcurrentHashMap<>();
    private static ExecutorService executor;
    private static ScheduledExecutorService scheduler;
    private static RioEngine engine;
    private static JerseyServer server;

    @BeforeAll
    static void start() {
        executor = Executors.newFixedThreadPool(8);
        scheduler = Executors.newScheduledThreadPool(1);
        InMemoryTransactions transactions = new InMemoryTransactions();
        engine = new RioEngine(AdminOperationsTest.registry(AWAKEABLES), new InMemoryStore(transactions), transactions,
                TestServices.SERDE, executor, scheduler, Clock.systemUTC(), EngineConfig.defaults("node-h"));
        engine.start();
        engine.cluster().awaitReady(java.time.Duration.ofSeconds(10));
        server = new JerseyServer(engine, Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
        engine.close();
        executor.shutdownNow();
        scheduler.shutdownNow();
    }

    private static HttpResponse<String> admin(String method, String path, String body, String... extra) throws Exception {
        String[] headers = new String[ADMIN.length + extra.length];
        System.arraycopy(ADMIN, 0, headers, 0, ADMIN.length);
        System.arraycopy(extra, 0, headers, ADMIN.length, extra.length);
        return server.send(method, "rio/admin/" + path, body, headers);
    }

    private static void assertJsonError(HttpResponse<String> r, int status, String fragment) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"), r.headers()
                .toString());
        assertTrue(r.body().startsWith("{\"code\":" + status + ",\"message\":") && r.body().contains(fragment),
                r.body());
    }

    private static String id(HttpResponse<String> sent) {
        Matcher m = Pattern.compile("\"invocationId\":\"([^\"]+)\"").matcher(sent.body());
        assertTrue(m.find(), sent.body());
        return m.group(1);
    }

    @Test
    void anonymousCallersGet401WithABasicChallengeAndCallersWithoutTheRole403() throws Exception {
        for (String path : new String[] {"services", "invocations", "invocations/x", "cluster",
            "objects/Counter/keys"}) {
            HttpResponse<String> anonymous = server.send("GET", "rio/admin/" + path, null);
            assertJsonError(anonymous, 401, "authenticated caller with role 'rio-admin'");
            assertEquals("Basic realm=\"rio\"", anonymous.headers().firstValue("www-authenticate").orElse(null));
        }
        assertJsonError(server.send("DELETE", "rio/admin/invocations/x", null), 401, "rio-admin");
        assertJsonError(server.send("POST", "rio/admin/invocations/x/kill", ""), 401, "rio-admin");
        HttpResponse<String> forbidden = server.send("GET", "rio/admin/services", null, "X-Test-User", "eve",
                "X-Test-Roles", "user,rio-viewer");
        assertJsonError(forbidden, 403, "Caller 'eve' lacks role 'rio-admin'");
        assertJsonError(server.send("PUT", "rio/admin/objects/Counter/a/state", "{}", "X-Test-User", "eve"), 403,
                "lacks role");
    }

    @Test
    void adminRoutesAnswerJson() throws Exception {
        HttpResponse<String> services = admin("GET", "services", null);
        assertEquals(200, services.statusCode(), services.body());
        assertTrue(services.body().startsWith("{\"services\":[{\"name\":\"Counter\",\"kind\":\"VIRTUAL_OBJECT\""),
                services.body());
        HttpResponse<String> cluster = admin("GET", "cluster", null);
        assertEquals(200, cluster.statusCode(), cluster.body());
        String self = engine.cluster().membership().self().nodeId();
        assertTrue(cluster.body().startsWith("{\"self\":\"" + self + "\",\"ready\":true,\"partitions\":271,"
                + "\"members\":[{\"id\":"), cluster.body());
        assertTrue(cluster.body().contains("\"local\":true,\"partitions\":271,\"inflight\":"), cluster.body());
        HttpResponse<String> owner = admin("GET", "cluster/owner?service=Counter&key=h1", null);
        assertEquals(200, owner.statusCode(), owner.body());
        assertTrue(owner.body().startsWith("{\"service\":\"Counter\",\"key\":\"h1\",\"partition\":"
                + io.rio.spi.Membership.partitionOf("Counter/h1") + ",\"owner\":{"), owner.body());
        assertTrue(owner.body().endsWith(",\"local\":true}"), owner.body());
        assertJsonError(admin("GET", "cluster/owner?service=Nope&key=1", null), 404, "No service");
        assertJsonError(admin("GET", "cluster/owner?service=Counter", null), 400, "is keyed");
        assertJsonError(server.send("GET", "rio/admin/cluster/owner?service=Counter&key=1", null), 401, "rio-admin");

        HttpResponse<String> sent = server.send("POST", "Counter/h1/add/send", "5", "Content-Type", "application/json");
        String id = id(sent);
        server.send("GET", "restate/attach/" + id, null);
        HttpResponse<String> list = admin("GET", "invocations?service=Counter&key=h1&status=completed&limit=5", null);
        assertEquals(200, list.statusCode(), list.body());
        assertTrue(list.body().startsWith("{\"invocations\":[{\"id\":\"" + id + "\""), list.body());
        assertTrue(list.body().contains("\"input\":5,\"output\":5"), list.body());
        assertJsonError(admin("GET", "invocations?status=nope", null), 400, "valid statuses: PENDING");
        HttpResponse<String> shown = admin("GET", "invocations/" + id, null);
        assertEquals(200, shown.statusCode(), shown.body());
        assertTrue(shown.body().contains("\"journal\":[") && shown.body().contains("\"signals\":["), shown.body());
        assertJsonError(admin("GET", "invocations/inv_nope", null), 404, "No invocation inv_nope");

        assertJsonError(admin("POST", "invocations/" + id + "/cancel", ""), 409, "already ended (COMPLETED)");
        assertJsonError(admin("POST", "invocations/inv_nope/kill", ""), 404, "No invocation");
        HttpResponse<String> purged = admin("DELETE", "invocations/" + id, null);
        assertEquals(200, purged.statusCode(), purged.body());
        assertJsonError(admin("DELETE", "invocations/" + id, null), 404, "No invocation");

        assertEquals("{\"count\":5}", admin("GET", "objects/Counter/h1/state", null).body());
        assertTrue(admin("GET", "objects/Counter/keys?limit=10", null).body().contains("\"h1\""));
        HttpResponse<String> put = admin("PUT", "objects/Counter/h1/state", "{\"count\":7}", "Content-Type",
                "application/json");
        assertEquals(200, put.statusCode(), put.body());
        assertEquals("{\"count\":7}", put.body());
        assertEquals("8", server.send("POST", "Counter/h1/add", "1", "Content-Type", "application/json").body());
        assertJsonError(admin("PUT", "objects/Counter/h1/state", "[7]", "Content-Type", "application/json"), 400,
                "must be a JSON object");
        assertJsonError(admin("GET", "objects/Nope/h1/state", null), 404, "No virtual object or workflow");
    }

    @Test
    void waitingInvocationIsCancelledOverHttpAndPurgeBeforeTheEndIs409() throws Exception {
        String id = id(server.send("POST", "Waiter/wait/send", "\"h\"", "Content-Type", "application/json"));
        for (int i = 0; i < 500 && !AWAKEABLES.containsKey("h"); i++) {
            Thread.sleep(10);
        }
        assertJsonError(admin("DELETE", "invocations/" + id, null), 409, "has not ended");
        assertJsonError(admin("POST", "invocations/" + id + "/resume", ""), 409, "not paused");
        HttpResponse<String> cancelled = admin("POST", "invocations/" + id + "/cancel", "");
        assertEquals(202, cancelled.statusCode(), cancelled.body());
        assertEquals("{\"invocationId\":\"" + id + "\",\"action\":\"cancel\"}", cancelled.body());
        assertEquals(409, server.send("GET", "restate/attach/" + id, null).statusCode());
    }

    @Test
    void unknownAdminRoutesAndMethodsAreJsonErrors() throws Exception {
        assertJsonError(admin("GET", "nope", null), 404, "No admin route here; the admin API: GET /rio/admin/services");
        assertJsonError(admin("POST", "invocations/x/explode", ""), 404, "admin API");
        assertJsonError(admin("PUT", "services", "{}"), 405, "admin API");
    }

    @Test
    void disabledAdminApiAnswers404EvenToAdmins() throws Exception {
        try (JerseyServer off = new JerseyServer(engine, Map.of(AdminGuard.ENABLED_KEY, "false"))) {
            HttpResponse<String> r = off.send("GET", "rio/admin/services", null, ADMIN);
            assertJsonError(r, 404, "turned off (rio.admin.enabled=false)");
            assertJsonError(off.send("GET", "rio/admin/invocations", null), 404, "turned off");
            // The ingress itself keeps working.
            assertEquals(200, off.send("POST", "Greeter/greet", "\"x\"", "Content-Type", "application/json")
                    .statusCode());
        }
    }

    @Test
    void aCustomRoleIsRequiredWhenConfigured() throws Exception {
        try (JerseyServer custom = new JerseyServer(engine, Map.of(AdminGuard.ROLE_KEY, "ops-team"))) {
            assertJsonError(custom.send("GET", "rio/admin/cluster", null, ADMIN), 403, "lacks role 'ops-team'");
            assertEquals(200, custom.send("GET", "rio/admin/cluster", null, "X-Test-User", "ops", "X-Test-Roles",
                    "ops-team").statusCode());
        }
    }
}
