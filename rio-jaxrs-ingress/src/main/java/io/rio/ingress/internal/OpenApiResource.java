package io.rio.ingress.internal;

import io.rio.core.RioEngine;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code GET /rio/openapi}: the OpenAPI 3.0 document of the application's handlers ({@link OpenApiDocument}), JSON,
 * its server URL the ingress's base URL as the request reached it. Public like the routes it describes (it lists
 * no handler that only other handlers or nobody may call); {@code rio.openapi.enabled=false} answers 404 instead.
 * The server's own MicroProfile OpenAPI document at {@code /openapi} describes the application's own JAX-RS
 * resources, Rio's generic ingress resource among them; this one names each handler with its types.
 *
 * <p>Thread safety: application-scoped; the document is built once (the registry does not change after
 * deployment) for the first base URL and rebuilt when a request comes through another one.
 */
@ApplicationScoped
@Path("rio/openapi")
public class OpenApiResource {
    /** Configuration key: whether the document is served. */
    public static final String ENABLED_KEY = "rio.openapi.enabled";

    @Inject
    RioEngine engine;

    @Inject
    @ConfigProperty(name = ENABLED_KEY, defaultValue = "true")
    String enabledText;

    private volatile Cached cached;

    private record Cached(String serverUrl, String json) {
    }

    private boolean enabled;

    @PostConstruct
    void init() {
        enabled = Flags.enabled(ENABLED_KEY, enabledText);
    }

    @GET
    public Response document(@Context UriInfo uri) {
        if (!enabled) {
            return Response.status(404).type("application/json")
                    .entity("{\"code\":404,\"message\":\"The OpenAPI document is turned off (" + ENABLED_KEY
                            + "=false)\"}").build();
        }
        String serverUrl = uri.getBaseUri().toString();
        Cached c = cached;
        if (c == null || !c.serverUrl.equals(serverUrl)) {
            JsonObject doc = new OpenApiDocument(engine.registry()).build(serverUrl, "Rio handlers", "1");
            c = new Cached(serverUrl, doc.toString());
            cached = c;
        }
        return Response.ok(c.json, "application/json").build();
    }
}
