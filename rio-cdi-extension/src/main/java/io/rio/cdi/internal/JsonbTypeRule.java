package io.rio.cdi.internal;

import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.json.bind.annotation.JsonbTransient;
import java.io.Closeable;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.time.temporal.Temporal;
import java.util.Calendar;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.stream.BaseStream;

/**
 * The deploy-time check that a handler's input or output type can be written to JSON and read back by
 * JSON-B. The rule, applied recursively:
 * <ul>
 * <li>Accepted as is: primitives and their wrappers, {@code String}, {@code BigDecimal}, {@code BigInteger},
 * enums, {@code java.time} types, {@code Date}, {@code Calendar}, {@code TimeZone}, {@code UUID},
 * {@code URI}, {@code URL}, {@code OptionalInt/Long/Double} and {@code jakarta.json.JsonValue} types.</li>
 * <li>Checked through their type arguments: {@code Optional<T>}, arrays, and {@code Collection}/{@code Map}
 * types (interfaces such as {@code List<T>} are fine: JSON-B picks an implementation). Raw collections
 * are rejected because their elements would be read as untyped maps.</li>
 * <li>Records: each component is checked.</li>
 * <li>Other classes must be concrete, not a non-static inner class, and have a public or protected no-arg
 * constructor or a {@code @JsonbCreator}; their public fields and getters (not {@code @JsonbTransient})
 * are checked.</li>
 * <li>Rejected: {@code java.lang.Object}, other interfaces, abstract classes, type variables,
 * {@code Class}, {@code Thread}, {@code ClassLoader}, streams (I/O and {@code java.util.stream}),
 * {@code Future}s, and anything {@link AutoCloseable}.</li>
 * </ul>
 *
 * <p>Thread safety: stateless.
 */
public final class JsonbTypeRule {

    private static final List<Class<?>> SCALARS = List.of(String.class, Character.class, Boolean.class,
            Number.class, Temporal.class, java.time.Duration.class, java.time.Period.class, java.time.ZoneId.class,
            Date.class, Calendar.class, TimeZone.class, UUID.class, URI.class, URL.class, OptionalInt.class,
            OptionalLong.class, OptionalDouble.class, JsonValue.class);

    private static final List<Class<?>> FORBIDDEN = List.of(Class.class, Thread.class, ThreadGroup.class,
            ClassLoader.class, BaseStream.class, Future.class, java.util.concurrent.CompletionStage.class,
            AutoCloseable.class, Closeable.class, java.io.InputStream.class, java.io.OutputStream.class,
            java.io.Reader.class, java.io.Writer.class, java.lang.reflect.Member.class);

    private JsonbTypeRule() {
    }

    /** Why {@code type} cannot be handled by JSON-B, or empty if it can. */
    public static Optional<String> problem(Type type) {
        return check(type, new HashSet<>());
    }

    private static Optional<String> check(Type type, Set<Type> visiting) {
        if (!visiting.add(type)) {
            return Optional.empty(); // a recursive structure; its members are being checked already
        }
        try {
            return checkOnce(type, visiting);
        } finally {
            visiting.remove(type);
        }
    }

    private static Optional<String> checkOnce(Type type, Set<Type> visiting) {
        if (type instanceof TypeVariable<?> v) {
            return Optional.of("the type variable " + v.getName() + " is not known at deployment");
        }
        if (type instanceof WildcardType w) {
            return w.getLowerBounds().length > 0 ? Optional.of("a wildcard with a lower bound has no readable type")
                    : check(w.getUpperBounds()[0], visiting);
        }
        if (type instanceof GenericArrayType a) {
            return check(a.getGenericComponentType(), visiting);
        }
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Optional<String> own = checkContainerOrClass(raw, true, visiting);
            if (own.isPresent() || !isContainer(raw)) {
                return own;
            }
            for (Type arg : p.getActualTypeArguments()) {
                Optional<String> argProblem = check(arg, visiting);
                if (argProblem.isPresent()) {
                    return Optional.of("its type argument " + arg.getTypeName() + " is not usable: " + argProblem.get());
                }
            }
            return Optional.empty();
        }
        return checkContainerOrClass((Class<?>) type, false, visiting);
    }

    private static boolean isContainer(Class<?> raw) {
        return Collection.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw) || raw == Optional.class;
    }

    private static Optional<String> checkContainerOrClass(Class<?> c, boolean parameterized, Set<Type> visiting) {
        if (c.isPrimitive() || c.isEnum() || SCALARS.stream().anyMatch(s -> s.isAssignableFrom(c))) {
            return Optional.empty();
        }
        if (c == Object.class) {
            return Optional.of("java.lang.Object says nothing about the JSON shape");
        }
        for (Class<?> f : FORBIDDEN) {
            if (f.isAssignableFrom(c)) {
                return Optional.of(f.getName() + " is not data");
            }
        }
        if (c.isArray()) {
            return check(c.getComponentType(), visiting);
        }
        if (isContainer(c)) {
            return parameterized ? Optional.empty()
                    : Optional.of("the raw type " + c.getSimpleName() + " does not say its element type; declare it,"
                            + " e.g. " + c.getSimpleName() + "<String>");
        }
        if (c.isInterface()) {
            return Optional.of("JSON-B cannot create an instance of the interface " + c.getName());
        }
        if (Modifier.isAbstract(c.getModifiers())) {
            return Optional.of("JSON-B cannot create an instance of the abstract class " + c.getName());
        }
        if (c.isRecord()) {
            for (RecordComponent rc : c.getRecordComponents()) {
                Optional<String> p = member(c, rc.getName(), rc.getGenericType(), visiting);
                if (p.isPresent()) {
                    return p;
                }
            }
            return Optional.empty();
        }
        if (c.isMemberClass() && !Modifier.isStatic(c.getModifiers())) {
            return Optional.of(c.getName() + " is a non-static inner class; make it static");
        }
        if (!hasCreator(c)) {
            return Optional.of(c.getName() + " has no public or protected no-arg constructor and no @JsonbCreator");
        }
        return checkProperties(c, visiting);
    }

    private static boolean hasCreator(Class<?> c) {
        for (Constructor<?> k : c.getDeclaredConstructors()) {
            int mod = k.getModifiers();
            if (k.isAnnotationPresent(JsonbCreator.class)
                    || (k.getParameterCount() == 0 && (Modifier.isPublic(mod) || Modifier.isProtected(mod)))) {
                return true;
            }
        }
        for (Method m : c.getDeclaredMethods()) {
            if (Modifier.isStatic(m.getModifiers()) && m.isAnnotationPresent(JsonbCreator.class)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> checkProperties(Class<?> c, Set<Type> visiting) {
        for (Field f : c.getFields()) {
            if (!Modifier.isStatic(f.getModifiers()) && !Modifier.isTransient(f.getModifiers())
                    && !f.isAnnotationPresent(JsonbTransient.class)) {
                Optional<String> p = member(c, f.getName(), f.getGenericType(), visiting);
                if (p.isPresent()) {
                    return p;
                }
            }
        }
        for (Method m : c.getMethods()) {
            if (isGetter(m) && !m.isAnnotationPresent(JsonbTransient.class) && !transientField(c, m)) {
                Optional<String> p = member(c, m.getName(), m.getGenericReturnType(), visiting);
                if (p.isPresent()) {
                    return p;
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isGetter(Method m) {
        String n = m.getName();
        return !Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 0 && m.getDeclaringClass() != Object.class
                && m.getReturnType() != void.class
                && ((n.startsWith("get") && n.length() > 3) || (n.startsWith("is") && n.length() > 2));
    }

    private static boolean transientField(Class<?> c, Method getter) {
        String n = getter.getName();
        String prop = n.startsWith("get") ? n.substring(3) : n.substring(2);
        prop = Character.toLowerCase(prop.charAt(0)) + prop.substring(1);
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            try {
                Field f = k.getDeclaredField(prop);
                return f.isAnnotationPresent(JsonbTransient.class) || Modifier.isTransient(f.getModifiers());
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        return false;
    }

    private static Optional<String> member(Class<?> owner, String name, Type type, Set<Type> visiting) {
        return check(type, visiting).map(p -> "its property " + owner.getSimpleName() + "." + name + " ("
                + type.getTypeName() + ") is not usable: " + p);
    }
}
