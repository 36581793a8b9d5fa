package io.rio.core.internal;

import io.rio.api.Client;
import io.rio.api.Context;
import io.rio.api.DurableFuture;
import io.rio.api.HandlerRef;
import io.rio.core.model.HandlerDefinition;
import java.io.Serializable;
import java.time.Duration;

/** A {@link Client} of one target bean (and key), resolving method references to handlers. */
final class TypedClient<B> implements Client<B> {
    private final InvocationContext ctx;
    private final Class<B> beanClass;
    private final String key;

    TypedClient(InvocationContext ctx, Class<B> beanClass, String key) {
        this.ctx = ctx;
        this.beanClass = beanClass;
        this.key = key;
    }

    @Override
    public <C extends Context, R> DurableFuture<R> call(HandlerRef.NoInput<B, C, R> handler) {
        return ctx.call(target(handler), key, null);
    }

    @Override
    public <C extends Context, I, R> DurableFuture<R> call(HandlerRef.WithInput<B, C, I, R> handler, I input) {
        return ctx.call(target(handler), key, input);
    }

    @Override
    public <C extends Context> String send(HandlerRef.NoInputVoid<B, C> handler, Duration delay) {
        return ctx.send(target(handler), key, null, delay);
    }

    @Override
    public <C extends Context, I> String send(HandlerRef.WithInputVoid<B, C, I> handler, I input, Duration delay) {
        return ctx.send(target(handler), key, input, delay);
    }

    private HandlerDefinition target(Serializable ref) {
        HandlerDefinition h = ctx.hooks().refs().resolve(beanClass, ref);
        if (h.keyed() != (key != null)) {
            throw new IllegalArgumentException(h.service() + "/" + h.name() + (h.keyed()
                    ? " belongs to a keyed object or workflow: use ctx.object(...) or ctx.workflow(...) with a key"
                    : " belongs to a service: use ctx.service(...)"));
        }
        return h;
    }
}
