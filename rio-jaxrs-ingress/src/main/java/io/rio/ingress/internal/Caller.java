package io.rio.ingress.internal;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/**
 * Who sent an ingress request, as the server's security (Jakarta Security, the servlet container's login)
 * established it; Rio only asks, it never authenticates.
 */
public interface Caller {
    /** A caller the server did not authenticate. */
    Caller ANONYMOUS = new Caller() {
        @Override
        public String name() {
            return null;
        }

        @Override
        public boolean inRole(String role) {
            return false;
        }
    };

    /** The authenticated caller's name, or {@code null} if the caller is anonymous. */
    String name();

    /** Whether the authenticated caller holds {@code role}; {@code false} for an anonymous caller. */
    boolean inRole(String role);

    /** The caller of a JAX-RS request. */
    static Caller of(SecurityContext security) {
        Principal principal = security == null ? null : security.getUserPrincipal();
        return principal == null ? ANONYMOUS : named(principal.getName(), security::isUserInRole);
    }

    /** An authenticated caller named {@code name} who holds the roles {@code inRole} accepts. */
    static Caller named(String name, java.util.function.Predicate<String> inRole) {
        return new Caller() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean inRole(String role) {
                return inRole.test(role);
            }
        };
    }
}
