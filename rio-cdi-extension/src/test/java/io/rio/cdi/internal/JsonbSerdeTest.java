package io.rio.cdi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rio.core.model.Serde.SerdeException;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class JsonbSerdeTest {

    public record Order(String item, int quantity, List<String> notes) {
    }

    private static final JsonbSerde SERDE = new JsonbSerde();

    @AfterAll
    static void close() throws Exception {
        SERDE.close();
    }

    @Test
    void topLevelScalars() {
        assertEquals("Ann", SERDE.fromJson("\"Ann\"", String.class));
        assertEquals("\"Ann\"", SERDE.toJson("Ann", String.class));
        assertEquals(1, SERDE.fromJson("1", Integer.class));
        assertEquals(7L, SERDE.fromJson("7", long.class));
        assertEquals("7", SERDE.toJson(7L, long.class));
        assertEquals(true, SERDE.fromJson("true", boolean.class));
        assertEquals("true", SERDE.toJson(true, Boolean.class));
    }

    @Test
    void nulls() {
        assertEquals("null", SERDE.toJson(null, String.class));
        assertNull(SERDE.fromJson("null", String.class));
        SerdeException e = assertThrows(SerdeException.class, () -> SERDE.fromJson("null", long.class));
        assertTrue(e.getMessage().contains("long"), e.getMessage());
    }

    @Test
    void recordsAndGenerics() throws Exception {
        Order order = new Order("tea", 2, List.of("green"));
        String json = SERDE.toJson(order, Order.class);
        assertEquals(order, SERDE.fromJson(json, Order.class));
        Type listOfOrders = JsonbSerdeTest.class.getDeclaredMethod("orders").getGenericReturnType();
        assertEquals(List.of(order), SERDE.fromJson("[" + json + "]", listOfOrders));
        assertEquals(Map.of("a", 1), SERDE.fromJson("{\"a\":1}",
                JsonbSerdeTest.class.getDeclaredMethod("counts").getGenericReturnType()));
    }

    @Test
    void malformedJsonNamesTheExpectedType() {
        SerdeException e = assertThrows(SerdeException.class, () -> SERDE.fromJson("{\"item\":", Order.class));
        assertTrue(e.getMessage().contains("as JSON of type " + Order.class.getName()), e.getMessage());
    }

    @Test
    void wrongTypeNamesTheExpectedType() {
        SerdeException e = assertThrows(SerdeException.class, () -> SERDE.fromJson("\"many\"", Integer.class));
        assertTrue(e.getMessage().contains("Cannot read \"many\" as JSON of type java.lang.Integer"), e.getMessage());
        SerdeException empty = assertThrows(SerdeException.class, () -> SERDE.fromJson(" ", Integer.class));
        assertTrue(empty.getMessage().contains("java.lang.Integer"), empty.getMessage());
    }

    @Test
    void oneInstanceServesManyThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Order>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                results.add(pool.submit(() -> (Order) SERDE.fromJson(
                        SERDE.toJson(new Order("x" + n, n, List.of()), Order.class), Order.class)));
            }
            for (int i = 0; i < 200; i++) {
                assertEquals(i, results.get(i).get().quantity());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    List<Order> orders() {
        return List.of();
    }

    Map<String, Integer> counts() {
        return Map.of();
    }
}
