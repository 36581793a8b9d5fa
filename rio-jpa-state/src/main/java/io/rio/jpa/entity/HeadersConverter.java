package io.rio.jpa.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Map;

/** Stores request headers as one JSON object text (see {@link StringMapCodec}); an empty map as {@code null}. */
@Converter
public class HeadersConverter implements AttributeConverter<Map<String, String>, String> {

    @Override
    public String convertToDatabaseColumn(Map<String, String> headers) {
        return headers == null || headers.isEmpty() ? null : StringMapCodec.encode(headers);
    }

    @Override
    public Map<String, String> convertToEntityAttribute(String text) {
        return text == null || text.isEmpty() ? Map.of() : StringMapCodec.decode(text);
    }
}
