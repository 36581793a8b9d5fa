package io.rio.ingress.internal;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps every answer of the ingress JSON {@code {"code","message"}}, also those the JAX-RS runtime produces
 * itself (no route, method not allowed, unreadable body). Registered only in the ingress application.
 */
public final class JsonErrorMappers {
    private static final Logger LOG = Logger.getLogger(JsonErrorMappers.class.getName());
    private static final String ADMIN_ROUTES = "GET /rio/admin/services, GET /rio/admin/invocations,"
            + " GET|DELETE /rio/admin/invocations/{id}, POST /rio/admin/invocations/{id}/cancel|kill|pause|resume,"
            + " GET /rio/admin/objects/{service}/keys, GET|PUT /rio/admin/objects/{service}/{key}/state,"
            + " GET /rio/admin/cluster";

    private JsonErrorMappers() {
    }

    /** JAX-RS errors, with their status and headers (e.g. {@code Allow}) kept. */
    @Provider
    public static class WebApplicationErrors implements ExceptionMapper<WebApplicationException> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(WebApplicationException exception) {
            Response original = exception.getResponse();
            int status = original == null ? 500 : original.getStatus();
            boolean admin = isAdmin();
            String message;
            if (admin && (status == 404 || status == 405)) {
                message = (status == 404 ? "No admin route here" : "Method not allowed here") + "; the admin API: "
                        + ADMIN_ROUTES;
            } else if (status == 405) {
                message = "Method not allowed: invoke handlers with POST, and read results"
                        + " with GET /restate/attach/{invocationId} or /restate/output/{invocationId}";
            } else if (status == 404) {
                message = "No ingress route here: use POST /{service}/{handler} or POST /{object}/{key}/{handler}";
            } else {
                message = exception.getMessage() == null ? "HTTP " + status : exception.getMessage();
            }
            Response.ResponseBuilder builder = original == null ? Response.status(status) : Response.fromResponse(original);
            return builder.entity(Json.error(status, message)).type(MediaType.APPLICATION_JSON_TYPE).build();
        }

        private boolean isAdmin() {
            try {
                String path = uri == null ? "" : uri.getPath(false);
                return path.startsWith("rio/admin") || path.startsWith("/rio/admin");
            } catch (RuntimeException e) {
                return false; // no request in scope
            }
        }
    }

    /** Anything else that escapes: 500, stack trace in the log only. */
    @Provider
    public static class UnexpectedErrors implements ExceptionMapper<Exception> {
        @Override
        public Response toResponse(Exception exception) {
            String reference = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "Rio ingress: unexpected failure (reference " + reference + ")", exception);
            return Response.status(500)
                    .entity(Json.error(500, "Internal error in the Rio ingress; the server log has the details under"
                            + " reference " + reference))
                    .type(MediaType.APPLICATION_JSON_TYPE).build();
        }
    }
}
