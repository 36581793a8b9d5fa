package io.rio.ingress.internal;

import io.rio.core.model.HandlerDefinition;
import io.rio.core.model.ServiceDefinition;
import io.rio.core.model.ServiceRegistry;
import io.rio.spi.Membership;
import io.rio.spi.Membership.Member;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * The cluster views, independent of JAX-RS ({@link ClusterResource} serves the public ones, {@link AdminResource}
 * the admin ones); JSON shapes in {@link ClusterJson}.
 *
 * <p>A key's partition is {@code Membership.partitionOf(service + "/" + key)} ({@link Membership#partitionOf}),
 * so a client that has read {@code GET /rio/cluster} can send a keyed call straight to the owner of
 * {@code owners[partition]}; calls that land elsewhere are forwarded anyway.
 *
 * <p>Thread safety: stateless apart from the shared HTTP client; safe for concurrent use.
 */
public final class ClusterOperations {
    /** How long the admin view waits for another member's {@code rio/cluster/self}. */
    static final Duration PEER_TIMEOUT = Duration.ofSeconds(1);

    private final ClusterView cluster;
    private final ServiceRegistry registry;
    private final HttpClient client;

    public ClusterOperations(ClusterView cluster, ServiceRegistry registry, HttpClient client) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.client = Objects.requireNonNull(client, "client");
    }

    /** {@code GET /rio/cluster}: members and the owner of each partition (index into members, -1 for none). */
    public IngressReply cluster() {
        List<Member> members = cluster.members();
        return ok(ClusterJson.cluster(cluster.self().nodeId(), cluster.ready(), members, owners(members)));
    }

    /** {@code GET /rio/cluster/self}: this member's load. */
    public IngressReply self() {
        return ok(ClusterJson.self(cluster.self().nodeId(), cluster.inflight(), cluster.heldCount()));
    }

    /**
     * {@code GET /rio/admin/cluster}: each member with its owned partition count and load; the load of another
     * member comes from its {@code rio/cluster/self} (asked in parallel, {@code null} after {@link #PEER_TIMEOUT}).
     * Never completes exceptionally.
     */
    public CompletableFuture<IngressReply> adminCluster() {
        List<Member> members;
        int[] owners;
        try {
            members = cluster.members();
            owners = owners(members);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        int[] owned = new int[members.size()];
        for (int owner : owners) {
            if (owner >= 0) {
                owned[owner]++;
            }
        }
        List<CompletableFuture<ClusterJson.Peer>> peers = new ArrayList<>();
        for (Member m : members) {
            peers.add(m.local() ? CompletableFuture.completedFuture(
                    new ClusterJson.Peer(cluster.inflight(), cluster.heldCount())) : peer(m));
        }
        return CompletableFuture.allOf(peers.toArray(CompletableFuture[]::new)).thenApply(done -> ok(ClusterJson.admin(
                cluster.self().nodeId(), cluster.ready(), members, owned,
                peers.stream().map(CompletableFuture::join).toList())));
    }

    /** {@code GET /rio/admin/cluster/owner?service=&key=}: where a key lives; 404 unknown service, 400 no key. */
    public IngressReply owner(String service, String key) {
        ServiceDefinition definition = service == null ? null : registry.service(service).orElse(null);
        if (definition == null) {
            String known = registry.services().stream().map(ServiceDefinition::name).sorted()
                    .collect(Collectors.joining(", "));
            return IngressReply.error(404, "No service, virtual object or workflow named '" + service + "'; known: "
                    + (known.isEmpty() ? "(none deployed)" : known));
        }
        if (!definition.kind().keyed()) {
            // A service runs where its call lands: no partition of its own until an invocation id exists.
            return ok(ClusterJson.owner(service, blankToNull(key), null, cluster.self()));
        }
        if (key == null || key.isEmpty()) {
            return IngressReply.error(400, "'" + service + "' is keyed: name the key, e.g. "
                    + "GET /rio/admin/cluster/owner?service=" + service + "&key=k1");
        }
        HandlerDefinition handler = definition.handlers().values().stream().findFirst().orElse(null);
        if (handler == null) {
            int partition = Membership.partitionOf(service + "/" + key);
            return ok(ClusterJson.owner(service, key, partition, cluster.ownerOf(partition).orElse(null)));
        }
        return ok(ClusterJson.owner(service, key, cluster.partitionOf(handler, key),
                cluster.ownerOf(handler, key).orElse(null)));
    }

    /** For each partition, the index of its owner in {@code members}, -1 if none (or not among them). */
    int[] owners(List<Member> members) {
        int[] owners = new int[Membership.PARTITIONS];
        for (int p = 0; p < owners.length; p++) {
            String id = cluster.ownerOf(p).map(Member::id).orElse(null);
            owners[p] = -1;
            for (int i = 0; id != null && i < members.size(); i++) {
                if (id.equals(members.get(i).id())) {
                    owners[p] = i;
                    break;
                }
            }
        }
        return owners;
    }

    private CompletableFuture<ClusterJson.Peer> peer(Member m) {
        if (m.ingressUrl() == null) {
            return CompletableFuture.completedFuture(ClusterJson.Peer.UNKNOWN);
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(OwnerClient.base(m.ingressUrl())
                    + "rio/cluster/self")).timeout(PEER_TIMEOUT).GET().build();
            return client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                    .thenApply(r -> r.statusCode() == 200 ? ClusterJson.peer(r.body()) : ClusterJson.Peer.UNKNOWN)
                    .completeOnTimeout(ClusterJson.Peer.UNKNOWN, PEER_TIMEOUT.toMillis() + 200,
                            java.util.concurrent.TimeUnit.MILLISECONDS)
                    .exceptionally(e -> ClusterJson.Peer.UNKNOWN);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(ClusterJson.Peer.UNKNOWN);
        }
    }

    private static IngressReply ok(String json) {
        return new IngressReply(200, json, Map.of());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
