package io.rio.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rio.core.model.HandlerKind;
import io.rio.core.model.ServiceKind;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The authenticated caller of the first invocation (x-rio-caller) goes with its calls; other headers do not. */
class CallerHeaderTest {
    private final EngineFixture fx = new EngineFixture();

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    @Test
    void aCalleeSeesWhoStartedTheChainAndNoOtherHeaderOfTheCaller() throws Exception {
        fx.handler("Inner", ServiceKind.SERVICE, Inner.class, "who", HandlerKind.STATELESS, null, String.class,
                (ctx, in) -> new java.util.TreeMap<>(ctx.headers()).toString(), null);
        fx.handler("Outer", ServiceKind.SERVICE, "ask", HandlerKind.STATELESS, null, String.class,
                (ctx, in) -> callInner(ctx));
        RioEngine engine = fx.engine("n1");
        InvocationRequest request = new InvocationRequest(fx.target(engine, "Outer", "ask"), null, null, null,
                Map.of("x-rio-caller", "ann", "x-trace", "t1"), null, null);
        InvocationOutcome out = engine.call(request).get(20, TimeUnit.SECONDS);
        assertEquals("\"{x-rio-caller=ann}\"", out.outputJson(), out.errorMessage());
    }

    private static String callInner(io.rio.api.Context ctx) {
        return ctx.service(Inner.class).call(Inner::who).await();
    }

    /** The bean type of the typed client; the fixture registers its handler under the name "Inner". */
    public static class Inner {
        public String who(io.rio.api.Context ctx) {
            return null;
        }
    }
}
