package io.rio.sample.it.secured;

import io.rio.api.Handler;
import io.rio.api.IngressPrivate;
import io.rio.api.ObjectContext;
import io.rio.api.Shared;
import io.rio.api.SharedObjectContext;
import io.rio.api.StateKey;
import io.rio.api.VirtualObject;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;

/**
 * Test deployment only: a virtual object whose handlers need the role {@code clerk} unless they say otherwise
 * ({@code balance} is open to anyone, {@code burn} to no ingress caller, {@code note} only to other handlers).
 */
@VirtualObject
@RolesAllowed("clerk")
public class Till {
    static final StateKey<Long> BALANCE = StateKey.of("balance", Long.class);
    static final StateKey<String> NOTE = StateKey.of("note", String.class);

    @Handler
    public long deposit(ObjectContext ctx, long amount) {
        long next = ctx.get(BALANCE).orElse(0L) + amount;
        ctx.set(BALANCE, next);
        return next;
    }

    @Shared
    @PermitAll
    public long balance(SharedObjectContext ctx) {
        return ctx.get(BALANCE).orElse(0L);
    }

    @Shared
    @PermitAll
    public String note(SharedObjectContext ctx) {
        return ctx.get(NOTE).orElse("");
    }

    @Handler
    @DenyAll
    public void burn(ObjectContext ctx) {
        ctx.clearAll();
    }

    /** Holds the key for {@code seconds} (a durable sleep: the invocation suspends and keeps the key). */
    @Handler
    public void hold(ObjectContext ctx, int seconds) {
        ctx.sleep(java.time.Duration.ofSeconds(seconds));
    }

    /** Reachable only from other handlers: {@link Desk#leaveNote}. */
    @Handler
    @IngressPrivate
    public int write(ObjectContext ctx, String text) {
        ctx.set(NOTE, text);
        return text.length();
    }
}
