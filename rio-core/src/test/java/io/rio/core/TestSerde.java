package io.rio.core;

import io.rio.core.model.Serde;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.lang.reflect.Type;

/** JSON-B (Yasson) serde for the engine tests. */
final class TestSerde implements Serde {
    private final Jsonb jsonb = JsonbBuilder.create();

    @Override
    public String toJson(Object value, Type type) {
        return jsonb.toJson(value, type);
    }

    @Override
    public Object fromJson(String json, Type type) {
        try {
            return jsonb.fromJson(json, type);
        } catch (RuntimeException e) {
            throw new SerdeException(e.getMessage(), e);
        }
    }
}
