package io.rio.hazelcast;

import com.hazelcast.config.Config;
import io.rio.spi.Membership;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterSettingsTest {

    @Test
    void defaults() {
        ClusterSettings s = ClusterSettings.from(Map.of());
        assertEquals("rio", s.clusterName());
        assertEquals(5701, s.port());
        assertEquals(100, s.portCount());
        assertEquals(List.of(), s.members());
        assertEquals("127.0.0.1", s.bindAddress());
        assertNull(s.instanceJndi());
        assertNull(s.ingressUrl());
        assertEquals(Duration.ofSeconds(8), s.failureTimeout());
        assertEquals(Duration.ofSeconds(30), s.shutdownTimeout());
        assertEquals(1, s.minMembers());
        assertEquals(1, ClusterSettings.from(Map.of("rio.cluster.min-members", "  ")).minMembers(), "blank: default");
    }

    @Test
    void parsesEveryKey() {
        ClusterSettings s = ClusterSettings.from(Map.of(
                "rio.cluster.name", "shop",
                "rio.cluster.port", " 6000 ",
                "rio.cluster.port-count", "3",
                "rio.cluster.members", "10.0.0.1, 10.0.0.2:6001,,",
                "rio.cluster.interface", "10.0.0.3",
                "rio.cluster.instance", "payara/Hazelcast",
                "rio.cluster.ingress-url", "http://10.0.0.3:8080",
                "rio.cluster.failure-timeout", "5000ms",
                "rio.cluster.shutdown-timeout", "PT10S",
                "rio.cluster.min-members", " 2 "));
        assertEquals(new ClusterSettings("shop", 6000, 3, List.of("10.0.0.1", "10.0.0.2:6001"), "10.0.0.3",
                "payara/Hazelcast", "http://10.0.0.3:8080/", Duration.ofSeconds(5), Duration.ofSeconds(10), 2), s);
        assertEquals(1, ClusterSettings.from(Map.of("rio.cluster.min-members", "1")).minMembers());
        assertEquals(5, ClusterSettings.from(Map.of("rio.cluster.min-members", "5")).minMembers());
        assertEquals(Duration.ofSeconds(4), ClusterSettings.from(Map.of("rio.cluster.failure-timeout", "4")).failureTimeout());
        assertEquals(Duration.ofSeconds(3), ClusterSettings.from(Map.of("rio.cluster.failure-timeout", "3s")).failureTimeout());
    }

    @Test
    void badValuesNameTheirKey() {
        for (String port : List.of("x", "0", "70000", "57o1")) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> ClusterSettings.from(Map.of("rio.cluster.port", port)));
            assertTrue(e.getMessage().contains("rio.cluster.port "), e.getMessage());
        }
        assertTrue(assertThrows(IllegalStateException.class,
                () -> ClusterSettings.from(Map.of("rio.cluster.port-count", "-1"))).getMessage()
                .contains("rio.cluster.port-count"));
        for (String timeout : List.of("soon", "2s", "-5s")) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> ClusterSettings.from(Map.of("rio.cluster.failure-timeout", timeout)));
            assertTrue(e.getMessage().contains("rio.cluster.failure-timeout"), e.getMessage());
        }
        for (String min : List.of("0", "-1", "x", "1.5", "2 members", "99999999999")) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> ClusterSettings.from(Map.of("rio.cluster.min-members", min)));
            assertTrue(e.getMessage().contains("rio.cluster.min-members '" + min + "'"), e.getMessage());
            assertTrue(e.getMessage().contains("a whole number of at least 1"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new ClusterSettings("rio", 5701, 1, List.of(), "127.0.0.1",
                null, null, Duration.ofSeconds(8), Duration.ofSeconds(30), 0));
    }

    @Test
    void memberConfigIsLoopbackTcpIpWithFastFailureDetection() {
        ClusterSettings s = ClusterSettings.from(Map.of("rio.cluster.failure-timeout", "6500ms"));
        Config c = MemberConfigs.memberConfig(s, "node-a");
        assertEquals("rio", c.getClusterName());
        assertEquals("node-a", c.getMemberAttributeConfig().getAttribute(MemberConfigs.NODE_ATTRIBUTE));
        assertTrue(c.getNetworkConfig().isPortAutoIncrement());
        assertEquals("127.0.0.1", c.getNetworkConfig().getPublicAddress());
        assertEquals(List.of("127.0.0.1"), List.copyOf(c.getNetworkConfig().getInterfaces().getInterfaces()));
        assertTrue(c.getNetworkConfig().getJoin().getTcpIpConfig().isEnabled());
        assertEquals(List.of(), c.getNetworkConfig().getJoin().getTcpIpConfig().getMembers());
        assertFalse(c.getNetworkConfig().getJoin().getMulticastConfig().isEnabled());
        assertFalse(c.getNetworkConfig().getJoin().getAutoDetectionConfig().isEnabled());
        assertEquals(String.valueOf(Membership.PARTITIONS), c.getProperty("hazelcast.partition.count"));
        assertEquals("6", c.getProperty("hazelcast.max.no.heartbeat.seconds"));
        assertEquals("1", c.getProperty("hazelcast.heartbeat.interval.seconds"));
        assertEquals("false", c.getProperty("hazelcast.socket.bind.any"));
        assertEquals("false", c.getProperty("hazelcast.phone.home.enabled"));
        assertEquals("jdk", c.getProperty("hazelcast.logging.type"));
    }

    @Test
    void directoryEntriesRoundTrip() {
        assertEquals(new DirectoryEntry("a", "http://h/"), DirectoryEntry.decode(DirectoryEntry.encode("a", "http://h/")));
        assertEquals(new DirectoryEntry("a", null), DirectoryEntry.decode(DirectoryEntry.encode("a", null)));
        assertNull(DirectoryEntry.decode("garbage"));
    }
}
