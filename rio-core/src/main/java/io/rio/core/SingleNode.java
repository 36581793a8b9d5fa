package io.rio.core;

import io.rio.spi.Membership;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The membership of a server without a cluster module: one member that owns every partition. Starting it takes
 * every partition in the database, so a second single-node server started on the same database takes them over
 * and the first one's writes are fenced off (rejected): without a cluster module, run one server per database.
 */
public final class SingleNode implements Membership {
    private static final Set<Integer> ALL = IntStream.range(0, PARTITIONS).boxed()
            .collect(Collectors.toUnmodifiableSet());

    private final Member self;

    public SingleNode(String nodeId) {
        this.self = new Member(nodeId, nodeId, "local", null, true);
    }

    @Override
    public Member self() {
        return self;
    }

    @Override
    public List<Member> members() {
        return List.of(self);
    }

    @Override
    public Optional<Member> ownerOf(int partition) {
        return Optional.of(self);
    }

    @Override
    public Set<Integer> localPartitions() {
        return ALL;
    }

    @Override
    public boolean ready() {
        return true;
    }

    @Override
    public void listen(Runnable changed, Consumer<String> notified) {
        // nothing ever changes
    }

    @Override
    public void notify(Member member, String message) {
        // no other member
    }

    @Override
    public void publishIngressUrl(String url) {
        // no other member to tell
    }

    @Override
    public void close() {
        // nothing to leave
    }
}
