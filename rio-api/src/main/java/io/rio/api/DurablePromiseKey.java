package io.rio.api;

import java.util.Objects;

/**
 * A typed name of a durable promise of a workflow.
 *
 * @param <T> the type of the promised value
 */
public final class DurablePromiseKey<T> {
    private final String name;
    private final Class<T> type;

    private DurablePromiseKey(String name, Class<T> type) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
    }

    public static <T> DurablePromiseKey<T> of(String name, Class<T> type) {
        return new DurablePromiseKey<>(name, type);
    }

    public String name() {
        return name;
    }

    public Class<T> type() {
        return type;
    }
}
