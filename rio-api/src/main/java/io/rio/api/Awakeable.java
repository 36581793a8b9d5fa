package io.rio.api;

/**
 * A durable future completed from outside the invocation: by another handler through
 * {@link Context#awakeableHandle(String)}, or over HTTP with {@code POST /restate/awakeables/{id}/resolve}
 * (a JSON body) or {@code .../reject} (a reason).
 *
 * @param <T> the type of the value it is resolved with
 */
public interface Awakeable<T> extends DurableFuture<T> {

    /** The id to hand to whoever completes it. */
    String id();
}
