package io.rio.hazelcast;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.EntryAdapter;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.MapEvent;
import com.hazelcast.partition.MigrationListener;
import com.hazelcast.partition.MigrationState;
import com.hazelcast.partition.ReplicaMigrationEvent;
import java.util.function.Consumer;

/**
 * The Hazelcast listeners of {@link HazelcastMembership}: every membership, migration and directory event only
 * signals a change to the membership's own thread (which re-reads the view), so no Hazelcast event thread ever
 * runs Rio's code.
 */
final class ChangeSignals {
    private final CallbackThread thread;

    ChangeSignals(CallbackThread thread) {
        this.thread = thread;
    }

    /** Members joining and leaving; {@code left} (on the membership's thread) gets the UUID of one that left. */
    MembershipListener members(Consumer<String> left) {
        return new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                thread.signalChange();
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                String id = event.getMember().getUuid().toString();
                thread.execute(() -> left.accept(id));
                thread.signalChange();
            }
        };
    }

    /** Partition migrations: owners change as replicas complete. */
    MigrationListener migrations() {
        return new MigrationListener() {
            @Override
            public void migrationStarted(MigrationState state) {
                // owners change when replicas complete
            }

            @Override
            public void migrationFinished(MigrationState state) {
                thread.signalChange();
            }

            @Override
            public void replicaMigrationCompleted(ReplicaMigrationEvent event) {
                thread.signalChange();
            }

            @Override
            public void replicaMigrationFailed(ReplicaMigrationEvent event) {
                thread.signalChange();
            }
        };
    }

    /** Directory changes: an entry published, replaced or removed. */
    EntryAdapter<String, String> directory() {
        return new EntryAdapter<>() {
            @Override
            public void onEntryEvent(EntryEvent<String, String> event) {
                thread.signalChange();
            }

            @Override
            public void onMapEvent(MapEvent event) {
                thread.signalChange();
            }
        };
    }
}
