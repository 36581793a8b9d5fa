package io.rio.hazelcast;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.Partition;
import io.rio.spi.Membership;

import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An immutable snapshot of Hazelcast's partition table: the owner's UUID of each partition id, null where a
 * partition has no owner. Reading the table triggers Hazelcast's first partition arrangement.
 *
 * <p>Thread safety: immutable.
 */
final class PartitionOwners {

    private static final Logger LOG = Logger.getLogger(PartitionOwners.class.getName());

    /** A snapshot in which no partition has an owner. */
    static final PartitionOwners NONE = new PartitionOwners(new UUID[Membership.PARTITIONS]);

    private final UUID[] owners;

    private PartitionOwners(UUID[] owners) {
        this.owners = owners;
    }

    /**
     * Reads {@code hz}'s partition table now; {@link #NONE} when the member is not running or the table cannot be
     * read (logged at FINE).
     */
    static PartitionOwners read(HazelcastInstance hz) {
        UUID[] owners = new UUID[Membership.PARTITIONS];
        try {
            if (!hz.getLifecycleService().isRunning()) {
                return NONE;
            }
            Set<Partition> partitions = hz.getPartitionService().getPartitions();
            for (Partition p : partitions) {
                int id = p.getPartitionId();
                if (id >= 0 && id < owners.length) {
                    Member owner = p.getOwner();
                    owners[id] = owner == null ? null : owner.getUuid();
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Cannot read the partition table", e);
            return NONE;
        }
        return new PartitionOwners(owners);
    }

    /** The owner of {@code partition}; null when it has none. */
    UUID owner(int partition) {
        return owners[partition];
    }

    /** Whether every partition has an owner. */
    boolean complete() {
        for (UUID owner : owners) {
            if (owner == null) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PartitionOwners other && Arrays.equals(owners, other.owners);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(owners);
    }
}
