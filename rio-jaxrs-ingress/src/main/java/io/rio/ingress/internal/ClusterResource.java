package io.rio.ingress.internal;

import io.rio.core.RioEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * The public, read-only cluster views under {@code /rio/cluster} (no role needed: they name members and
 * partition owners, nothing of the application's data), for clients that route keyed calls straight to their
 * owner:
 *
 * <ul>
 * <li>{@code GET /rio/cluster}: {@code {"self":"<nodeId>","ready":bool,"partitions":271,"members":[{"id","nodeId",
 * "address","ingressUrl","local"}...],"owners":[...]}}, where {@code owners[p]} is the index in {@code members}
 * of the owner of partition {@code p}, or -1 while it has none. A key's partition is
 * {@code io.rio.spi.Membership.partitionOf(service + "/" + key)};</li>
 * <li>{@code GET /rio/cluster/self}: {@code {"nodeId","inflight","held"}}, this member's invocations in memory and
 * the number of partitions it holds in the database (the admin view of other members reads it).</li>
 * </ul>
 *
 * <p>The path {@code rio/cluster} has more literal characters than the ingress's catch-all, so JAX-RS matches
 * these requests here and never in {@link IngressResource} (as for {@code /rio/admin}).
 *
 * <p>Thread safety: application-scoped and stateless apart from a lazily built helper.
 */
@ApplicationScoped
@Path("rio/cluster")
public class ClusterResource {

    @Inject
    RioEngine engine;

    private volatile ClusterOperations operations;

    @GET
    public Response cluster() {
        return AdminResource.answer("GET /rio/cluster", () -> operations().cluster());
    }

    @GET
    @Path("self")
    public Response self() {
        return AdminResource.answer("GET /rio/cluster/self", () -> operations().self());
    }

    private ClusterOperations operations() {
        ClusterOperations o = operations;
        if (o == null) {
            o = new ClusterOperations(ClusterView.of(engine), engine.registry(), OwnerClient.sharedHttpClient());
            operations = o;
        }
        return o;
    }
}
