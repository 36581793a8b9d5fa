package io.rio.spi;

import java.util.Objects;

/**
 * A journal entry to insert and the fence of its writer: the entry is written only while {@code partition} (its
 * invocation's) is still at {@code epoch}, the epoch at which the writer holds it; otherwise the store throws
 * {@link FencedException}. An epoch below 0 is not fenced (operators and tests).
 *
 * <p>Together with the unique (invocation, sequence) key this keeps a stale writer (a member that was frozen or
 * cut off while another took its partitions) from adding to a journal that the partition's new owner now writes.
 */
public record JournalAppend(JournalEntry entry, int partition, long epoch) {

    public JournalAppend {
        Objects.requireNonNull(entry, "entry");
        Objects.checkIndex(partition, Membership.PARTITIONS);
    }

    /** An append that is not fenced: for operators' writes and tests. */
    public static JournalAppend unfenced(JournalEntry entry) {
        return new JournalAppend(entry, 0, -1);
    }
}
