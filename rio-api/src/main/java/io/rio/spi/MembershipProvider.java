package io.rio.spi;

/**
 * Starts the cluster membership Rio runs with. A cluster module contributes one as an application-scoped CDI bean;
 * without one, Rio runs single-node (one member owning every partition).
 *
 * <p>Error handling: {@link #start} throws {@link IllegalStateException} with a message naming the {@code rio.cluster.*}
 * key at fault when the membership cannot start; the deployment fails with it.
 */
public interface MembershipProvider {

    /**
     * Joins (or forms) the cluster as {@code nodeId}. Returns once this member has started; it may join and get
     * partitions later ({@link Membership#ready()}).
     */
    Membership start(String nodeId);
}
