package io.rio.spi;

import java.util.Collection;
import java.util.List;

/**
 * Durable, fenced ownership of partitions ({@code rio_partition}): one row per partition with its owner and an
 * epoch that grows by one each time a node takes it. A node that takes a partition writes under the epoch it got;
 * every fenced write ({@link RioStore#lockObject(String, String, long, Fence)},
 * {@link RioStore#updateInvocation(InvocationRecord)}) is conditional on that epoch still being the partition's,
 * so a node that lost a partition (it was frozen, or on the wrong side of a split) cannot commit for it.
 *
 * <p>Every method works inside the calling thread's current transaction and never commits on its own.
 */
public interface PartitionStore {

    /**
     * Takes {@code partitions} for {@code owner}: sets their owner and increments their epochs (creating rows
     * that are missing), unconditionally: the membership decided.
     *
     * @return the epochs taken, in the order of {@code partitions}
     */
    List<Fence> takePartitions(Collection<Integer> partitions, String owner, long now);

    /** Every partition row: owner and epoch. */
    List<PartitionRow> partitionRows();

    /**
     * Unfinished, unpaused invocations of {@code partitions} due by {@code dueBy} ({@code run_at <= dueBy}), in
     * arrival order, after arrival {@code afterArrival}: a page of what a partition's owner must (re)load. Suspended
     * invocations waiting for a signal are never due until {@link RioStore#wakeInvocation woken}; paused ones never.
     */
    List<Due> findDue(Collection<Integer> partitions, long dueBy, long afterArrival, int limit);

    /** An invocation due, with its place in arrival order (a sequence the store assigns at insert). */
    record Due(long arrival, InvocationRecord invocation) {
    }

    /** A partition at an epoch: what a fenced write is conditional on. */
    record Fence(int partition, long epoch) {
    }

    /** A stored partition. */
    record PartitionRow(int partition, String owner, long epoch, long modifiedAt) {
    }
}
