package io.rio.core.model;

import java.util.Set;

/**
 * Who may reach a handler through the ingress. Calls and sends from other handlers inside Rio are never checked:
 * they are code of the same application.
 *
 * @param ingressPrivate only other handlers may call it ({@code @IngressPrivate})
 * @param denyAll        no ingress caller may call it ({@code @DenyAll}, or {@code @RolesAllowed({})})
 * @param rolesAllowed   an ingress caller needs one of these roles ({@code @RolesAllowed}); empty: anyone may
 */
public record HandlerAccess(boolean ingressPrivate, boolean denyAll, Set<String> rolesAllowed) {
    /** Anyone may call it. */
    public static final HandlerAccess PUBLIC = new HandlerAccess(false, false, Set.of());

    public HandlerAccess {
        rolesAllowed = rolesAllowed == null ? Set.of() : Set.copyOf(rolesAllowed);
    }

    /** Whether an ingress caller must be authenticated and hold a role. */
    public boolean needsRole() {
        return !rolesAllowed.isEmpty();
    }
}
