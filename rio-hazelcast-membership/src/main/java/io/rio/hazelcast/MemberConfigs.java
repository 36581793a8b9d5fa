package io.rio.hazelcast;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.rio.spi.Membership;

import java.util.List;

/**
 * Builds the Hazelcast configuration of a member Rio starts itself: TCP-IP join only (multicast, auto-detection and
 * cloud discovery off) on one address, {@link Membership#PARTITIONS} partitions, fast failure detection and quick
 * merges after a split.
 *
 * <p>Thread safety: stateless.
 */
final class MemberConfigs {

    /** Member attribute holding Rio's node id. */
    static final String NODE_ATTRIBUTE = "rio.node";

    private static final int HEARTBEAT_SECONDS = 1;
    private static final int MERGE_DELAY_SECONDS = 5;

    private MemberConfigs() {
    }

    /** The configuration of a member joining {@code settings}' cluster as {@code nodeId}. */
    static Config memberConfig(ClusterSettings settings, String nodeId) {
        Config config = new Config();
        config.setClusterName(settings.clusterName());
        config.setClassLoader(MemberConfigs.class.getClassLoader());
        config.getMemberAttributeConfig().setAttribute(NODE_ATTRIBUTE, nodeId);

        NetworkConfig network = config.getNetworkConfig();
        network.setPort(settings.port()).setPortAutoIncrement(true).setPortCount(settings.portCount());
        network.setPublicAddress(settings.bindAddress());
        network.getInterfaces().setEnabled(true).clear().addInterface(settings.bindAddress());
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getAwsConfig().setEnabled(false);
        join.getGcpConfig().setEnabled(false);
        join.getAzureConfig().setEnabled(false);
        join.getKubernetesConfig().setEnabled(false);
        join.getEurekaConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(joinList(settings));

        // A member is suspected after max.no.heartbeat seconds and removed at the next check (heartbeats and checks
        // run every second), so one heartbeat interval is kept in hand to stay within the failure timeout.
        long failureSeconds = Math.max(2, (settings.failureTimeout().toMillis() + 999) / 1000 - HEARTBEAT_SECONDS);
        config.setProperty("hazelcast.partition.count", String.valueOf(Membership.PARTITIONS));
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.heartbeat.interval.seconds", String.valueOf(HEARTBEAT_SECONDS));
        config.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(failureSeconds));
        config.setProperty("hazelcast.heartbeat.failuredetector.type", "deadline");
        config.setProperty("hazelcast.merge.first.run.delay.seconds", String.valueOf(MERGE_DELAY_SECONDS));
        config.setProperty("hazelcast.merge.next.run.delay.seconds", String.valueOf(MERGE_DELAY_SECONDS));
        config.setProperty("hazelcast.graceful.shutdown.max.wait",
                String.valueOf(Math.max(1, settings.shutdownTimeout().toSeconds())));
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "jdk");
        // Rio closes the member when the application stops; a JVM hook would pin the application's class loader.
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        return config;
    }

    /**
     * The TCP-IP member list: the configured members as they are. An empty list is a cluster of one: Hazelcast
     * 5.7 then connects to no address at all (checked: it does not probe the neighbouring ports 5701-5703), so
     * independent members on one host never find each other.
     */
    static List<String> joinList(ClusterSettings settings) {
        return List.copyOf(settings.members());
    }
}
