package io.rio.ingress.internal;

import io.rio.core.RioEngine;
import io.rio.core.model.HandlerDefinition;
import io.rio.spi.Membership;
import io.rio.spi.Membership.Member;
import java.util.List;
import java.util.Optional;

/**
 * The cluster as the ingress sees it: the part of {@link RioEngine} and its {@link Membership} used to forward
 * calls and to answer the cluster views, as an interface so it can be faked in tests. Semantics are those of the
 * engine's and membership's methods of the same names.
 */
public interface ClusterView {

    /** This member. */
    Member self();

    /** Every member this one sees, itself included. */
    List<Member> members();

    /** The owner of {@code partition} in the membership's table; empty while it has none. */
    Optional<Member> ownerOf(int partition);

    /** See {@link RioEngine#ownerOf(HandlerDefinition, String)}: for a service, always {@link #self()}. */
    Optional<Member> ownerOf(HandlerDefinition target, String key);

    /** See {@link RioEngine#partitionOf(HandlerDefinition, String)}; only meaningful for keyed targets. */
    int partitionOf(HandlerDefinition target, String key);

    /** See {@link io.rio.core.RioCluster#ready()}. */
    boolean ready();

    /** See {@link io.rio.core.RioCluster#inflightCount()}. */
    int inflight();

    /** How many partitions this node holds in the database ({@link io.rio.core.RioCluster#heldPartitions()}). */
    int heldCount();

    /** The view of {@code engine}. */
    static ClusterView of(RioEngine engine) {
        return new ClusterView() {
            @Override
            public Member self() {
                return engine.cluster().membership().self();
            }

            @Override
            public List<Member> members() {
                return engine.cluster().membership().members();
            }

            @Override
            public Optional<Member> ownerOf(int partition) {
                return engine.cluster().membership().ownerOf(partition);
            }

            @Override
            public Optional<Member> ownerOf(HandlerDefinition target, String key) {
                return engine.cluster().ownerOf(target, key);
            }

            @Override
            public int partitionOf(HandlerDefinition target, String key) {
                return engine.cluster().partitionOf(target, key);
            }

            @Override
            public boolean ready() {
                return engine.cluster().ready();
            }

            @Override
            public int inflight() {
                return engine.cluster().inflightCount();
            }

            @Override
            public int heldCount() {
                return engine.cluster().heldPartitions().size();
            }
        };
    }
}
