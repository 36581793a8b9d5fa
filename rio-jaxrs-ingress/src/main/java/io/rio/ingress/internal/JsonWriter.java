package io.rio.ingress.internal;

import java.time.Instant;
import java.util.Map;

/**
 * Writes the JSON answers of the admin API without a JSON runtime. Commas are placed automatically; stored
 * JSON texts (inputs, outputs, state values) are embedded as JSON with {@link #raw(String)}.
 *
 * <p>Thread safety: not thread-safe; one writer per answer.
 */
final class JsonWriter {
    private final StringBuilder out = new StringBuilder();
    /** Whether the next value is the first one of its container (or follows a member name). */
    private boolean first = true;

    JsonWriter beginObject() {
        separator();
        out.append('{');
        first = true;
        return this;
    }

    JsonWriter endObject() {
        out.append('}');
        first = false;
        return this;
    }

    JsonWriter beginArray() {
        separator();
        out.append('[');
        first = true;
        return this;
    }

    JsonWriter endArray() {
        out.append(']');
        first = false;
        return this;
    }

    /** A member name; the next call writes its value. */
    JsonWriter name(String name) {
        separator();
        out.append(Json.quote(name)).append(':');
        first = true;
        return this;
    }

    JsonWriter string(String value) {
        separator();
        out.append(Json.quote(value));
        return this;
    }

    JsonWriter number(Number value) {
        separator();
        out.append(value == null ? "null" : value.toString());
        return this;
    }

    JsonWriter bool(boolean value) {
        separator();
        out.append(value);
        return this;
    }

    /**
     * Embeds stored JSON text as JSON; {@code null} is written as {@code null}, and text that is not exactly
     * one JSON value (never expected from the engine) as a JSON string, so the answer stays valid JSON.
     */
    JsonWriter raw(String json) {
        separator();
        if (json == null) {
            out.append("null");
        } else if (JsonText.isValid(json)) {
            out.append(json.strip());
        } else {
            out.append(Json.quote(json));
        }
        return this;
    }

    JsonWriter field(String name, String value) {
        return name(name).string(value);
    }

    JsonWriter field(String name, Number value) {
        return name(name).number(value);
    }

    JsonWriter rawField(String name, String json) {
        return name(name).raw(json);
    }

    /** {@code "<name>":"<ISO-8601>","<name>Millis":<epoch ms>}, both {@code null} when {@code millis <= 0}. */
    JsonWriter time(String name, long millis) {
        name(name).string(millis > 0 ? Instant.ofEpochMilli(millis).toString() : null);
        return name(name + "Millis").number(millis > 0 ? millis : null);
    }

    /** An object of string values. */
    JsonWriter stringMap(String name, Map<String, String> values) {
        name(name).beginObject();
        values.forEach(this::field);
        return endObject();
    }

    /** An object of stored JSON values. */
    JsonWriter rawMap(Map<String, String> values) {
        beginObject();
        values.forEach(this::rawField);
        return endObject();
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private void separator() {
        if (!first) {
            out.append(',');
        }
        first = false;
    }
}
