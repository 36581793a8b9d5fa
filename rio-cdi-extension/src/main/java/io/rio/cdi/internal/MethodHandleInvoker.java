package io.rio.cdi.internal;

import io.rio.api.Context;
import io.rio.api.TerminalException;
import io.rio.core.model.HandlerInvoker;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Calls a handler method through a {@link MethodHandle} that is bound to the bean instance once, on the
 * first call. The handler's own exceptions surface unchanged (no reflective wrapping).
 *
 * <p>Thread safety: thread-safe; the bean instance is resolved at most once.
 *
 * <p>Error handling: a {@code null} input for a primitive parameter is a {@link TerminalException} with
 * code 400; a context of the wrong kind is a {@link ClassCastException} (an engine bug).
 */
public final class MethodHandleInvoker implements HandlerInvoker {

    private static final MethodType GENERIC = MethodType.methodType(Object.class, Context.class, Object.class);

    private final Method method;
    private final MethodHandle unbound;
    private final Supplier<Object> instance;
    private final boolean primitiveInput;
    private volatile MethodHandle bound;

    /**
     * @param method   a public instance handler method taking a context and at most one input
     * @param instance supplies the bean instance (a CDI contextual reference); called once, lazily
     */
    public MethodHandleInvoker(Method method, Supplier<Object> instance) {
        this.method = Objects.requireNonNull(method, "method");
        this.instance = Objects.requireNonNull(instance, "instance");
        MethodHandle mh = unreflect(method);
        if (method.getParameterCount() == 1) {
            mh = MethodHandles.dropArguments(mh, 2, Object.class);
        }
        // (Bean, Ctx, In)R -> (Object, Context, Object)Object
        this.unbound = mh.asType(GENERIC.insertParameterTypes(0, Object.class));
        this.primitiveInput = method.getParameterCount() == 2 && method.getParameterTypes()[1].isPrimitive();
    }

    private static MethodHandle unreflect(Method method) {
        try {
            return MethodHandles.publicLookup().unreflect(method);
        } catch (IllegalAccessException notPublic) {
            // a public method of a package-private bean class
            try {
                method.setAccessible(true);
                return MethodHandles.lookup().unreflect(method);
            } catch (IllegalAccessException | RuntimeException e) {
                throw new IllegalArgumentException("Handler " + DeploymentMessages.describe(method)
                        + " is not accessible to Rio. Fix: make the method and its class public.", e);
            }
        }
    }

    @Override
    public Object invoke(Context ctx, Object input) throws Exception {
        if (input == null && primitiveInput) {
            throw new TerminalException(400, "Handler " + method.getName() + " needs an input of type "
                    + method.getParameterTypes()[1].getName() + ", but none was given");
        }
        try {
            return (Object) handle().invokeExact(ctx, input);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new UndeclaredThrowableException(t);
        }
    }

    private MethodHandle handle() {
        MethodHandle h = bound;
        if (h == null) {
            synchronized (this) {
                h = bound;
                if (h == null) {
                    h = unbound.bindTo(Objects.requireNonNull(instance.get(), "bean instance"));
                    bound = h;
                }
            }
        }
        return h;
    }

    @Override
    public String toString() {
        return "MethodHandleInvoker[" + DeploymentMessages.describe(method) + "]";
    }
}
