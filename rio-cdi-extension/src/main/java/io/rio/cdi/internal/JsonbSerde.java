package io.rio.cdi.internal;

import io.rio.core.model.Serde;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.lang.reflect.Type;
import java.util.Objects;

/**
 * A {@link Serde} backed by one JSON-B instance. Top-level scalars ({@code "Ann"}, {@code 1}, {@code true})
 * and {@code null} are read and written like any other value.
 *
 * <p>Thread safety: thread-safe (a {@link Jsonb} instance is).
 *
 * <p>Error handling: malformed JSON or JSON of another shape than the expected type raises a
 * {@link Serde.SerdeException} whose message names the expected type and the reason.
 */
public final class JsonbSerde implements Serde, AutoCloseable {

    private static final int EXCERPT = 80;

    private final Jsonb jsonb;

    /** Uses the container's default JSON-B provider. */
    public JsonbSerde() {
        this(JsonbBuilder.create());
    }

    public JsonbSerde(Jsonb jsonb) {
        this.jsonb = Objects.requireNonNull(jsonb, "jsonb");
    }

    @Override
    public String toJson(Object value, Type type) {
        if (value == null) {
            return "null";
        }
        try {
            return type == null ? jsonb.toJson(value) : jsonb.toJson(value, type);
        } catch (JsonbException e) {
            throw new SerdeException("Cannot write a " + value.getClass().getName() + " as JSON"
                    + (type == null ? "" : " of type " + type.getTypeName()) + ": " + rootMessage(e), e);
        }
    }

    @Override
    public Object fromJson(String json, Type type) {
        Objects.requireNonNull(type, "type");
        if (json == null || json.isBlank()) {
            throw new SerdeException("Expected JSON of type " + type.getTypeName() + ", got an empty body", null);
        }
        if (json.trim().equals("null")) {
            if (type instanceof Class<?> c && c.isPrimitive()) {
                throw new SerdeException("Expected JSON of type " + type.getTypeName() + ", got null", null);
            }
            return null;
        }
        try {
            return jsonb.fromJson(json, type);
        } catch (JsonbException | IllegalArgumentException | ClassCastException | jakarta.json.JsonException e) {
            throw new SerdeException("Cannot read " + excerpt(json) + " as JSON of type " + type.getTypeName() + ": "
                    + rootMessage(e), e);
        }
    }

    private static String excerpt(String json) {
        String t = json.strip();
        return t.length() <= EXCERPT ? t : t.substring(0, EXCERPT) + "...";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }

    /** Releases the JSON-B instance. */
    @Override
    public void close() {
        try {
            jsonb.close();
        } catch (Exception e) {
            throw new IllegalStateException("JSON-B did not close cleanly", e);
        }
    }
}
