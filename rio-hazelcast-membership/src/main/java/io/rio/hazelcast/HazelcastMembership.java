package io.rio.hazelcast;

import com.hazelcast.cluster.ClusterState;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.replicatedmap.ReplicatedMap;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import io.rio.spi.Membership;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Rio's {@link Membership} on a Hazelcast member: Rio's partition {@code p} is Hazelcast's partition {@code p}
 * (both have {@link Membership#PARTITIONS}), so the owner of a partition is the owner Hazelcast assigned to it.
 *
 * <p>Each member keeps its node id and ingress URL in the replicated map {@value #DIRECTORY}, keyed by its member
 * UUID (the UUID changes when a member rejoins after a split, so the entry is re-published by a periodic check);
 * notifications go over the topic {@value #TOPIC}, addressed by member id and filtered by the receivers, so no
 * application class ever has to be deserialized by another member.
 *
 * <p>Owners and members are read from a cached view, refreshed on the membership's own thread after membership and
 * migration events, after directory changes and every second; {@code changed} runs after a refresh that saw a
 * difference (members, owners, directory entries or readiness), or after any event.
 *
 * <p>Quorum ({@code rio.cluster.min-members}, see {@link ClusterSettings}): while this member sees fewer members
 * than that (itself included), {@link #ready()} is false and {@link #localPartitions()} and {@link #ownerOf} are
 * empty, so a member cut off from the others takes no partitions. Crossing the threshold either way is a
 * membership change, so {@code changed} runs after it like after any other.
 *
 * <p>Thread safety: every method may be called from any thread. Error handling: {@link #notify} and
 * {@link #publishIngressUrl} never throw (failures are logged); queries return what the last refresh saw.
 */
public final class HazelcastMembership implements Membership {

    /** Name of the replicated map holding each member's node id and ingress URL. */
    public static final String DIRECTORY = "rio.members";
    /** Name of the topic carrying notifications. */
    public static final String TOPIC = "rio.notify";

    private static final Logger LOG = Logger.getLogger(HazelcastMembership.class.getName());
    private static final long POLL_MILLIS = 1000;
    private static final String EVERYONE = "*";

    private final HazelcastInstance hz;
    private final boolean owned;
    private final String nodeId;
    private final ReplicatedMap<String, String> directory;
    private final ITopic<String> topic;
    private final CallbackThread thread;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<Runnable> deregistrations = new ArrayList<>();
    private final int minMembers;

    private volatile String ingressUrl;
    /** Directory entries whose member was not in the cluster at the last poll (only the poll thread uses it). */
    private Set<String> absentBefore = Set.of();
    private volatile MemberView view;
    private volatile Runnable changed = () -> { };
    private volatile Consumer<String> notified = m -> { };

    private HazelcastMembership(HazelcastInstance hz, boolean owned, String nodeId, String ingressUrl,
                                int minMembers) {
        if (minMembers < 1) {
            throw new IllegalArgumentException("minMembers must be at least 1: " + minMembers);
        }
        this.minMembers = minMembers;
        this.hz = hz;
        this.owned = owned;
        this.nodeId = nodeId;
        this.ingressUrl = ingressUrl;
        this.directory = hz.getReplicatedMap(DIRECTORY);
        this.topic = hz.getTopic(TOPIC);
        this.thread = new CallbackThread("rio-membership-" + nodeId, this::refreshAndNotify);
    }

    /**
     * Starts a Hazelcast member configured by {@code settings} and joins its cluster as {@code nodeId}; the
     * member is shut down (gracefully) by {@link #close()}.
     *
     * @throws IllegalStateException naming the {@code rio.cluster.*} settings when the member cannot start
     */
    public static HazelcastMembership start(ClusterSettings settings, String nodeId) {
        HazelcastInstance hz;
        try {
            hz = Hazelcast.newHazelcastInstance(MemberConfigs.memberConfig(settings, nodeId));
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot start the Hazelcast member of cluster '" + settings.clusterName()
                    + "' on " + settings.bindAddress() + ":" + settings.port() + " (" + ClusterSettings.PORT + ", "
                    + ClusterSettings.INTERFACE + ", " + ClusterSettings.MEMBERS + "): " + e, e);
        }
        try {
            return open(hz, true, nodeId, settings.ingressUrl(), settings.minMembers());
        } catch (RuntimeException e) {
            hz.getLifecycleService().terminate();
            throw e;
        }
    }

    /** {@link #attach(HazelcastInstance, String, String, String, int)} without a quorum (min-members 1). */
    public static HazelcastMembership attach(HazelcastInstance hz, String nodeId, String ingressUrl, String source) {
        return attach(hz, nodeId, ingressUrl, source, 1);
    }

    /**
     * Uses an existing member (from JNDI or a CDI producer); {@link #close()} only removes what this membership
     * registered and never shuts the member down.
     *
     * @param source     the setting or bean the member came from, named in errors
     * @param minMembers {@code rio.cluster.min-members}: fewest members seen for this one to be ready (at least 1)
     * @throws IllegalStateException when the member's partition count is not {@link Membership#PARTITIONS}
     */
    public static HazelcastMembership attach(HazelcastInstance hz, String nodeId, String ingressUrl, String source,
                                             int minMembers) {
        int partitions = hz.getPartitionService().getPartitions().size();
        if (partitions != PARTITIONS) {
            throw new IllegalStateException("The Hazelcast instance of " + source + " has " + partitions
                    + " partitions; Rio needs hazelcast.partition.count=" + PARTITIONS);
        }
        return open(hz, false, nodeId, ingressUrl, minMembers);
    }

    private static HazelcastMembership open(HazelcastInstance hz, boolean owned, String nodeId, String ingressUrl,
                                            int minMembers) {
        HazelcastMembership m = new HazelcastMembership(hz, owned, nodeId, ingressUrl, minMembers);
        m.view = MemberView.read(hz, m.directory, nodeId, ingressUrl);
        m.register();
        m.refresh();
        return m;
    }

    private void register() {
        ChangeSignals signals = new ChangeSignals(thread);
        UUID members = hz.getCluster().addMembershipListener(signals.members(this::forget));
        deregistrations.add(() -> hz.getCluster().removeMembershipListener(members));
        UUID migrations = hz.getPartitionService().addMigrationListener(signals.migrations());
        deregistrations.add(() -> hz.getPartitionService().removeMigrationListener(migrations));
        UUID entries = directory.addEntryListener(signals.directory());
        deregistrations.add(() -> directory.removeEntryListener(entries));
        UUID messages = topic.addMessageListener(this::received);
        deregistrations.add(() -> topic.removeMessageListener(messages));

        publishDirectoryEntry();
        thread.every(POLL_MILLIS, this::poll);
    }

    @Override
    public Member self() {
        return view.self();
    }

    @Override
    public List<Member> members() {
        return List.copyOf(view.members().values());
    }

    @Override
    public Optional<Member> ownerOf(int partition) {
        Objects.checkIndex(partition, PARTITIONS);
        MemberView v = view;
        if (!quorate(v)) {
            return Optional.empty();
        }
        UUID owner = v.owners().owner(partition);
        return owner == null ? Optional.empty() : Optional.ofNullable(v.members().get(owner));
    }

    @Override
    public Set<Integer> localPartitions() {
        MemberView v = view;
        if (!quorate(v)) {
            return Set.of();
        }
        UUID local = UUID.fromString(v.self().id());
        Set<Integer> mine = new HashSet<>();
        for (int p = 0; p < PARTITIONS; p++) {
            if (local.equals(v.owners().owner(p))) {
                mine.add(p);
            }
        }
        return Set.copyOf(mine);
    }

    /**
     * Whether this member is running in an {@code ACTIVE} cluster, every partition has an owner and no migration
     * is in progress that concerns this member ({@code isLocalMemberSafe}: its replicas are in sync and the master
     * runs no migration), so the partitions it owns now are the ones it should own, and it sees at least
     * {@code rio.cluster.min-members} members. Reads Hazelcast live.
     */
    @Override
    public boolean ready() {
        try {
            return !closed.get()
                    && hz.getLifecycleService().isRunning()
                    && hz.getCluster().getMembers().size() >= minMembers
                    && hz.getCluster().getClusterState() == ClusterState.ACTIVE
                    && PartitionOwners.read(hz).complete()
                    && hz.getPartitionService().isLocalMemberSafe();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Readiness check failed", e);
            return false;
        }
    }

    @Override
    public void listen(Runnable changed, Consumer<String> notified) {
        this.changed = Objects.requireNonNull(changed, "changed");
        this.notified = Objects.requireNonNull(notified, "notified");
    }

    @Override
    public void notify(Member member, String message) {
        if (closed.get() || message == null) {
            return;
        }
        try {
            if (member != null && member.id().equals(localId())) {
                deliver(message);
            } else {
                topic.publish((member == null ? EVERYONE : member.id()) + "\n" + message);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, e, () -> "Cannot notify " + (member == null ? "the other members" : member.nodeId()));
        }
    }

    @Override
    public void publishIngressUrl(String url) {
        ingressUrl = url == null ? null : ClusterSettings.withSlash(url);
        if (closed.get()) {
            return;
        }
        thread.signalChange();
        try {
            publishDirectoryEntry();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot publish the ingress URL " + url + "; the periodic check retries", e);
        }
    }

    /** The {@code rio.cluster.min-members} this membership was opened with. */
    int minMembers() {
        return minMembers;
    }

    /**
     * Whether this member sees at least {@link #minMembers} members, both in {@code v} and in Hazelcast now (the
     * live count closes the window between a member leaving and the next refresh of the view).
     */
    private boolean quorate(MemberView v) {
        if (minMembers <= 1) {
            return true;
        }
        if (v.members().size() < minMembers) {
            return false;
        }
        try {
            return hz.getCluster().getMembers().size() >= minMembers;
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Cannot read the members", e);
            return false;
        }
    }

    /** Whether {@link #close()} shuts the Hazelcast member down (it was started by this membership). */
    boolean ownsInstance() {
        return owned;
    }

    /** The Hazelcast member this membership runs on. */
    HazelcastInstance instance() {
        return hz;
    }

    /**
     * Leaves: removes this member's directory entry and listeners, stops the membership's thread and, for a member
     * it started, shuts Hazelcast down gracefully (partitions migrate to the others first). Idempotent; never throws.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        thread.close();
        if (hz.getLifecycleService().isRunning()) {
            quietly(() -> directory.remove(localId()));
            deregistrations.forEach(HazelcastMembership::quietly);
        }
        if (owned) {
            quietly(hz::shutdown);
        }
    }

    private void received(Message<String> message) {
        String payload = message.getMessageObject();
        int nl = payload == null ? -1 : payload.indexOf('\n');
        if (nl < 0) {
            return;
        }
        String target = payload.substring(0, nl);
        String local = localId();
        boolean fromSelf = message.getPublishingMember() != null
                && local.equals(message.getPublishingMember().getUuid().toString());
        if (target.equals(local) || (target.equals(EVERYONE) && !fromSelf)) {
            deliver(payload.substring(nl + 1));
        }
    }

    private void deliver(String message) {
        thread.execute(() -> notified.accept(message));
    }

    private void refreshAndNotify() {
        if (closed.get() || !refresh()) {
            return;
        }
        changed.run();
    }

    /** Re-reads the view; false (view kept) when Hazelcast cannot be read, for example while it shuts down. */
    private boolean refresh() {
        try {
            view = MemberView.read(hz, directory, nodeId, ingressUrl).withReady(ready());
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Cannot read the cluster view", e);
            return false;
        }
    }

    /** Every second: re-publishes this member's entry if it went missing, drops departed ones, refreshes the view. */
    private void poll() {
        if (closed.get() || !hz.getLifecycleService().isRunning()) {
            return;
        }
        try {
            if (!DirectoryEntry.encode(nodeId, ingressUrl).equals(directory.get(localId()))) {
                publishDirectoryEntry();
            }
            Set<com.hazelcast.cluster.Member> current = hz.getCluster().getMembers();
            if (current.iterator().next().localMember()) {
                Set<String> present = new HashSet<>();
                current.forEach(m -> present.add(m.getUuid().toString()));
                // A joining member's entry can replicate here before the member list shows it: forget an entry
                // only when its member was missing at the previous poll too, so a new member is never unlisted.
                Set<String> absent = new HashSet<>();
                for (String key : directory.keySet()) {
                    if (!present.contains(key)) {
                        if (absentBefore.contains(key)) {
                            forget(key);
                        } else {
                            absent.add(key);
                        }
                    }
                }
                absentBefore = absent;
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Periodic directory check failed", e);
        }
        MemberView before = view;
        if (refresh() && !before.equals(view)) {
            changed.run();
        }
    }

    private void forget(String memberId) {
        quietly(() -> directory.remove(memberId));
    }

    private void publishDirectoryEntry() {
        directory.put(localId(), DirectoryEntry.encode(nodeId, ingressUrl));
    }

    /** This member's UUID now (it changes when the member rejoins after a split); the last seen once stopped. */
    private String localId() {
        try {
            return hz.getCluster().getLocalMember().getUuid().toString();
        } catch (RuntimeException e) {
            return view.self().id();
        }
    }

    private static void quietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Ignored while leaving the cluster", e);
        }
    }

}
