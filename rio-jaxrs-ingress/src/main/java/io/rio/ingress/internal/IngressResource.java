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
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The JAX-RS face of the ingress: hands every request to {@link IngressRouter}, carries the route out with
 * {@link IngressDispatcher} and resumes the suspended response when the engine's future completes, so no
 * thread waits for a handler.
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

    private Duration timeout;
    private volatile IngressRouter router;
    private volatile IngressDispatcher dispatcher;

    @PostConstruct
    void init() {
        try {
            timeout = Durations.parse(timeoutText);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Invalid " + TIMEOUT_KEY + ": " + e.getMessage(), e);
        }
    }

    @POST
    @Path("{path: .*}")
    public void post(@Suspended AsyncResponse response, @Context UriInfo uri, @Context HttpHeaders headers,
            byte[] body) {
        handle("POST", response, uri, headers, body);
    }

    @GET
    @Path("{path: .*}")
    public void get(@Suspended AsyncResponse response, @Context UriInfo uri, @Context HttpHeaders headers) {
        handle("GET", response, uri, headers, new byte[0]);
    }

    private void handle(String method, AsyncResponse response, UriInfo uri, HttpHeaders headers, byte[] body) {
        String description = method + " /" + uri.getPath(false);
        Route route;
        try {
            List<String> segments = uri.getPathSegments(true).stream().map(PathSegment::getPath).toList();
            route = router().route(new IngressRequest(method, segments, uri.getQueryParameters(true),
                    headers.getRequestHeaders(), body));
        } catch (RuntimeException e) {
            response.resume(toResponse(IngressDispatcher.failure(e, description)));
            return;
        }
        if (Route.waits(route)) {
            response.setTimeoutHandler(r -> r.resume(toResponse(IngressDispatcher.timeout(route, timeout))));
            response.setTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        dispatcher().dispatch(route, description).thenAccept(reply -> response.resume(toResponse(reply)));
    }

    static Response toResponse(IngressReply reply) {
        Response.ResponseBuilder builder = Response.status(reply.status());
        if (reply.body() != null) {
            builder.entity(reply.body()).type(MediaType.APPLICATION_JSON_TYPE);
        }
        reply.headers().forEach(builder::header);
        return builder.build();
    }

    private IngressRouter router() {
        IngressRouter r = router;
        if (r == null) {
            r = new IngressRouter(engine.registry(), engine.serde());
            router = r;
        }
        return r;
    }

    private IngressDispatcher dispatcher() {
        IngressDispatcher d = dispatcher;
        if (d == null) {
            d = new IngressDispatcher(InvocationGateway.of(engine));
            dispatcher = d;
        }
        return d;
    }
}
