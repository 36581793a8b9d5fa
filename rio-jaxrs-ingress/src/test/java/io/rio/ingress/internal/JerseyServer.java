package io.rio.ingress.internal;

import io.rio.core.RioEngine;
import io.rio.ingress.RioIngressApplication;
import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Principal;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * The ingress application on Jersey 3.1 + Grizzly (as in Payara) over a given engine, with MicroProfile Config
 * values bound for HK2 and a test authentication: header {@code X-Test-User} names the caller and
 * {@code X-Test-Roles} (comma-separated) its roles, as a Jakarta Security mechanism would establish them.
 */
final class JerseyServer implements AutoCloseable {
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final HttpServer server;
    final URI base;

    /** {@code config} overrides the defaults of rio.ingress.timeout, rio.admin.enabled and rio.admin.role. */
    JerseyServer(RioEngine engine, Map<String, String> config) {
        ResourceConfig rc = ResourceConfig.forApplication(new RioIngressApplication());
        rc.register(TestAuthentication.class);
        rc.register(new AbstractBinder() {
            @Override
            protected void configure() {
                bind(engine).to(RioEngine.class);
                bindConfig(IngressResource.TIMEOUT_KEY, IngressResource.DEFAULT_TIMEOUT);
                bindConfig(IngressLimits.KEY_LENGTH_KEY, "" + IngressLimits.SCHEMA_KEY_LENGTH);
                bindConfig(IngressLimits.BODY_BYTES_KEY, "" + IngressLimits.DEFAULT_BODY_BYTES);
                bindConfig(AdminGuard.ENABLED_KEY, "true");
                bindConfig(AdminGuard.ROLE_KEY, AdminGuard.DEFAULT_ROLE);
            }

            private void bindConfig(String key, String defaultValue) {
                bind(config.getOrDefault(key, defaultValue)).to(String.class)
                        .qualifiedBy(new ConfigPropertyLiteral(key, defaultValue));
            }
        });
        server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), rc);
        base = URI.create("http://127.0.0.1:" + server.getListeners().iterator().next().getPort() + "/");
    }

    HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        server.shutdownNow();
    }

    @SuppressWarnings("all")
    private static final class ConfigPropertyLiteral extends AnnotationLiteral<ConfigProperty> implements ConfigProperty {
        private static final long serialVersionUID = 1L;
        private final String name;
        private final String defaultValue;

        ConfigPropertyLiteral(String name, String defaultValue) {
            this.name = name;
            this.defaultValue = defaultValue;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String defaultValue() {
            return defaultValue; // HK2 matches qualifiers by all their values
        }
    }

    /** Sets the request's SecurityContext from the test headers. */
    @PreMatching
    public static final class TestAuthentication implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            String user = request.getHeaderString("X-Test-User");
            if (user == null) {
                return;
            }
            String roles = request.getHeaderString("X-Test-Roles");
            Set<String> granted = roles == null ? Set.of() : Set.of(roles.split(","));
            Principal principal = () -> user;
            request.setSecurityContext(new SecurityContext() {
                @Override
                public Principal getUserPrincipal() {
                    return principal;
                }

                @Override
                public boolean isUserInRole(String role) {
                    return granted.contains(role);
                }

                @Override
                public boolean isSecure() {
                    return false;
                }

                @Override
                public String getAuthenticationScheme() {
                    return SecurityContext.BASIC_AUTH;
                }
            });
        }
    }
}
