package io.rio.ingress.internal;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Protects the admin API under {@code /rio/admin} by a role, with the portable JAX-RS
 * {@link SecurityContext}:
 *
 * <ul>
 * <li>{@code rio.admin.enabled=false} (MicroProfile Config; default {@code true}) turns the whole admin API off:
 * every admin route answers 404;</li>
 * <li>no authenticated caller: 401 with {@code WWW-Authenticate: Basic realm="rio"};</li>
 * <li>a caller without the role {@code rio.admin.role} (default {@code rio-admin}): 403.</li>
 * </ul>
 *
 * <p><b>Authentication is the application's.</b> Rio does not define users; the WAR declares a Jakarta
 * Security authentication mechanism and identity store, and maps the role. A minimal example with HTTP Basic
 * and an in-memory user (replace the store with a database or LDAP one in production):
 *
 * <pre>
 * &#64;ApplicationScoped
 * &#64;BasicAuthenticationMechanismDefinition(realmName = "rio")
 * &#64;DeclareRoles("rio-admin")
 * public class AdminSecurity implements IdentityStore {
 *     &#64;Override
 *     public CredentialValidationResult validate(Credential credential) {
 *         if (credential instanceof UsernamePasswordCredential c
 *                 &amp;&amp; c.compareTo("ops", System.getenv("RIO_ADMIN_PASSWORD"))) {
 *             return new CredentialValidationResult("ops", Set.of("rio-admin"));
 *         }
 *         return CredentialValidationResult.INVALID_RESULT;
 *     }
 * }
 * </pre>
 *
 * <p>On Payara, map the group to the role unless default principal-to-role mapping is on, in
 * {@code WEB-INF/glassfish-web.xml}:
 * {@code <security-role-mapping><role-name>rio-admin</role-name><group-name>rio-admin</group-name></security-role-mapping>}.
 * Then {@code curl -u ops:secret http://host/rio/admin/invocations}. The mechanism authenticates a request
 * that carries credentials even though no {@code security-constraint} covers {@code /rio/admin}; this filter
 * does the authorization.
 *
 * <p>Thread safety: immutable after construction.
 */
@Provider
@AdminSecured
@Priority(Priorities.AUTHORIZATION)
@ApplicationScoped
public class AdminGuard implements ContainerRequestFilter {
    /** Configuration key: whether the admin API is served. */
    public static final String ENABLED_KEY = "rio.admin.enabled";
    /** Configuration key: the role a caller needs. */
    public static final String ROLE_KEY = "rio.admin.role";
    public static final String DEFAULT_ROLE = "rio-admin";
    /** The challenge sent with 401. */
    public static final String CHALLENGE = "Basic realm=\"rio\"";

    @Inject
    @ConfigProperty(name = ENABLED_KEY, defaultValue = "true")
    String enabledText;

    @Inject
    @ConfigProperty(name = ROLE_KEY, defaultValue = DEFAULT_ROLE)
    String role;

    private boolean enabled;

    @PostConstruct
    void init() {
        enabled = Flags.enabled(ENABLED_KEY, enabledText);
        if (role == null || role.isBlank()) {
            throw new IllegalStateException("Invalid " + ROLE_KEY + ": it is empty; name the role admin callers"
                    + " need (default " + DEFAULT_ROLE + ")");
        }
        role = role.trim();
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!enabled) {
            request.abortWith(json(Response.status(404), 404, "The Rio admin API is turned off (" + ENABLED_KEY
                    + "=false)"));
            return;
        }
        SecurityContext security = request.getSecurityContext();
        Principal caller = security == null ? null : security.getUserPrincipal();
        if (caller == null) {
            request.abortWith(json(Response.status(401).header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE), 401,
                    "The Rio admin API needs an authenticated caller with role '" + role + "'"));
        } else if (!security.isUserInRole(role)) {
            request.abortWith(json(Response.status(403), 403, "Caller '" + caller.getName() + "' lacks role '" + role
                    + "', which the Rio admin API requires (setting " + ROLE_KEY + ")"));
        }
    }

    private static Response json(Response.ResponseBuilder builder, int status, String message) {
        return builder.entity(Json.error(status, message)).type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}
