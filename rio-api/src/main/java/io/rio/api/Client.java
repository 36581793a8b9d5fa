package io.rio.api;

import java.time.Duration;

/**
 * A typed client of one service, object key or workflow key, obtained from {@link Context#service(Class)},
 * {@link Context#object(Class, String)} or {@link Context#workflow(Class, String)}. Calls and sends are
 * durable: they are journaled, committed with the caller's attempt, and delivered exactly once.
 *
 * @param <B> the target bean class
 */
public interface Client<B> {

    /** Calls a handler without input; await the future for its result. */
    <C extends Context, R> DurableFuture<R> call(HandlerRef.NoInput<B, C, R> handler);

    /** Calls a handler with {@code input}; await the future for its result. */
    <C extends Context, I, R> DurableFuture<R> call(HandlerRef.WithInput<B, C, I, R> handler, I input);

    /** Sends to a handler without input, one-way, after {@code delay} (zero for now). */
    <C extends Context> String send(HandlerRef.NoInputVoid<B, C> handler, Duration delay);

    /** Sends {@code input} to a handler, one-way, after {@code delay} (zero for now); returns its invocation id. */
    <C extends Context, I> String send(HandlerRef.WithInputVoid<B, C, I> handler, I input, Duration delay);
}
