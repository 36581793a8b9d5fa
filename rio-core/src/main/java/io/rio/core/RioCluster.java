package io.rio.core;

import io.rio.core.internal.Ownership;
import io.rio.core.model.HandlerDefinition;
import io.rio.spi.Membership;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * Where an engine stands in its cluster ({@link RioEngine#cluster()}): its membership, the owner of a key, the
 * partitions it holds in the database and whether it is ready. With no cluster module the membership is
 * {@link SingleNode}, which owns everything.
 *
 * <p>Thread safety: safe for concurrent use; every answer is a snapshot.
 */
public final class RioCluster {
    private final Ownership ownership;
    private final IntSupplier inflight;

    RioCluster(Ownership ownership, IntSupplier inflight) {
        this.ownership = ownership;
        this.inflight = inflight;
    }

    /** The membership the engine runs with ({@link SingleNode} without a cluster module). */
    public Membership membership() {
        return ownership.membership();
    }

    /** The partition an invocation of {@code target} (for {@code key}, if keyed) is placed on. */
    public int partitionOf(HandlerDefinition target, String key) {
        return ownership.partitionOf(target, key, null);
    }

    /**
     * The member that owns the partition of {@code target}'s {@code key} now (possibly this one); for a service
     * (no key), this member: services run where they land. Empty while the partition has no owner.
     */
    public Optional<Membership.Member> ownerOf(HandlerDefinition target, String key) {
        if (!target.keyed()) {
            return Optional.of(ownership.membership().self());
        }
        return ownership.membership().ownerOf(partitionOf(target, key));
    }

    /** The partitions this node holds in the database now, with the epoch it holds each at. */
    public Map<Integer, Long> heldPartitions() {
        return ownership.held();
    }

    /** Whether the membership has joined and this node holds every partition the membership gives it. */
    public boolean ready() {
        return ownership.ready();
    }

    /**
     * Waits until {@link #ready()} (the partitions are taken and loaded after {@link RioEngine#start()}), polling.
     *
     * @return whether it became ready within {@code timeout}
     */
    public boolean awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Invocations this node has in memory now (running, waiting, backing off or suspended). */
    public int inflightCount() {
        return inflight.getAsInt();
    }
}
