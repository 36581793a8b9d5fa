package io.rio.api;

import java.io.Serializable;

/**
 * Method references to handlers, for typed durable calls: {@code ctx.object(Counter.class, "a").call(Counter::add, 1L)}.
 * The reference names the target handler at compile time; Rio reads the method from it once per call site.
 */
public final class HandlerRef {
    private HandlerRef() {
    }

    /** A handler without input: {@code (bean, ctx) -> result}. */
    @FunctionalInterface
    public interface NoInput<B, C extends Context, R> extends Serializable {
        R apply(B bean, C ctx) throws Exception;
    }

    /** A handler with input: {@code (bean, ctx, input) -> result}. */
    @FunctionalInterface
    public interface WithInput<B, C extends Context, I, R> extends Serializable {
        R apply(B bean, C ctx, I input) throws Exception;
    }

    /** A handler without input whose result is ignored (sends). */
    @FunctionalInterface
    public interface NoInputVoid<B, C extends Context> extends Serializable {
        void apply(B bean, C ctx) throws Exception;
    }

    /** A handler with input whose result is ignored (sends). */
    @FunctionalInterface
    public interface WithInputVoid<B, C extends Context, I> extends Serializable {
        void apply(B bean, C ctx, I input) throws Exception;
    }
}
