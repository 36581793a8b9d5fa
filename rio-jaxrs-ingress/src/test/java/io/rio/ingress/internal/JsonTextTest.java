package io.rio.ingress.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.bind.JsonbBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"1", " -0.5e+3 ", "\"a\\u00e9\\n\"", "true", "null", "[]", "[1,[2,{}]]",
        "{\"a\":{\"b\":[null,false]},\"c\":\"\"}", "\n{ \"x\" : 1 }\r\n"})
    void acceptsExactlyOneValue(String text) {
        assertNull(JsonText.problem(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "1 2 ]", "1 2", "{} {}", "\"a\" x", "{not json", "[1,]", "{\"a\":1,}", "01",
        "1.", "-", ".5", "+1", "tru", "nul", "'a'", "\"a", "\"\t\"", "\"\\x\"", "{a:1}", "[1 2]", "NaN"})
    void rejectsEverythingElse(String text) {
        String problem = JsonText.problem(text);
        assertTrue(problem != null && problem.contains("(line "), text + " -> " + problem);
    }

    @Test
    void trailingContentIsNamed() {
        String problem = JsonText.problem("1 2 ]");
        assertEquals("trailing content after the JSON value: \"2 ]\"; send exactly one JSON value (line 1, column 3)",
                problem);
    }

    @Test
    void deepNestingIsRefusedWithoutStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertTrue(JsonText.problem(deep).contains("nested deeper than"));
        assertNull(JsonText.problem("[".repeat(100) + "]".repeat(100)));
    }

    @Test
    void objectMembersKeepRawValuesInOrder() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("count", "3");
        expected.put("name", "\"Ann \\\"A\\\"\"");
        expected.put("tags", "[1, {\"a\": null}]");
        assertEquals(expected, JsonText.objectMembers(" {\"count\":3, \"name\": \"Ann \\\"A\\\"\" ,"
                + "\"tags\":[1, {\"a\": null}]} "));
        assertEquals(Map.of(), JsonText.objectMembers("{}"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JsonText.objectMembers("[1]")).getMessage()
                .contains("expected a JSON object, found an array"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JsonText.objectMembers("{\"a\":1,\"a\":2}"))
                .getMessage().contains("\"a\" appears twice"));
        assertThrows(IllegalArgumentException.class, () -> JsonText.objectMembers("{\"a\":1} x"));
    }

    @Test
    void stringValueDecodesOnlyAWholeJsonString() {
        assertEquals(Optional.of("card \"declined\"\n\u00e9"),
                JsonText.stringValue(" \"card \\\"declined\\\"\\n\\u00e9\" "));
        assertEquals(Optional.empty(), JsonText.stringValue("card declined"));
        assertEquals(Optional.empty(), JsonText.stringValue("\"a\" \"b\""));
        assertEquals(Optional.empty(), JsonText.stringValue("{\"a\":1}"));
    }

    @Test
    void writerProducesJsonThatAParserReadsBack() {
        String json = new JsonWriter().beginObject().field("s", "x\"y").field("n", 3).field("none", (String) null)
                .rawField("raw", "{\"a\":[1,2]}").rawField("notJson", "1 2 ]").time("at", 1_700_000_000_000L)
                .time("never", 0).name("list").beginArray().string("a").number(2).bool(true).endArray()
                .stringMap("headers", Map.of("h", "v")).endObject().toString();
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = JsonbBuilder.create().fromJson(json, Map.class);
        assertEquals("x\"y", parsed.get("s"));
        assertEquals(Map.of("a", List.of(java.math.BigDecimal.ONE, java.math.BigDecimal.valueOf(2))),
                parsed.get("raw"));
        assertEquals("1 2 ]", parsed.get("notJson"));
        assertEquals("2023-11-14T22:13:20Z", parsed.get("at"));
        assertEquals(new java.math.BigDecimal("1700000000000"), parsed.get("atMillis"));
        assertTrue(parsed.containsKey("never") && parsed.get("never") == null && parsed.get("neverMillis") == null);
        assertEquals(3, ((List<?>) parsed.get("list")).size());
        assertEquals(Map.of("h", "v"), parsed.get("headers"));
    }
}
