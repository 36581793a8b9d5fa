package io.rio.client;

import io.rio.api.Handler;
import io.rio.api.Name;
import io.rio.api.Service;
import io.rio.api.Shared;
import io.rio.api.VirtualObject;
import io.rio.api.Workflow;
import java.io.Serializable;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names the handler a method reference such as {@code Counter::add} points at, the way the server names it
 * (the class's and the method's {@link Name}, or their Java names), with the method's input and result types.
 * Read once per call site (the lambda's class) from its {@link SerializedLambda}.
 *
 * <p>Thread safety: safe for concurrent use.
 */
final class HandlerNames {

    /** The kind of component a target addresses, with the annotation that makes a class one. */
    enum Kind {
        SERVICE(Service.class, "service(%s.class)"),
        OBJECT(VirtualObject.class, "object(%s.class, key)"),
        WORKFLOW(Workflow.class, "workflow(%s.class, key)");

        final Class<? extends java.lang.annotation.Annotation> annotation;
        final String usage;

        Kind(Class<? extends java.lang.annotation.Annotation> annotation, String usage) {
            this.annotation = annotation;
            this.usage = usage;
        }
    }

    /** A resolved handler: its durable name, its input type (null without input) and result type. */
    record Resolved(String handler, Type input, Type output) {
    }

    private static final Map<Class<?>, Resolved> CACHE = new ConcurrentHashMap<>();

    private HandlerNames() {
    }

    /** The durable name of {@code beanClass}, checked to be a component of {@code kind}. */
    static String component(Class<?> beanClass, Kind kind) {
        if (!beanClass.isAnnotationPresent(kind.annotation)) {
            for (Kind other : Kind.values()) {
                if (beanClass.isAnnotationPresent(other.annotation)) {
                    throw new IllegalArgumentException(beanClass.getName() + " is a @" + other.annotation.getSimpleName()
                            + ": address it with rio." + String.format(other.usage, beanClass.getSimpleName()));
                }
            }
            throw new IllegalArgumentException(beanClass.getName() + " is not a @Service, @VirtualObject or @Workflow");
        }
        Name name = beanClass.getAnnotation(Name.class);
        return name != null ? name.value() : beanClass.getSimpleName();
    }

    /**
     * The handler {@code ref} names on {@code beanClass}.
     *
     * @throws IllegalArgumentException for a lambda instead of a method reference, or a method that is not a
     *                                  {@code @Handler} or {@code @Shared} handler of the class
     */
    static Resolved resolve(Class<?> beanClass, Serializable ref) {
        return CACHE.computeIfAbsent(ref.getClass(), c -> lookup(beanClass, ref));
    }

    private static Resolved lookup(Class<?> beanClass, Serializable ref) {
        SerializedLambda lambda = serialized(ref);
        String methodName = lambda.getImplMethodName();
        if (methodName.startsWith("lambda$")) {
            throw new IllegalArgumentException("The Rio client takes a method reference such as "
                    + beanClass.getSimpleName() + "::handlerName, not a lambda");
        }
        for (Class<?> c = beanClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(methodName) && descriptor(m).equals(lambda.getImplMethodSignature())) {
                    return handler(beanClass, m);
                }
            }
        }
        throw new IllegalArgumentException(beanClass.getName() + "::" + methodName + " is not a method of "
                + beanClass.getName());
    }

    private static Resolved handler(Class<?> beanClass, Method m) {
        if (!m.isAnnotationPresent(Handler.class) && !m.isAnnotationPresent(Shared.class)) {
            throw new IllegalArgumentException(beanClass.getName() + "::" + m.getName() + " is not a handler (annotate "
                    + "it @Handler or @Shared)");
        }
        Name name = m.getAnnotation(Name.class);
        Type[] params = m.getGenericParameterTypes();
        Type output = m.getGenericReturnType() == void.class ? Void.class : m.getGenericReturnType();
        return new Resolved(name != null ? name.value() : m.getName(), params.length > 1 ? params[1] : null, output);
    }

    private static String descriptor(Method m) {
        return MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString();
    }

    private static SerializedLambda serialized(Serializable ref) {
        try {
            Method writeReplace = ref.getClass().getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            return (SerializedLambda) writeReplace.invoke(ref);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException("The Rio client takes a method reference such as Counter::add; got "
                    + ref.getClass().getName(), e);
        }
    }
}
