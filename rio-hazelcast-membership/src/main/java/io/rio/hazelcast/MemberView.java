package io.rio.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.replicatedmap.ReplicatedMap;
import io.rio.spi.Membership.Member;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What this member sees: the partition owners, the members (by UUID, in Hazelcast's member order, oldest
 * first), itself and whether it was {@linkplain HazelcastMembership#ready() ready} (so that the periodic
 * check also runs {@code changed} when only readiness changed, for example once migrations settle). Immutable.
 */
record MemberView(PartitionOwners owners, Map<UUID, Member> members, Member self, boolean ready) {

    MemberView withReady(boolean r) {
        return r == ready ? this : new MemberView(owners, members, self, r);
    }

    /** Reads the view now; throws when Hazelcast is not running. */
    static MemberView read(HazelcastInstance hz, ReplicatedMap<String, String> directory, String nodeId,
                           String ingressUrl) {
        com.hazelcast.cluster.Member local = hz.getCluster().getLocalMember();
        Map<UUID, Member> members = new LinkedHashMap<>();
        for (com.hazelcast.cluster.Member m : hz.getCluster().getMembers()) {
            DirectoryEntry entry = m.localMember() ? new DirectoryEntry(nodeId, ingressUrl)
                    : DirectoryEntry.decode(directory.get(m.getUuid().toString()));
            String node = entry != null ? entry.nodeId() : m.getAttribute(MemberConfigs.NODE_ATTRIBUTE);
            members.put(m.getUuid(), toMember(m, node, entry == null ? null : entry.ingressUrl()));
        }
        Member self = members.computeIfAbsent(local.getUuid(), u -> toMember(local, nodeId, ingressUrl));
        return new MemberView(PartitionOwners.read(hz), Collections.unmodifiableMap(members), self, false);
    }

    static Member toMember(com.hazelcast.cluster.Member m, String nodeId, String ingressUrl) {
        String address = m.getAddress().getHost() + ":" + m.getAddress().getPort();
        return new Member(m.getUuid().toString(), nodeId != null ? nodeId : m.getUuid().toString(), address,
                ingressUrl, m.localMember());
    }
}
