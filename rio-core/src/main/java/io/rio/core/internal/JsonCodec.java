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
}
