package io.rio.ingress.internal;

import io.rio.core.model.HandlerDefinition;
import io.rio.spi.Membership;
import io.rio.spi.Membership.Member;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;

/** A cluster view whose members and owners the test sets; keyed owners follow the partition table. */
final class FakeCluster implements ClusterView {
    final Member self;
    final List<Member> members = new CopyOnWriteArrayList<>();
    /** The owner of each partition (null: none); defaults to self. */
    volatile IntFunction<Member> owner;
    volatile boolean ready = true;
    volatile int inflight;
    volatile int held;

    FakeCluster(Member self, Member... others) {
        this.self = self;
        members.add(self);
        members.addAll(List.of(others));
        owner = p -> self;
    }

    static Member member(String nodeId, String url, boolean local) {
        return new Member("id-" + nodeId, nodeId, "127.0.0.1:57" + nodeId.length(), url, local);
    }

    /** Every partition owned by {@code m}. */
    FakeCluster ownedBy(Member m) {
        owner = p -> m;
        return this;
    }

    @Override
    public Member self() {
        return self;
    }

    @Override
    public List<Member> members() {
        return List.copyOf(members);
    }

    @Override
    public Optional<Member> ownerOf(int partition) {
        return Optional.ofNullable(owner.apply(partition));
    }

    @Override
    public Optional<Member> ownerOf(HandlerDefinition target, String key) {
        return target.keyed() ? ownerOf(partitionOf(target, key)) : Optional.of(self);
    }

    @Override
    public int partitionOf(HandlerDefinition target, String key) {
        return Membership.partitionOf(target.service() + "/" + key);
    }

    @Override
    public boolean ready() {
        return ready;
    }

    @Override
    public int inflight() {
        return inflight;
    }

    @Override
    public int heldCount() {
        return held;
    }
}
