package io.rio.core.internal;

import io.rio.api.TerminalException;
import io.rio.core.model.Serde;
import java.lang.reflect.Type;

/** The engine's view of the {@link Serde}: failures become errors that say what was being read. */
public final class JsonCodec {
    private final Serde serde;

    public JsonCodec(Serde serde) {
        this.serde = serde;
    }

    public Serde serde() {
        return serde;
    }

    @SuppressWarnings("unchecked")
    public <T> T read(String json, Type type, String what) {
        if (json == null) {
            return null;
        }
        try {
            return (T) serde.fromJson(json, type);
        } catch (Serde.SerdeException e) {
            throw new TerminalException(500, "Cannot read " + what + " as " + type.getTypeName() + ": "
                    + e.getMessage());
        }
    }

    public String write(Object value, Type type) {
        if (value == null) {
            return null;
        }
        return serde.toJson(value, type);
    }

    /**
     * The invocation's input as its handler's Java type: decoded from its JSON once and kept on the invocation.
     *
     * @throws io.rio.api.TerminalException (400) when the JSON is not of the handler's input type
     */
    Object input(Invocation invocation) {
        io.rio.core.model.HandlerDefinition handler = invocation.handler();
        if (handler.inputType() == null) {
            return null;
        }
        Object parsed = invocation.input();
        String json = invocation.record().input();
        if (parsed != null || json == null) {
            return parsed;
        }
        try {
            parsed = serde().fromJson(json, handler.inputType());
        } catch (io.rio.core.model.Serde.SerdeException e) {
            throw new io.rio.api.TerminalException(400, "The input of " + handler.service() + "/" + handler.name()
                    + " is not a " + handler.inputType().getTypeName() + ": " + e.getMessage());
        }
        invocation.input(parsed);
        return parsed;
    }
}
