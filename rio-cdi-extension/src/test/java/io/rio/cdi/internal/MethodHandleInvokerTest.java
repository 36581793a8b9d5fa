package io.rio.cdi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rio.api.Context;
import io.rio.api.ObjectContext;
import io.rio.api.TerminalException;
import io.rio.cdi.testing.FakeContext;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MethodHandleInvokerTest {

    public static class Target {
        public String echo(Context ctx, String in) {
            return ctx.invocationId() + ":" + in;
        }

        public void nothing(ObjectContext ctx) {
        }

        public int twice(Context ctx, int n) {
            return 2 * n;
        }

        public String fail(Context ctx, String kind) throws Exception {
            switch (kind) {
                case "terminal" -> throw new TerminalException(409, "conflict");
                case "checked" -> throw new java.io.IOException("io");
                default -> throw new StackOverflowError("deep");
            }
        }
    }

    /** A package-private bean class, as CDI allows. */
    static class Hidden {
        public String hi(Context ctx) {
            return "hi";
        }
    }

    private static MethodHandleInvoker invoker(Object bean, String name, Class<?>... params) throws Exception {
        return new MethodHandleInvoker(bean.getClass().getMethod(name, params), () -> bean);
    }

    @Test
    void callsWithAndWithoutInputAndVoid() throws Exception {
        Target t = new Target();
        FakeContext ctx = new FakeContext("k");
        assertEquals("inv-1:a", invoker(t, "echo", Context.class, String.class).invoke(ctx, "a"));
        assertNull(invoker(t, "nothing", ObjectContext.class).invoke(ctx, null));
        assertEquals(42, invoker(t, "twice", Context.class, int.class).invoke(ctx, 21));
        assertEquals("hi", invoker(new Hidden(), "hi", Context.class).invoke(ctx, null));
    }

    @Test
    void exceptionsAreNotWrapped() throws Exception {
        MethodHandleInvoker fail = invoker(new Target(), "fail", Context.class, String.class);
        FakeContext ctx = new FakeContext("k");
        TerminalException t = assertThrows(TerminalException.class, () -> fail.invoke(ctx, "terminal"));
        assertEquals(409, t.code());
        assertEquals("io", assertThrows(java.io.IOException.class, () -> fail.invoke(ctx, "checked")).getMessage());
        assertEquals("deep", assertThrows(StackOverflowError.class, () -> fail.invoke(ctx, "error")).getMessage());
    }

    @Test
    void resolvesTheBeanOnceAndLazily() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        Target t = new Target();
        MethodHandleInvoker echo = new MethodHandleInvoker(
                Target.class.getMethod("echo", Context.class, String.class), () -> {
                    lookups.incrementAndGet();
                    return t;
                });
        assertEquals(0, lookups.get(), "not resolved at construction");
        for (int i = 0; i < 5; i++) {
            echo.invoke(new FakeContext("k"), "x");
        }
        assertEquals(1, lookups.get());
    }

    @Test
    void wrongInputTypeIsAClassCastException() throws Exception {
        MethodHandleInvoker echo = invoker(new Target(), "echo", Context.class, String.class);
        assertThrows(ClassCastException.class, () -> echo.invoke(new FakeContext("k"), 5));
        TerminalException missing = assertThrows(TerminalException.class,
                () -> invoker(new Target(), "twice", Context.class, int.class).invoke(new FakeContext("k"), null));
        assertEquals(400, missing.code());
        assertSame(TerminalException.class, missing.getClass());
    }
}
