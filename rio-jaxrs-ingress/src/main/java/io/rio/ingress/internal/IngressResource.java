package io.rio.ingress.internal;

import io.rio.core.Durations;
import io.rio.core.RioEngine;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The JAX-RS face of the ingress: hands every request to {@link IngressRouter}, carries the route out with
 * {@link IngressDispatcher} and resumes the suspended response when the engine's future completes, so no
 * thread waits for a handler. A keyed call is run on its key's owner: {@link Forwarder} replays it on the owner's
 * ingress when that is another member (see there for the rules and retries).
 *
 * <p>Thread safety: application-scoped and stateless apart from lazily built immutable helpers.
 */
@ApplicationScoped
@Path("/")
public class IngressResource {
    /** Configuration key: how long a call, attach or send waits before answering 504. */
    public static final String TIMEOUT_KEY = "rio.ingress.timeout";
    /** Default of {@link #TIMEOUT_KEY}. */
    public static final String DEFAULT_TIMEOUT = "5m";

    @Inject
    RioEngine engine;

    @Inject
    @ConfigProperty(name = TIMEOUT_KEY, defaultValue = DEFAULT_TIMEOUT)
    String timeoutText;

    @Inject
    @ConfigProperty(name = IngressLimits.KEY_LENGTH_KEY, defaultValue = "" + IngressLimits.SCHEMA_KEY_LENGTH)
    String maxKeyLength;

    @Inject
    @ConfigProperty(name = IngressLimits.BODY_BYTES_KEY, defaultValue = "" + IngressLimits.DEFAULT_BODY_BYTES)
    String maxBodyBytes;

    private Duration timeout;
    private IngressLimits limits;
    private volatile IngressRouter router;
    private volatile boolean urlKnown;
    private volatile IngressDispatcher dispatcher;

    @PostConstruct
    void init() {
        try {
            timeout = Durations.parse(timeoutText);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Invalid " + TIMEOUT_KEY + ": " + e.getMessage(), e);
        }
        try {
            limits = new IngressLimits(Integer.parseInt(maxKeyLength.trim()), Long.parseLong(maxBodyBytes.trim()));
        } catch (IllegalArgumentException e) { // NumberFormatException included
            throw new IllegalStateException("Invalid ingress limit: " + e.getMessage(), e);
        }
    }

    @POST
    @Path("{path: .*}")
    public void post(@Suspended AsyncResponse response, @Context UriInfo uri, @Context HttpHeaders headers,
            @Context SecurityContext security, InputStream body) {
        byte[] bytes;
        try {
            bytes = readAtMost(body, limits.maxBodyBytes());
        } catch (IOException e) {
            response.resume(toResponse(IngressReply.error(400, "The request body could not be read: " + e.getMessage())));
            return;
        }
        if (bytes == null) {
            response.resume(toResponse(limits.bodyTooLarge(headers.getLength())));
            return;
        }
        handle("POST", response, uri, headers, security, bytes);
    }

    /** The body, or {@code null} if it has more than {@code max} bytes (reading stops right after the limit). */
    static byte[] readAtMost(InputStream in, long max) throws IOException {
        if (in == null) {
            return new byte[0];
        }
        byte[] bytes = in.readNBytes((int) max + 1);
        return bytes.length > max ? null : bytes;
    }

    @GET
    @Path("{path: .*}")
    public void get(@Suspended AsyncResponse response, @Context UriInfo uri, @Context HttpHeaders headers,
            @Context SecurityContext security) {
        handle("GET", response, uri, headers, security, new byte[0]);
    }

    private void handle(String method, AsyncResponse response, UriInfo uri, HttpHeaders headers,
            SecurityContext security, byte[] body) {
        if (!urlKnown) {
            publishIngressUrl(uri);
        }
        String description = method + " /" + uri.getPath(false);
        Route route;
        RawRequest raw;
        try {
            List<String> segments = uri.getPathSegments(true).stream().map(PathSegment::getPath).toList();
            raw = new RawRequest(method, uri.getPath(false), uri.getRequestUri().getRawQuery(),
                    headers.getRequestHeaders(), body);
            route = router().route(new IngressRequest(method, segments, uri.getQueryParameters(true),
                    headers.getRequestHeaders(), body, Caller.of(security)));
        } catch (RuntimeException e) {
            response.resume(toResponse(IngressDispatcher.failure(e, description)));
            return;
        }
        if (Route.waits(route)) {
            response.setTimeoutHandler(r -> r.resume(toResponse(IngressDispatcher.timeout(route, timeout))));
            response.setTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        dispatcher().dispatch(route, raw, description).thenAccept(reply -> response.resume(toResponse(reply)));
    }

    static Response toResponse(IngressReply reply) {
        Response.ResponseBuilder builder = Response.status(reply.status());
        if (reply.raw() != null) {
            // relayed from the key's owner: its body and content type (in the headers) unchanged
            builder.entity(reply.raw());
        } else if (reply.body() != null) {
            builder.entity(reply.body()).type(MediaType.APPLICATION_JSON_TYPE);
        }
        reply.headers().forEach(builder::header);
        return builder.build();
    }

    /**
     * Without {@code rio.cluster.ingress-url}, the other members learn where to forward from the base URI of the
     * first request this node serves (set the key where that name is not reachable from them).
     */
    private void publishIngressUrl(UriInfo uri) {
        if (engine.cluster().membership().self().ingressUrl() == null) {
            engine.cluster().membership().publishIngressUrl(uri.getBaseUri().toString());
        }
        urlKnown = true;
    }

    private IngressRouter router() {
        IngressRouter r = router;
        if (r == null) {
            r = new IngressRouter(engine.registry(), engine.serde(), limits);
            router = r;
        }
        return r;
    }

    private IngressDispatcher dispatcher() {
        IngressDispatcher d = dispatcher;
        if (d == null) {
            d = new IngressDispatcher(InvocationGateway.of(engine), new Forwarder(ClusterView.of(engine),
                    new OwnerClient(OwnerClient.sharedHttpClient(), timeout), ForwardPolicy.DEFAULT, timeout));
            dispatcher = d;
        }
        return d;
    }
}
