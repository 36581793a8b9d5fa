package io.rio.ingress.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.bind.JsonbBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void errorShapeIsCodeAndMessage() {
        assertEquals("{\"code\":404,\"message\":\"not here\"}", Json.error(404, "not here"));
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        String nasty = "a \"quoted\" \\ path\nline\ttab\u0001\u2028 \u00e9";
        assertEquals("\"a \\\"quoted\\\" \\\\ path\\nline\\ttab\\u0001\\u2028 \u00e9\"", Json.quote(nasty));
        // A real JSON parser reads back exactly the original text.
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = JsonbBuilder.create().fromJson(Json.error(500, nasty), Map.class);
        assertEquals(nasty, parsed.get("message"));
        assertEquals("null", Json.quote(null));
    }

    @Test
    void sendReceiptShape() {
        assertEquals("{\"invocationId\":\"inv-1\",\"status\":\"Accepted\"}", Json.sendReceipt("inv-1", "Accepted"));
    }
}
