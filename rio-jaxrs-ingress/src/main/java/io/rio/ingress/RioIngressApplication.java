package io.rio.ingress;

import io.rio.ingress.internal.AdminGuard;
import io.rio.ingress.internal.AdminResource;
import io.rio.ingress.internal.ClusterResource;
import io.rio.ingress.internal.IngressResource;
import io.rio.ingress.internal.JsonErrorMappers;
import io.rio.ingress.internal.OpenApiResource;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The JAX-RS application of Rio's HTTP ingress, served at the root of the WAR so that Restate's clients work
 * unchanged ({@code POST /Greeter/greet}, {@code POST /Counter/{key}/add}, {@code GET /restate/attach/{id}}).
 *
 * <p>It is discovered by the server from this jar in {@code WEB-INF/lib}; nothing needs to be configured.
 * {@link #getClasses()} returns only Rio's own resource and providers, so the application's own JAX-RS
 * resources keep belonging to the application's own {@code Application} subclass and path (for example
 * {@code @ApplicationPath("/api")}, which wins over this one for paths under {@code /api}).
 *
 * <p>To serve the ingress under another path, declare and map the servlet named after this class in
 * {@code web.xml} (the JAX-RS way; Payara wants the declaration, WildFly accepts it):
 * <pre>{@code
 * <servlet>
 *   <servlet-name>io.rio.ingress.RioIngressApplication</servlet-name>
 * </servlet>
 * <servlet-mapping>
 *   <servlet-name>io.rio.ingress.RioIngressApplication</servlet-name>
 *   <url-pattern>/rio/*</url-pattern>
 * </servlet-mapping>
 * }</pre>
 *
 * <p>Requests wait for results without holding a thread; how long a call, attach or send may wait is set by
 * {@code rio.ingress.timeout} (MicroProfile Config; e.g. {@code 30s}, {@code 5m}, {@code PT5M}; default 5m).
 *
 * <p>The same application serves the admin API under {@code /rio/admin} ({@link AdminResource}), protected by
 * the role {@code rio.admin.role} (default {@code rio-admin}) and turned off with {@code rio.admin.enabled=false};
 * the application authenticates its callers with Jakarta Security, see {@link AdminGuard} for a minimal example.
 *
 * <p>In a cluster any member accepts any request; a keyed call is forwarded to the member that owns its key
 * (header {@code x-rio-forwarded}). The public, read-only {@code GET /rio/cluster} ({@link ClusterResource})
 * tells clients which member owns which partition, so they can call owners directly.
 */
@ApplicationPath("/")
public class RioIngressApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(IngressResource.class, AdminResource.class, ClusterResource.class, OpenApiResource.class,
                AdminGuard.class,
                JsonErrorMappers.WebApplicationErrors.class, JsonErrorMappers.UnexpectedErrors.class);
    }
}
