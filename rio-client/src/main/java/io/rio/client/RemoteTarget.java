package io.rio.client;

import io.rio.api.Context;
import io.rio.api.HandlerRef;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * One service, one object key or one workflow key, addressed from outside the server through
 * {@link RioClient#service}, {@link RioClient#object} or {@link RioClient#workflow}, with the handlers' own method
 * references: {@code rio.object(Counter.class, "alice").call(Counter::add, 5L)}.
 *
 * <p>{@link #call} waits for the result; {@link #send} returns once the ingress has stored the invocation
 * ({@code 202}). With {@link #idempotencyKey} the ingress runs the handler once per key and returns the first
 * result (or names the first invocation) to every repetition; the client then also retries a request whose
 * connection broke. Without a key only {@code 429} answers are retried (Rio stores nothing for them).
 *
 * <p>Thread safety: immutable; {@link #idempotencyKey} and {@link #timeout} return new targets.
 *
 * @param <B> the handler class
 */
public final class RemoteTarget<B> {
    private final RioClient client;
    private final Class<B> beanClass;
    private final String path;
    private final String idempotencyKey;
    private final Duration timeout;

    RemoteTarget(RioClient client, Class<B> beanClass, String path, String idempotencyKey, Duration timeout) {
        this.client = client;
        this.beanClass = beanClass;
        this.path = path;
        this.idempotencyKey = idempotencyKey;
        this.timeout = timeout;
    }

    /** This target with an {@code Idempotency-Key} on every request it makes. */
    public RemoteTarget<B> idempotencyKey(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isBlank()) {
            throw new IllegalArgumentException("An idempotency key must not be blank");
        }
        return new RemoteTarget<>(client, beanClass, path, key, timeout);
    }

    /** This target with another timeout for its requests, retries on 429 included. */
    public RemoteTarget<B> timeout(Duration timeout) {
        return new RemoteTarget<>(client, beanClass, path, idempotencyKey, RioClient.positive(timeout, "timeout"));
    }

    /** Calls a handler without input and returns its result. */
    public <C extends Context, R> R call(HandlerRef.NoInput<B, C, R> handler) {
        return invoke(handler, false, null);
    }

    /** Calls a handler with {@code input} and returns its result. */
    public <C extends Context, I, R> R call(HandlerRef.WithInput<B, C, I, R> handler, I input) {
        return invoke(handler, true, input);
    }

    /** Calls a handler without input that returns nothing. */
    public <C extends Context> void call(HandlerRef.NoInputVoid<B, C> handler) {
        invoke(handler, false, null);
    }

    /** Calls a handler with {@code input} that returns nothing. */
    public <C extends Context, I> void call(HandlerRef.WithInputVoid<B, C, I> handler, I input) {
        invoke(handler, true, input);
    }

    /** Sends to a handler without input, one-way. */
    public <C extends Context, R> Sent<R> send(HandlerRef.NoInput<B, C, R> handler) {
        return dispatch(handler, false, null, Duration.ZERO);
    }

    /** Sends to a handler without input, to run after {@code delay}. */
    public <C extends Context, R> Sent<R> send(HandlerRef.NoInput<B, C, R> handler, Duration delay) {
        return dispatch(handler, false, null, delay);
    }

    /** Sends {@code input} to a handler, one-way. */
    public <C extends Context, I, R> Sent<R> send(HandlerRef.WithInput<B, C, I, R> handler, I input) {
        return dispatch(handler, true, input, Duration.ZERO);
    }

    /** Sends {@code input} to a handler, to run after {@code delay}. */
    public <C extends Context, I, R> Sent<R> send(HandlerRef.WithInput<B, C, I, R> handler, I input, Duration delay) {
        return dispatch(handler, true, input, delay);
    }

    /** Sends to a handler without input that returns nothing. */
    public <C extends Context> Sent<Void> send(HandlerRef.NoInputVoid<B, C> handler) {
        return dispatch(handler, false, null, Duration.ZERO);
    }

    /** Sends to a handler without input that returns nothing, to run after {@code delay}. */
    public <C extends Context> Sent<Void> send(HandlerRef.NoInputVoid<B, C> handler, Duration delay) {
        return dispatch(handler, false, null, delay);
    }

    /** Sends {@code input} to a handler that returns nothing. */
    public <C extends Context, I> Sent<Void> send(HandlerRef.WithInputVoid<B, C, I> handler, I input) {
        return dispatch(handler, true, input, Duration.ZERO);
    }

    /** Sends {@code input} to a handler that returns nothing, to run after {@code delay}. */
    public <C extends Context, I> Sent<Void> send(HandlerRef.WithInputVoid<B, C, I> handler, I input, Duration delay) {
        return dispatch(handler, true, input, delay);
    }

    @SuppressWarnings("unchecked")
    private <R> R invoke(Serializable ref, boolean withInput, Object input) {
        HandlerNames.Resolved h = HandlerNames.resolve(beanClass, ref);
        return (R) client.call(path + RioClient.segment(h.handler()), body(h, withInput, input), h.output(),
                idempotencyKey, timeout);
    }

    private <R> Sent<R> dispatch(Serializable ref, boolean withInput, Object input, Duration delay) {
        HandlerNames.Resolved h = HandlerNames.resolve(beanClass, ref);
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("A send's delay must not be negative, got " + delay);
        }
        String query = delay.isZero() ? "" : "?delay=" + delay;
        return client.send(path + RioClient.segment(h.handler()) + "/send" + query, body(h, withInput, input),
                h.output(), idempotencyKey, timeout);
    }

    private String body(HandlerNames.Resolved h, boolean withInput, Object input) {
        if (!withInput) {
            return null;
        }
        return client.json().toJson(input, h.input());
    }

    @Override
    public String toString() {
        return "RemoteTarget[" + path + (idempotencyKey != null ? ", idempotency key " + idempotencyKey : "") + "]";
    }
}
