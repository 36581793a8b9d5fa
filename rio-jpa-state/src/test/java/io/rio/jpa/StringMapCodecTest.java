package io.rio.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rio.jpa.entity.StringMapCodec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StringMapCodecTest {

    @Test
    void roundTripsAwkwardText() {
        Map<String, String> headers = Map.of("a", "quote\" backslash\\ newline\n tab\t ctl\u0001 unicode é✓",
                "b", "", "", "empty name");
        String json = StringMapCodec.encode(headers);
        assertEquals(headers, StringMapCodec.decode(json));
        assertEquals("{\"\":\"empty name\",\"a\":\"x\"}", StringMapCodec.encode(Map.of("a", "x", "", "empty name")));
    }

    @Test
    void readsWhitespaceAndEscapesOfOtherWriters() {
        assertEquals(Map.of("k", "v/é"), StringMapCodec.decode(" { \"k\" : \"v\\/\\u00e9\" } "));
        assertEquals(Map.of(), StringMapCodec.decode("{}"));
    }

    @Test
    void rejectsMalformedText() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StringMapCodec.decode("{\"k\":1}"));
        assertEquals(true, e.getMessage().contains("position 5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StringMapCodec.decode("{\"k\":\"v\"} x"));
        assertThrows(IllegalArgumentException.class, () -> StringMapCodec.decode("{\"k\":\"v"));
    }
}
