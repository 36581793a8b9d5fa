package io.rio.core;

import io.rio.spi.Membership;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * An in-memory cluster for engine tests: the test decides which member owns which partition. A member that joins
 * takes every partition (as a single-node server started on the same database would); {@link #assign} moves them.
 * Owners are told of changes and notifications as a real membership would tell them, on the caller's thread.
 *
 * <p>Thread safety: safe for concurrent use.
 */
final class TestCluster {
    private final Map<String, View> members = new LinkedHashMap<>();
    private final Map<Integer, String> owners = new ConcurrentHashMap<>();

    /** Joins {@code nodeId} (replacing a member of that id) and gives it every partition. */
    synchronized Membership join(String nodeId) {
        View view = new View(nodeId);
        members.put(nodeId, view);
        for (int p = 0; p < Membership.PARTITIONS; p++) {
            owners.put(p, nodeId);
        }
        changed();
        return view;
    }

    /** Removes a member (it crashed or left); its partitions go to the first other member, if any. */
    synchronized void leave(String nodeId) {
        members.remove(nodeId);
        String heir = members.keySet().stream().findFirst().orElse(null);
        for (Map.Entry<Integer, String> e : owners.entrySet()) {
            if (e.getValue().equals(nodeId)) {
                if (heir == null) {
                    owners.remove(e.getKey());
                } else {
                    e.setValue(heir);
                }
            }
        }
        changed();
    }

    /** Gives {@code partitions} to {@code nodeId}. */
    synchronized void assign(Set<Integer> partitions, String nodeId) {
        partitions.forEach(p -> owners.put(p, nodeId));
        changed();
    }

    private void changed() {
        for (View v : new ArrayList<>(members.values())) {
            if (v.changed != null) {
                v.changed.run();
            }
        }
    }

    private final class View implements Membership {
        private final String nodeId;
        private volatile Runnable changed;
        private volatile Consumer<String> notified;

        View(String nodeId) {
            this.nodeId = nodeId;
        }

        private Member member(String id) {
            return new Member(id, id, "test:" + id, null, id.equals(nodeId));
        }

        @Override
        public Member self() {
            return member(nodeId);
        }

        @Override
        public List<Member> members() {
            synchronized (TestCluster.this) {
                return members.keySet().stream().map(this::member).toList();
            }
        }

        @Override
        public Optional<Member> ownerOf(int partition) {
            return Optional.ofNullable(owners.get(partition)).map(this::member);
        }

        @Override
        public Set<Integer> localPartitions() {
            return owners.entrySet().stream().filter(e -> e.getValue().equals(nodeId)).map(Map.Entry::getKey)
                    .collect(Collectors.toUnmodifiableSet());
        }

        @Override
        public boolean ready() {
            synchronized (TestCluster.this) {
                return members.get(nodeId) == this;
            }
        }

        @Override
        public void listen(Runnable changed, Consumer<String> notified) {
            this.changed = changed;
            this.notified = notified;
        }

        @Override
        public void notify(Member member, String message) {
            List<View> targets;
            synchronized (TestCluster.this) {
                targets = members.values().stream().filter(v -> v != this)
                        .filter(v -> member == null || v.nodeId.equals(member.nodeId())).toList();
            }
            for (View v : targets) {
                if (v.notified != null) {
                    v.notified.accept(message);
                }
            }
        }

        @Override
        public void publishIngressUrl(String url) {
        }

        @Override
        public void close() {
            leave(nodeId);
        }
    }
}
