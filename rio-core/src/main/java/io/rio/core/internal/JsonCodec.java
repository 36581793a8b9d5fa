package io.rio.core.internal;

import io.rio.api.TerminalException;
import io.rio.core.Limits;
import io.rio.core.model.Serde;
import java.lang.reflect.Type;

/** The engine's view of the {@link Serde}: failures become errors that say what was being read. */
public final class JsonCodec {
    private final Serde serde;
    private final Limits limits;

    public JsonCodec(Serde serde) {
        this(serde, Limits.DEFAULT);
    }

    public JsonCodec(Serde serde, Limits limits) {
        this.serde = serde;
        this.limits = limits;
    }

    public Limits limits() {
        return limits;
    }

    /** The JSON of a state value, at most {@link Limits#stateValueBytes()}. */
    public String writeState(Object value, Type type, String what) {
        return bounded(write(value, type), limits.stateValueBytes(), what, Limits.STATE_VALUE_KEY);
    }

    /** The JSON of a journal entry (step result, output, outgoing input), at most {@link Limits#journalEntryBytes()}. */
    public String writeEntry(Object value, Type type, String what) {
        return bounded(write(value, type), limits.journalEntryBytes(), what, Limits.JOURNAL_ENTRY_KEY);
    }

    /** The JSON an awakeable or promise is completed with, at most {@link Limits#payloadBytes()}. */
    public String writePayload(Object value, Type type, String what) {
        return checkPayload(write(value, type), what);
    }

    /** {@code json} if it fits {@link Limits#payloadBytes()}. */
    public String checkPayload(String json, String what) {
        return bounded(json, limits.payloadBytes(), what, Limits.PAYLOAD_KEY);
    }

    /**
     * {@code json} unchanged if it takes at most {@code max} bytes in UTF-8.
     *
     * @throws TerminalException 413 naming what, its size, the bound and its setting
     */
    static String bounded(String json, int max, String what, String key) {
        long size = Limits.utf8LengthOver(json, max);
        if (size >= 0) {
            throw new TerminalException(413, what + " takes " + size + " bytes of JSON, over the limit of " + max
                    + " bytes (setting " + key + ")");
        }
        return json;
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
