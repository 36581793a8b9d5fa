package io.rio.core;

import io.rio.spi.Membership;
import java.util.Optional;

/**
 * The invocation's key belongs to a partition this node does not hold: the call was not run here (nothing of it
 * committed), and should go to {@link #owner()} (the ingress forwards it there).
 */
public final class NotOwnerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int partition;
    private final transient Membership.Member owner;

    public NotOwnerException(int partition, Membership.Member owner) {
        super("Partition " + partition + " is owned by " + (owner == null ? "no member yet" : owner.nodeId()));
        this.partition = partition;
        this.owner = owner;
    }

    public int partition() {
        return partition;
    }

    /** The member that owns the partition now, if any. */
    public Optional<Membership.Member> owner() {
        return Optional.ofNullable(owner);
    }
}
