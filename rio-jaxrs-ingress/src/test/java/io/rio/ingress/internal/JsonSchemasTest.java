package io.rio.ingress.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbTransient;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The JSON schemas of Java types follow JSON-B's default mapping. */
class JsonSchemasTest {

    enum Color { RED, GREEN }

    record Point(int x, long y, @JsonbProperty("label") String name, Optional<Color> color) {
    }

    /** A bean: public fields and getters, a renamed one, a transient one, a recursive one. */
    public static class Node {
        public String id;
        public transient String cache;
        public List<Node> children;
        private Instant at;
        private boolean leaf;

        public Instant getAt() {
            return at;
        }

        public boolean isLeaf() {
            return leaf;
        }

        @JsonbTransient
        public String getSecret() {
            return "s";
        }

        @JsonbProperty("size")
        public int getCount() {
            return 0;
        }

        public static int getStatic() {
            return 1;
        }
    }

    private static Type typeOf(String field) throws NoSuchFieldException {
        return Holder.class.getDeclaredField(field).getGenericType();
    }

    @SuppressWarnings("unused")
    private static final class Holder {
        List<String> words;
        Map<String, Long> totals;
        int[] numbers;
        Optional<Double> maybe;
    }

    @Test
    void scalarsAndContainers() throws Exception {
        JsonSchemas s = new JsonSchemas();
        assertEquals("{\"type\":\"string\"}", s.schema(String.class).toString());
        assertEquals("{\"type\":\"integer\",\"format\":\"int64\"}", s.schema(long.class).toString());
        assertEquals("{\"type\":\"boolean\"}", s.schema(Boolean.class).toString());
        assertEquals("{\"type\":\"string\",\"format\":\"date-time\"}", s.schema(Instant.class).toString());
        assertEquals("{\"type\":\"array\",\"items\":{\"type\":\"string\"}}", s.schema(typeOf("words")).toString());
        assertEquals("{\"type\":\"object\",\"additionalProperties\":{\"type\":\"integer\",\"format\":\"int64\"}}",
                s.schema(typeOf("totals")).toString());
        assertEquals("{\"type\":\"array\",\"items\":{\"type\":\"integer\",\"format\":\"int32\"}}",
                s.schema(typeOf("numbers")).toString());
        assertEquals("{\"type\":\"number\",\"format\":\"double\",\"nullable\":true}", s.schema(typeOf("maybe")).toString());
        assertEquals("{}", s.schema(Object.class).toString(), "any JSON value");
        assertEquals("{\"type\":\"string\",\"enum\":[\"RED\",\"GREEN\"]}", s.schema(Color.class).toString());
        assertEquals(Map.of(), s.components());
    }

    @Test
    void recordsAndBeansBecomeNamedComponentsByTheirJsonProperties() {
        JsonSchemas s = new JsonSchemas();
        assertEquals("{\"$ref\":\"#/components/schemas/Point\"}", s.schema(Point.class).toString());
        assertEquals("{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"integer\",\"format\":\"int32\"},"
                + "\"y\":{\"type\":\"integer\",\"format\":\"int64\"},\"label\":{\"type\":\"string\"},"
                + "\"color\":{\"type\":\"string\",\"enum\":[\"RED\",\"GREEN\"],\"nullable\":true}}}",
                s.components().get("Point").toString());

        assertEquals("{\"$ref\":\"#/components/schemas/Node\"}", s.schema(Node.class).toString());
        var node = s.components().get("Node").getJsonObject("properties");
        assertEquals(List.of("at", "children", "id", "leaf", "size"), node.keySet().stream().sorted().toList());
        assertEquals("{\"type\":\"array\",\"items\":{\"$ref\":\"#/components/schemas/Node\"}}",
                node.getJsonObject("children").toString(), "recursion ends in a reference");
    }
}
