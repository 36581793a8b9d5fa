package io.rio.ingress.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rio.core.EngineConfig;
import io.rio.core.RioEngine;
import io.rio.core.model.HandlerDefinition;
import io.rio.core.model.HandlerKind;
import io.rio.core.model.ServiceKind;
import io.rio.core.model.ServiceRegistry;
import io.rio.core.testing.InMemoryStore;
import io.rio.core.testing.InMemoryTransactions;
import io.rio.spi.Membership;
import io.rio.spi.PartitionStore;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two ingress applications on Jersey with real engines: the front's membership says member "back" owns every
 * partition, so keyed calls to the front are forwarded to the back's ingress and its answers relayed.
 */
class ClusterHttpTest {
    private static ExecutorService executor;
    private static ScheduledExecutorService scheduler;
    private static RioEngine frontEngine;
    private static RioEngine backEngine;
    private static JerseyServer front;
    private static JerseyServer back;

    /** A membership in which another member owns every partition. */
    private static final class RemoteOwner implements Membership {
        final Member self = new Member("m-front", "front", "127.0.0.1:1", null, true);
        final Member owner;

        RemoteOwner(String ownerUrl) {
            owner = new Member("m-back", "back", "127.0.0.1:2", ownerUrl, false);
        }

        @Override
        public Member self() {
            return self;
        }

        @Override
        public List<Member> members() {
            return List.of(self, owner);
        }

        @Override
        public Optional<Member> ownerOf(int partition) {
            return Optional.of(owner);
        }

        @Override
        public Set<Integer> localPartitions() {
            return Set.of();
        }

        @Override
        public boolean ready() {
            return true;
        }

        @Override
        public void listen(Runnable changed, Consumer<String> notified) {
        }

        @Override
        public void notify(Member member, String message) {
        }

        @Override
        public void publishIngressUrl(String url) {
        }

        @Override
        public void close() {
        }
    }

    @BeforeAll
    static void start() {
        executor = Executors.newFixedThreadPool(8);
        scheduler = Executors.newScheduledThreadPool(1);
        ServiceRegistry registry = new ServiceRegistry(List.of(
                TestServices.service("Counter", ServiceKind.VIRTUAL_OBJECT,
                        new HandlerDefinition("Counter", "add", HandlerKind.EXCLUSIVE, long.class, String.class,
                                (ctx, in) -> "added " + in + " on owner",
                                "Counter#add"))));
        InMemoryTransactions backTx = new InMemoryTransactions();
        backEngine = new RioEngine(registry, new InMemoryStore(backTx), backTx, TestServices.SERDE, executor,
                scheduler, Clock.systemUTC(), EngineConfig.defaults("back"));
        backEngine.start();
        backEngine.cluster().awaitReady(java.time.Duration.ofSeconds(10));
        back = new JerseyServer(backEngine, Map.of(IngressResource.TIMEOUT_KEY, "5s"));

        InMemoryTransactions frontTx = new InMemoryTransactions();
        InMemoryStore frontStore = new InMemoryStore(frontTx);
        frontEngine = new RioEngine(registry, frontStore, (PartitionStore) frontStore,
                new RemoteOwner(back.base.toString()), frontTx, TestServices.SERDE, executor, scheduler,
                Clock.systemUTC(), EngineConfig.defaults("front"));
        frontEngine.start();
        front = new JerseyServer(frontEngine, Map.of(IngressResource.TIMEOUT_KEY, "5s"));
    }

    @AfterAll
    static void stop() {
        front.close();
        back.close();
        frontEngine.close();
        backEngine.close();
        executor.shutdownNow();
        scheduler.shutdownNow();
    }

    @Test
    void keyedCallIsForwardedToTheOwnerThroughJaxRs() throws Exception {
        HttpResponse<String> r = front.send("POST", "Counter/a%20b/add?x=%2F", "3", "Content-Type",
                "application/json", "Idempotency-Key", "fw-1");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("\"added 3 on owner\"", r.body());
        String id = r.headers().firstValue("x-restate-id").orElseThrow();
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        // It ran on the back: the back knows the invocation, the front does not.
        assertEquals(200, back.send("GET", "restate/attach/" + id, null).statusCode());
        assertTrue(backEngine.admin().show(id).isPresent());
        assertTrue(frontEngine.admin().show(id).isEmpty());
        // Errors of the owner come back unchanged.
        HttpResponse<String> bad = front.send("POST", "Counter/k/add", "\"x\"", "Content-Type", "application/json");
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(bad.body().startsWith("{\"code\":400,"), bad.body());
    }

    @Test
    void clusterViewNamesTheOwnerOfEveryPartition() throws Exception {
        HttpResponse<String> r = front.send("GET", "rio/cluster", null);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().startsWith("{\"self\":\"front\",\"ready\":true,\"partitions\":271,\"members\":[{\"id\":"
                + "\"m-front\",\"nodeId\":\"front\",\"address\":\"127.0.0.1:1\",\"ingressUrl\":null,\"local\":true},"
                + "{\"id\":\"m-back\""), r.body());
        assertTrue(r.body().endsWith("\"owners\":[" + "1,".repeat(270) + "1]}"), r.body());
        HttpResponse<String> admin = front.send("GET", "rio/admin/cluster", null, "X-Test-User", "ops",
                "X-Test-Roles", "rio-admin");
        assertEquals(200, admin.statusCode(), admin.body());
        assertTrue(admin.body().contains("\"nodeId\":\"back\""), admin.body());
        assertTrue(admin.body().contains("\"local\":false,\"partitions\":271,\"inflight\":"), admin.body());
        assertTrue(!admin.body().contains("\"local\":false,\"partitions\":271,\"inflight\":null"),
                "the back answered its rio/cluster/self: " + admin.body());
        assertTrue(admin.body().contains("\"local\":true,\"partitions\":0,\"inflight\":"), admin.body());
    }
}
