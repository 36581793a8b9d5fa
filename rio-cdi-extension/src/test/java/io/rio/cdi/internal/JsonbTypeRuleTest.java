package io.rio.cdi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbTransient;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class JsonbTypeRuleTest {

    public enum Color { RED }

    public record Point(int x, int y) {
    }

    public record Tree(String name, List<Tree> children) {
    }

    public static class Pojo {
        public String name;
        private List<Point> points = new ArrayList<>();

        public List<Point> getPoints() {
            return points;
        }

        @JsonbTransient
        public Thread getWorker() {
            return null;
        }
    }

    public static class Created {
        private final String id;

        @JsonbCreator
        public Created(@JsonbProperty("id") String id) {
            this.id = id;
        }

        public String getId() {
            return id;
        }
    }

    public static class NoCreator {
        public NoCreator(String id) {
        }
    }

    public abstract static class Abstract {
    }

    public static class HoldsObject {
        public Object payload;
    }

    public class Inner {
    }

    // accepted
    String string() { return null; }
    long primitive() { return 0; }
    BigDecimal decimal() { return null; }
    Instant instant() { return null; }
    UUID uuid() { return null; }
    Color color() { return null; }
    Point record() { return null; }
    Tree recursive() { return null; }
    Pojo pojo() { return null; }
    Created creator() { return null; }
    List<Point> list() { return null; }
    Set<String> set() { return null; }
    Map<String, List<Point>> map() { return null; }
    Optional<String> optional() { return null; }
    Point[] array() { return null; }
    List<? extends Point> wildcard() { return null; }
    JsonObject json() { return null; }
    ArrayList<String> concreteList() { return null; }

    // rejected
    Object object() { return null; }
    Runnable anInterface() { return null; }
    Abstract abstractClass() { return null; }
    NoCreator noCreator() { return null; }
    @SuppressWarnings("rawtypes")
    List raw() { return null; }
    List<Object> listOfObject() { return null; }
    Class<?> clazz() { return null; }
    Thread thread() { return null; }
    InputStream stream() { return null; }
    Stream<String> javaStream() { return null; }
    Function<String, String> function() { return null; }
    java.util.concurrent.CompletableFuture<String> future() { return null; }
    HoldsObject nestedObject() { return null; }
    Inner inner() { return null; }
    <T> T typeVariable() { return null; }

    private static Type type(String method) throws NoSuchMethodException {
        Method m = JsonbTypeRuleTest.class.getDeclaredMethod(method);
        return m.getGenericReturnType();
    }

    @Test
    void accepts() throws Exception {
        for (String m : List.of("string", "primitive", "decimal", "instant", "uuid", "color", "record", "recursive",
                "pojo", "creator", "list", "set", "map", "optional", "array", "wildcard", "json", "concreteList")) {
            assertEquals(Optional.empty(), JsonbTypeRule.problem(type(m)), m);
        }
    }

    @Test
    void rejectsWithAReason() throws Exception {
        Map<String, String> expected = Map.ofEntries(
                Map.entry("object", "java.lang.Object says nothing"),
                Map.entry("anInterface", "interface java.lang.Runnable"),
                Map.entry("abstractClass", "abstract class"),
                Map.entry("noCreator", "no public or protected no-arg constructor and no @JsonbCreator"),
                Map.entry("raw", "raw type List"),
                Map.entry("listOfObject", "type argument java.lang.Object"),
                Map.entry("clazz", "java.lang.Class is not data"),
                Map.entry("thread", "java.lang.Thread is not data"),
                Map.entry("stream", "is not data"),
                Map.entry("javaStream", "java.util.stream.BaseStream is not data"),
                Map.entry("function", "interface java.util.function.Function"),
                Map.entry("future", "java.util.concurrent.Future is not data"),
                Map.entry("nestedObject", "HoldsObject.payload"),
                Map.entry("inner", "non-static inner class"),
                Map.entry("typeVariable", "type variable T"));
        expected.forEach((method, reason) -> {
            Optional<String> problem;
            try {
                problem = JsonbTypeRule.problem(type(method));
            } catch (NoSuchMethodException e) {
                throw new AssertionError(e);
            }
            assertTrue(problem.isPresent(), method + " should be rejected");
            assertTrue(problem.get().contains(reason), method + ": " + problem.get());
        });
    }
}
