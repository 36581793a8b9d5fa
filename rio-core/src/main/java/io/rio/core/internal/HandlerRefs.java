package io.rio.core.internal;

import io.rio.core.model.HandlerDefinition;
import io.rio.core.model.ServiceDefinition;
import io.rio.core.model.ServiceRegistry;
import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves a method reference such as {@code Counter::add} to the handler it names, once per call site
 * (the lambda's class), through the reference's {@link SerializedLambda}.
 *
 * <p>Thread safety: safe for concurrent use.
 */
public final class HandlerRefs {
    private final ServiceRegistry registry;
    private final Map<Class<?>, HandlerDefinition> cache = new ConcurrentHashMap<>();

    public HandlerRefs(ServiceRegistry registry) {
        this.registry = registry;
    }

    /**
     * The handler {@code ref} points at, which must belong to {@code beanClass}.
     *
     * @throws IllegalArgumentException if it is not a method reference to a handler of a deployed bean
     */
    public HandlerDefinition resolve(Class<?> beanClass, Serializable ref) {
        return cache.computeIfAbsent(ref.getClass(), c -> lookup(beanClass, ref));
    }

    private HandlerDefinition lookup(Class<?> beanClass, Serializable ref) {
        SerializedLambda lambda = serialized(ref);
        String method = lambda.getImplMethodName();
        if (method.startsWith("lambda$")) {
            throw new IllegalArgumentException("Typed clients take a method reference such as "
                    + beanClass.getSimpleName() + "::handlerName, not a lambda");
        }
        for (ServiceDefinition service : registry.services()) {
            if (!service.beanClass().isAssignableFrom(beanClass) && !beanClass.isAssignableFrom(service.beanClass())) {
                continue;
            }
            for (HandlerDefinition h : service.handlers().values()) {
                if (h.javaMethod().equals(method)) {
                    return h;
                }
            }
        }
        throw new IllegalArgumentException(beanClass.getName() + "::" + method + " is not a handler of a deployed "
                + "@Service, @VirtualObject or @Workflow (is the method annotated @Handler or @Shared?)");
    }

    private static SerializedLambda serialized(Serializable ref) {
        try {
            Method writeReplace = ref.getClass().getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            return (SerializedLambda) writeReplace.invoke(ref);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException("Typed clients take a method reference such as Counter::add; got "
                    + ref.getClass().getName(), e);
        }
    }
}
