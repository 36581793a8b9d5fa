package io.rio.ingress.internal;

import io.rio.core.RioEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The admin API of Rio, JSON in and out, protected by {@link AdminGuard} (a role, {@code rio.admin.role}):
 *
 * <ul>
 * <li>{@code GET /rio/admin/services}: services, objects and workflows with their handlers;</li>
 * <li>{@code GET /rio/admin/invocations?service=&key=&status=&limit=} (limit 1 to 1000, default 100);</li>
 * <li>{@code GET /rio/admin/invocations/{id}}: one invocation with its journal and signals;</li>
 * <li>{@code POST /rio/admin/invocations/{id}/cancel|kill|pause|resume}: 202 {@code {"invocationId","action"}};</li>
 * <li>{@code DELETE /rio/admin/invocations/{id}}: purges an ended invocation;</li>
 * <li>{@code GET /rio/admin/objects/{service}/keys?limit=}; {@code GET|PUT /rio/admin/objects/{service}/{key}/state};</li>
 * <li>{@code GET /rio/admin/cluster}: members, partitions owned and load; {@code GET
 * /rio/admin/cluster/owner?service=&key=}: where a key lives (see {@link ClusterOperations}).</li>
 * </ul>
 *
 * <p>Errors are JSON {@code {"code","message"}}; unexpected failures answer 500 with a log reference and no
 * stack trace. The work is done by {@link AdminOperations} and {@link ClusterOperations}.
 *
 * <p>Thread safety: application-scoped and stateless apart from a lazily built helper.
 */
@ApplicationScoped
@AdminSecured
@Path("rio/admin")
public class AdminResource {
    private static final String JSON = "application/json";

    @Inject
    RioEngine engine;

    private volatile AdminOperations operations;
    private volatile ClusterOperations cluster;

    /**
     * The web console: {@code GET /rio/admin/console/} and its two static files, from this jar; behind the admin
     * role like the API it calls. {@code /rio/admin/console} redirects to {@code console/} so its relative links
     * resolve.
     */
    @GET
    @Path("console{file: (/[a-z.]*)?}")
    public Response console(@PathParam("file") String file, @Context UriInfo uri) {
        // RESTEasy matches "console/" with an empty file (the slash stripped), Jersey with "/": ask the raw URI
        boolean folder = file == null || file.isEmpty() || file.equals("/");
        if (folder && !uri.getRequestUri().getRawPath().endsWith("/")) {
            return Response.status(303).location(URI.create(uri.getAbsolutePath() + "/")).build();
        }
        String name = folder ? "index.html" : file.substring(1);
        String type = CONSOLE_FILES.get(name);
        InputStream in = type == null ? null : AdminResource.class.getResourceAsStream("/META-INF/rio-console/" + name);
        if (in == null) {
            return Response.status(404).type(JSON).entity("{\"code\":404,\"message\":\"The console has no file '"
                    + name + "'\"}").build();
        }
        return Response.ok(in, type).header("Cache-Control", "no-cache").header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'").build();
    }

    private static final Map<String, String> CONSOLE_FILES = Map.of("index.html", "text/html; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8", "console.css", "text/css; charset=utf-8");

    @GET
    @Path("services")
    public Response services() {
        return answer("GET /rio/admin/services", () -> operations().services());
    }

    @GET
    @Path("invocations")
    public Response invocations(@QueryParam("service") String service, @QueryParam("key") String key,
            @QueryParam("status") String status, @QueryParam("limit") String limit) {
        return answer("GET /rio/admin/invocations", () -> operations().invocations(service, key, status, limit));
    }

    @GET
    @Path("invocations/{id}")
    public Response invocation(@PathParam("id") String id) {
        return answer("GET /rio/admin/invocations/" + id, () -> operations().invocation(id));
    }

    @POST
    @Path("invocations/{id}/{action: cancel|kill|pause|resume}")
    public Response act(@PathParam("id") String id, @PathParam("action") String action) {
        return answer("POST /rio/admin/invocations/" + id + "/" + action, () -> operations().act(id, action));
    }

    @DELETE
    @Path("invocations/{id}")
    public Response purge(@PathParam("id") String id) {
        return answer("DELETE /rio/admin/invocations/" + id, () -> operations().purge(id));
    }

    @GET
    @Path("objects/{service}/keys")
    public Response keys(@PathParam("service") String service, @QueryParam("limit") String limit) {
        return answer("GET /rio/admin/objects/" + service + "/keys", () -> operations().keys(service, limit));
    }

    @GET
    @Path("objects/{service}/{key}/state")
    public Response state(@PathParam("service") String service, @PathParam("key") String key) {
        return answer("GET /rio/admin/objects/" + service + "/" + key + "/state",
                () -> operations().state(service, key));
    }

    @PUT
    @Path("objects/{service}/{key}/state")
    public Response replaceState(@PathParam("service") String service, @PathParam("key") String key,
            @HeaderParam("Content-Type") String contentType, byte[] body) {
        return answer("PUT /rio/admin/objects/" + service + "/" + key + "/state",
                () -> operations().replaceState(service, key, contentType, body == null ? new byte[0] : body));
    }

    /**
     * {@code GET /rio/admin/cluster}: {@code {"self","ready","partitions":271,"members":[{"id","nodeId","address",
     * "ingressUrl","local","partitions":<owned>,"inflight","heldPartitions"}]}}; another member's load is read
     * from its {@code rio/cluster/self} ({@code null} if it does not answer within 1 s).
     */
    @GET
    @Path("cluster")
    public void cluster(@Suspended AsyncResponse response) {
        String description = "GET /rio/admin/cluster";
        CompletableFuture<IngressReply> reply;
        try {
            reply = cluster().adminCluster();
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        reply.exceptionally(e -> IngressDispatcher.failure(e, description))
                .thenAccept(r -> response.resume(toResponse(r)));
    }

    /** {@code GET /rio/admin/cluster/owner?service=&key=}: {@code {"service","key","partition","owner","local"}}. */
    @GET
    @Path("cluster/owner")
    public Response owner(@QueryParam("service") String service, @QueryParam("key") String key) {
        return answer("GET /rio/admin/cluster/owner", () -> cluster().owner(service, key));
    }

    static Response answer(String description, Supplier<IngressReply> operation) {
        IngressReply reply;
        try {
            reply = operation.get();
        } catch (RuntimeException e) {
            reply = IngressDispatcher.failure(e, description);
        }
        return toResponse(reply);
    }

    private static Response toResponse(IngressReply reply) {
        Response.ResponseBuilder builder = Response.status(reply.status());
        if (reply.body() != null) {
            builder.entity(reply.body()).type(JSON);
        }
        reply.headers().forEach(builder::header);
        return builder.build();
    }

    private ClusterOperations cluster() {
        ClusterOperations c = cluster;
        if (c == null) {
            c = new ClusterOperations(ClusterView.of(engine), engine.registry(), OwnerClient.sharedHttpClient());
            cluster = c;
        }
        return c;
    }

    private AdminOperations operations() {
        AdminOperations o = operations;
        if (o == null) {
            o = new AdminOperations(engine);
            operations = o;
        }
        return o;
    }
}
