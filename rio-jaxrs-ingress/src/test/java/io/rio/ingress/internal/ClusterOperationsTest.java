package io.rio.ingress.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.rio.spi.Membership;
import io.rio.spi.Membership.Member;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterOperationsTest {
    private static final Jsonb JSONB = JsonbBuilder.create();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(IngressReply reply) {
        assertEquals(200, reply.status(), reply.body());
        return JSONB.fromJson(reply.body(), Map.class);
    }

    private static ClusterOperations ops(FakeCluster cluster) {
        return new ClusterOperations(cluster, TestServices.REGISTRY, OwnerClient.sharedHttpClient());
    }

    @Test
    @SuppressWarnings("unchecked")
    void publicViewListsMembersAndTheOwnerOfEachPartition() {
        Member a = FakeCluster.member("A", "http://a/", true);
        Member b = FakeCluster.member("B", "http://b/", false);
        FakeCluster cluster = new FakeCluster(a, b);
        cluster.owner = p -> p == 0 ? null : p % 2 == 0 ? a : b;
        cluster.ready = false;
        Map<String, Object> view = json(ops(cluster).cluster());
        assertEquals("A", view.get("self"));
        assertEquals(false, view.get("ready"));
        assertEquals(new BigDecimal(271), view.get("partitions"));
        List<Map<String, Object>> members = (List<Map<String, Object>>) view.get("members");
        assertEquals(Map.of("id", "id-B", "nodeId", "B", "address", "127.0.0.1:571", "ingressUrl", "http://b/",
                "local", false), members.get(1));
        List<BigDecimal> owners = (List<BigDecimal>) view.get("owners");
        assertEquals(Membership.PARTITIONS, owners.size());
        assertEquals(List.of(new BigDecimal(-1), new BigDecimal(1), BigDecimal.ZERO), owners.subList(0, 3));
        assertTrue(ops(cluster).cluster().body().contains("\"owners\":[-1,1,0,1,"), "compact array of ints");
    }

    @Test
    void selfViewShowsLoad() {
        FakeCluster cluster = new FakeCluster(FakeCluster.member("A", null, true));
        cluster.inflight = 4;
        cluster.held = 271;
        assertEquals("{\"nodeId\":\"A\",\"inflight\":4,\"held\":271}", ops(cluster).self().body());
    }

    @Test
    @SuppressWarnings("unchecked")
    void adminViewAsksOtherMembersForTheirLoad() throws Exception {
        HttpServer peer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        peer.createContext("/rio/cluster/self", ex -> {
            byte[] body = "{\"nodeId\":\"B\",\"inflight\":7,\"held\":135}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        peer.start();
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        try {
            Member a = FakeCluster.member("A", "http://a/", true);
            Member b = FakeCluster.member("B", "http://127.0.0.1:" + peer.getAddress().getPort(), false);
            Member c = FakeCluster.member("C", "http://127.0.0.1:" + deadPort + "/", false);
            FakeCluster cluster = new FakeCluster(a, b, c);
            cluster.owner = p -> p < 136 ? a : b;
            cluster.inflight = 2;
            cluster.held = 136;
            Map<String, Object> view = json(ops(cluster).adminCluster().join());
            assertEquals("A", view.get("self"));
            List<Map<String, Object>> members = (List<Map<String, Object>>) view.get("members");
            assertEquals(new BigDecimal(136), members.get(0).get("partitions"));
            assertEquals(new BigDecimal(2), members.get(0).get("inflight"));
            assertEquals(new BigDecimal(136), members.get(0).get("heldPartitions"));
            assertEquals(new BigDecimal(135), members.get(1).get("partitions"));
            assertEquals(new BigDecimal(7), members.get(1).get("inflight"));
            assertEquals(new BigDecimal(135), members.get(1).get("heldPartitions"));
            assertEquals(BigDecimal.ZERO, members.get(2).get("partitions"));
            assertTrue(members.get(2).containsKey("inflight"));
            assertNull(members.get(2).get("inflight"), "an unreachable member's load is null");
            assertEquals("C", members.get(2).get("nodeId"));
        } finally {
            peer.stop(0);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void ownerLookup() {
        Member a = FakeCluster.member("A", "http://a/", true);
        Member b = FakeCluster.member("B", "http://b/", false);
        FakeCluster cluster = new FakeCluster(a, b).ownedBy(b);
        Map<String, Object> owner = json(ops(cluster).owner("Counter", "k1"));
        assertEquals("Counter", owner.get("service"));
        assertEquals("k1", owner.get("key"));
        assertEquals(new BigDecimal(Membership.partitionOf("Counter/k1")), owner.get("partition"));
        assertEquals("B", ((Map<String, Object>) owner.get("owner")).get("nodeId"));
        assertEquals(false, owner.get("local"));

        cluster.owner = p -> null;
        Map<String, Object> none = json(ops(cluster).owner("Signup", "u"));
        assertNull(none.get("owner"));
        assertEquals(false, none.get("local"));

        Map<String, Object> service = json(ops(cluster).owner("Greeter", null));
        assertNull(service.get("partition"));
        assertEquals(true, service.get("local"), "a service runs where it lands");

        IngressReply unknown = ops(cluster).owner("Nope", "k");
        assertEquals(404, unknown.status());
        assertTrue(unknown.body().startsWith("{\"code\":404,\"message\":\"No service"), unknown.body());
        IngressReply noKey = ops(cluster).owner("Counter", "");
        assertEquals(400, noKey.status());
        assertTrue(noKey.body().startsWith("{\"code\":400,\"message\":\"'Counter' is keyed"), noKey.body());
        assertEquals(400, ops(cluster).owner("Counter", null).status());
        assertEquals(404, ops(cluster).owner(null, "k").status());
    }
}
