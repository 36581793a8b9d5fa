package io.rio.hazelcast;

import java.util.HashMap;
import java.util.Map;

/**
 * A Hazelcast membership in a JVM of its own, for {@link FrozenMemberTest}: {@code MemberMain <cluster> <port>
 * <members> <nodeId> [<min-members>]}; prints {@code STARTED}, then, every time it changes, its state as
 * {@link #STATE}{@code members=<n> ready=<ready()> local=<localPartitions().size()>} (sampled every 20 ms; a sample
 * is printed only when the member count Hazelcast reports was the same before and after it), and runs until killed.
 */
public final class MemberMain {

    /** Prefix of a state line. */
    static final String STATE = "RIO-STATE ";

    private MemberMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> config = new HashMap<>(Map.of(
                "rio.cluster.name", args[0], "rio.cluster.port", args[1], "rio.cluster.port-count", "1",
                "rio.cluster.members", args[2]));
        if (args.length > 4) {
            config.put("rio.cluster.min-members", args[4]);
        }
        HazelcastMembership m = HazelcastMembership.start(ClusterSettings.from(config), args[3]);
        m.listen(() -> { }, msg -> { });
        System.out.println("STARTED");
        String last = null;
        while (true) {
            try {
                int before = m.instance().getCluster().getMembers().size();
                boolean ready = m.ready();
                int local = m.localPartitions().size();
                int after = m.instance().getCluster().getMembers().size();
                String state = "members=" + after + " ready=" + ready + " local=" + local;
                if (before == after && !state.equals(last)) {
                    System.out.println(STATE + state);
                    last = state;
                }
            } catch (RuntimeException e) {
                // Hazelcast restarting its node (a merge): sample again
            }
            Thread.sleep(20);
        }
    }
}
