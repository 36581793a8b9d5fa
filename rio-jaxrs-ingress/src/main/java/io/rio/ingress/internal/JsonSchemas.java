package io.rio.ingress.internal;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbTransient;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * JSON schemas (the OpenAPI 3.0 dialect) of handler inputs and outputs, derived from their Java types the way
 * JSON-B's default mapping writes them: numbers, strings, booleans, enums by name, dates as ISO-8601 strings,
 * collections and arrays as arrays, {@code Map<String, V>} as objects, {@code Optional<T>} as a nullable
 * {@code T}, records by their components and other classes by their public fields and getters (names from
 * {@link JsonbProperty}, {@link JsonbTransient} left out). Classes become named component schemas referenced
 * with {@code $ref}, so recursive types end.
 *
 * <p>Thread safety: not thread-safe; one instance per document.
 */
final class JsonSchemas {
    private final Map<Class<?>, String> names = new HashMap<>();
    private final Map<String, JsonObject> components = new LinkedHashMap<>();

    /** The named schemas the schemas returned so far refer to. */
    Map<String, JsonObject> components() {
        return components;
    }

    /** The schema of {@code type}. */
    JsonObject schema(Type type) {
        return build(type).build();
    }

    private JsonObjectBuilder build(Type type) {
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            Type[] args = p.getActualTypeArguments();
            if (Optional.class == raw) {
                return build(args[0]).add("nullable", true);
            }
            if (Collection.class.isAssignableFrom(raw)) {
                return Json.createObjectBuilder().add("type", "array").add("items", build(args[0]));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return Json.createObjectBuilder().add("type", "object").add("additionalProperties", build(args[1]));
            }
            return build(raw);
        }
        if (type instanceof GenericArrayType a) {
            return Json.createObjectBuilder().add("type", "array").add("items", build(a.getGenericComponentType()));
        }
        if (!(type instanceof Class<?> c)) {
            return Json.createObjectBuilder(); // a type variable or wildcard: any JSON value
        }
        JsonObjectBuilder simple = simple(c);
        if (simple != null) {
            return simple;
        }
        if (c.isArray()) {
            return Json.createObjectBuilder().add("type", "array").add("items", build(c.getComponentType()));
        }
        if (c.isEnum()) {
            JsonArrayBuilder values = Json.createArrayBuilder();
            for (Object constant : c.getEnumConstants()) {
                values.add(((Enum<?>) constant).name());
            }
            return Json.createObjectBuilder().add("type", "string").add("enum", values);
        }
        if (Collection.class.isAssignableFrom(c)) {
            return Json.createObjectBuilder().add("type", "array").add("items", Json.createObjectBuilder());
        }
        if (Map.class.isAssignableFrom(c)) {
            return Json.createObjectBuilder().add("type", "object");
        }
        if (c == Object.class || c.isInterface() || c.getName().startsWith("java.") || c.getName().startsWith("jakarta.")) {
            return Json.createObjectBuilder();
        }
        return Json.createObjectBuilder().add("$ref", "#/components/schemas/" + component(c));
    }

    private static JsonObjectBuilder simple(Class<?> c) {
        if (c == String.class || c == char.class || c == Character.class) {
            return type("string", null);
        }
        if (c == boolean.class || c == Boolean.class) {
            return type("boolean", null);
        }
        if (c == int.class || c == Integer.class || c == short.class || c == Short.class || c == byte.class
                || c == Byte.class || c == OptionalInt.class) {
            return type("integer", "int32");
        }
        if (c == long.class || c == Long.class || c == OptionalLong.class) {
            return type("integer", "int64");
        }
        if (c == BigInteger.class) {
            return type("integer", null);
        }
        if (c == float.class || c == Float.class) {
            return type("number", "float");
        }
        if (c == double.class || c == Double.class || c == OptionalDouble.class) {
            return type("number", "double");
        }
        if (c == BigDecimal.class) {
            return type("number", null);
        }
        if (c == Instant.class || c == OffsetDateTime.class || c == ZonedDateTime.class || c == LocalDateTime.class
                || c == Date.class) {
            return type("string", "date-time");
        }
        if (c == LocalDate.class) {
            return type("string", "date");
        }
        if (c == LocalTime.class || c == Duration.class) {
            return type("string", null);
        }
        if (c == UUID.class) {
            return type("string", "uuid");
        }
        if (c == URI.class || c == URL.class) {
            return type("string", "uri");
        }
        return null;
    }

    private static JsonObjectBuilder type(String type, String format) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("type", type);
        return format == null ? b : b.add("format", format);
    }

    /** The component name of class {@code c}, its schema registered on first use. */
    private String component(Class<?> c) {
        String known = names.get(c);
        if (known != null) {
            return known;
        }
        String name = c.getSimpleName();
        for (int i = 2; components.containsKey(name) || names.containsValue(name); i++) {
            name = c.getSimpleName() + i;
        }
        names.put(c, name);
        JsonObjectBuilder properties = Json.createObjectBuilder();
        for (Map.Entry<String, Type> p : properties(c).entrySet()) {
            properties.add(p.getKey(), build(p.getValue()));
        }
        components.put(name, Json.createObjectBuilder().add("type", "object").add("properties", properties).build());
        return name;
    }

    /** The JSON properties of {@code c}: record components, or public fields and getters, by JSON name. */
    private static Map<String, Type> properties(Class<?> c) {
        Map<String, Type> out = new LinkedHashMap<>();
        if (c.isRecord()) {
            for (RecordComponent rc : c.getRecordComponents()) {
                // a component's annotations land on its field, accessor and constructor parameter
                Field field = declaredField(c, rc.getName());
                Method accessor = rc.getAccessor();
                if (accessor.isAnnotationPresent(JsonbTransient.class)
                        || field != null && field.isAnnotationPresent(JsonbTransient.class)) {
                    continue;
                }
                JsonbProperty property = accessor.getAnnotation(JsonbProperty.class);
                if (property == null && field != null) {
                    property = field.getAnnotation(JsonbProperty.class);
                }
                out.put(jsonName(rc.getName(), property), rc.getGenericType());
            }
            return out;
        }
        for (Field f : c.getFields()) {
            int m = f.getModifiers();
            if (!Modifier.isStatic(m) && !Modifier.isTransient(m) && !f.isAnnotationPresent(JsonbTransient.class)) {
                out.put(jsonName(f.getName(), f.getAnnotation(JsonbProperty.class)), f.getGenericType());
            }
        }
        for (Method g : c.getMethods()) {
            String property = getterProperty(g);
            if (property != null && !g.isAnnotationPresent(JsonbTransient.class)) {
                out.putIfAbsent(jsonName(property, g.getAnnotation(JsonbProperty.class)), g.getGenericReturnType());
            }
        }
        return out;
    }

    private static Field declaredField(Class<?> c, String name) {
        try {
            return c.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    private static String getterProperty(Method g) {
        if (Modifier.isStatic(g.getModifiers()) || g.getParameterCount() != 0 || g.getDeclaringClass() == Object.class
                || g.getReturnType() == void.class) {
            return null;
        }
        String n = g.getName();
        int prefix = n.startsWith("get") && n.length() > 3 ? 3
                : n.startsWith("is") && n.length() > 2 && (g.getReturnType() == boolean.class
                        || g.getReturnType() == Boolean.class) ? 2 : 0;
        if (prefix == 0) {
            return null;
        }
        return Character.toLowerCase(n.charAt(prefix)) + n.substring(prefix + 1);
    }

    private static String jsonName(String javaName, JsonbProperty property) {
        return property != null && !property.value().isEmpty() ? property.value() : javaName;
    }
}
