package io.rio.api;

import java.util.Objects;

/**
 * A typed name of a state entry of a virtual object or workflow.
 *
 * @param <T> the type of the value, serialized as JSON
 */
public final class StateKey<T> {
    private final String name;
    private final Class<T> type;

    private StateKey(String name, Class<T> type) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A state key needs a non-blank name");
        }
        this.name = name;
        this.type = Objects.requireNonNull(type, "type");
    }

    public static <T> StateKey<T> of(String name, Class<T> type) {
        return new StateKey<>(name, type);
    }

    public String name() {
        return name;
    }

    public Class<T> type() {
        return type;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StateKey<?> other && other.name.equals(name) && other.type.equals(type);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return "StateKey[" + name + ": " + type.getSimpleName() + "]";
    }
}
