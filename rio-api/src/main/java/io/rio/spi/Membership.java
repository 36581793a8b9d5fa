package io.rio.spi;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Cluster membership and key placement, as the engine sees it. Rio places every invocation on one of
 * {@link #PARTITIONS} partitions (see {@link #partitionOf}); the membership says which member owns each partition
 * now, routes notifications between members and tells the engine when owners change. It only routes: the
 * database fences writers (an epoch per partition, see {@link PartitionStore}), so a membership that is wrong for a
 * while (a split, a frozen member) costs retries, never a second writer.
 *
 * <p>Without a cluster module Rio uses a single-node membership that owns every partition. The Hazelcast module
 * ({@code rio-hazelcast-membership}) maps partitions onto Hazelcast's partition table.
 *
 * <p>Thread safety: implementations are called concurrently from any thread.
 */
public interface Membership extends AutoCloseable {

    /** How many partitions keys are placed on; the same on every member and for the life of the database. */
    int PARTITIONS = 271;

    /**
     * The partition of a routing key: {@code <service>/<key>} for a virtual object or workflow key, the invocation
     * id for a service invocation. Stable across JVMs and versions (it is stored with each invocation).
     */
    static int partitionOf(String routingKey) {
        int h = routingKey.hashCode();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return Math.floorMod(h, PARTITIONS);
    }

    /** This member. */
    Member self();

    /** Every member this one sees, itself included. */
    List<Member> members();

    /** The member that owns {@code partition} now; empty while it has no owner (a migration in progress). */
    Optional<Member> ownerOf(int partition);

    /** The partitions this member owns now. */
    Set<Integer> localPartitions();

    /** Whether this member has joined its cluster and partitions have owners. */
    boolean ready();

    /**
     * Registers the engine's callbacks: {@code changed} runs after members or partition owners changed (on a
     * thread of the membership's own; it should return quickly), {@code notified} receives what another member
     * {@linkplain #notify sent} to this one (an invocation id to look at).
     */
    void listen(Runnable changed, Consumer<String> notified);

    /**
     * Sends {@code message} to {@code member}'s {@code notified} callback, or to every other member's when
     * {@code member} is null; best effort (the database is the durable record, so a lost notification only delays).
     */
    void notify(Member member, String message);

    /** Publishes the base URL of this member's ingress (for example {@code http://10.0.0.5:8080/}) to the others. */
    void publishIngressUrl(String url);

    /** Leaves the cluster: hands this member's partitions to the others and stops its threads. */
    @Override
    void close();

    /**
     * A member.
     *
     * @param id         the membership's id of the member (stable while it runs)
     * @param nodeId     Rio's node id ({@code rio.node.id})
     * @param address    host:port of its cluster endpoint
     * @param ingressUrl base URL of its HTTP ingress, ending in {@code /}; null until it is known
     * @param local      whether this is the calling member
     */
    record Member(String id, String nodeId, String address, String ingressUrl, boolean local) {
    }
}
