package io.rio.spi;

/**
 * A fenced write found that its partition is no longer held at the writer's epoch: another node took the
 * partition. The transaction must be rolled back; the invocation belongs to the partition's new owner.
 */
public final class FencedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int partition;

    public FencedException(int partition, String message) {
        super(message);
        this.partition = partition;
    }

    public int partition() {
        return partition;
    }
}
