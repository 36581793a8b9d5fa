package io.rio.cdi.valid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rio.api.TerminalException;
import io.rio.cdi.RioExtension;
import io.rio.cdi.testing.FakeContext;
import io.rio.cdi.testing.RioWeld;
import io.rio.core.model.HandlerDefinition;
import io.rio.core.model.HandlerKind;
import io.rio.core.model.ServiceDefinition;
import io.rio.core.model.ServiceKind;
import io.rio.core.model.ServiceRegistry;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.util.List;
import java.util.Map;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

@EnableWeld
class ValidDeploymentTest {

    @WeldSetup
    WeldInitiator weld = RioWeld.initiator(Greeter.class, Counter.class, Clock.class, Signup.class);

    @Inject
    RioExtension extension;

    private ServiceRegistry registry() {
        return extension.registry();
    }

    private HandlerDefinition handler(String service, String name) {
        return registry().service(service).orElseThrow().handler(name).orElseThrow();
    }

    @Test
    void buildsOneDefinitionPerClassWithDurableNames() {
        assertEquals(List.of("Greeter", "Signup", "counter"),
                registry().services().stream().map(ServiceDefinition::name).sorted().toList());
        ServiceDefinition counter = registry().service("counter").orElseThrow();
        assertEquals(ServiceKind.VIRTUAL_OBJECT, counter.kind());
        assertEquals(Counter.class, counter.beanClass());
        assertEquals(Map.of("add", HandlerKind.EXCLUSIVE, "current", HandlerKind.SHARED, "time", HandlerKind.SHARED),
                Map.of("add", counter.handlers().get("add").kind(), "current", counter.handlers().get("current").kind(),
                        "time", counter.handlers().get("time").kind()));
        assertEquals(3, counter.handlers().size());
        assertEquals(ServiceKind.SERVICE, registry().service("Greeter").orElseThrow().kind());
        assertEquals(ServiceKind.WORKFLOW, registry().service("Signup").orElseThrow().kind());
    }

    @Test
    void handlerKindsAndTypes() {
        HandlerDefinition greet = handler("Greeter", "greet");
        assertEquals(HandlerKind.STATELESS, greet.kind());
        assertEquals(String.class, greet.inputType());
        assertEquals(String.class, greet.outputType());
        assertTrue(greet.source().contains("Greeter#greet(Context, String)"), greet.source());

        HandlerDefinition ping = handler("Greeter", "ping");
        assertNull(ping.inputType());
        assertNull(ping.outputType());

        HandlerDefinition add = handler("counter", "add");
        assertEquals(long.class, add.inputType());
        assertEquals(long.class, add.outputType());
        assertNull(handler("counter", "current").inputType());

        HandlerDefinition run = handler("Signup", "run");
        assertEquals(HandlerKind.WORKFLOW_RUN, run.kind());
        ParameterizedType in = (ParameterizedType) run.inputType();
        assertEquals(List.class, in.getRawType());
        assertEquals(String.class, in.getActualTypeArguments()[0]);
        assertEquals(Map.class, ((ParameterizedType) run.outputType()).getRawType());
        HandlerDefinition approve = handler("Signup", "approve");
        assertEquals(HandlerKind.SHARED, approve.kind());
        assertEquals(boolean.class, approve.inputType());
        assertNull(approve.outputType());
    }

    @Test
    void invokesThroughTheBean() throws Exception {
        FakeContext ctx = new FakeContext("k1");
        assertEquals("Hello, Ann!", handler("Greeter", "greet").invoker().invoke(ctx, "Ann"));
        assertNull(handler("Greeter", "ping").invoker().invoke(ctx, null));
        assertEquals(5L, handler("counter", "add").invoker().invoke(ctx, 5L));
        assertEquals(7L, handler("counter", "add").invoker().invoke(ctx, 2L));
        assertEquals(7L, handler("counter", "current").invoker().invoke(ctx, null));
        assertEquals("noon", handler("counter", "time").invoker().invoke(ctx, null), "injected bean used");
        assertEquals(Map.of("k1", 2), handler("Signup", "run").invoker().invoke(ctx, List.of("a", "b")));
    }

    @Test
    void handlerExceptionsSurfaceUnchanged() {
        FakeContext ctx = new FakeContext("k1");
        TerminalException terminal = assertThrows(TerminalException.class,
                () -> handler("Greeter", "greet").invoker().invoke(ctx, ""));
        assertEquals(422, terminal.code());
        assertEquals("name must not be empty", terminal.getMessage());
        IOException checked = assertThrows(IOException.class, () -> handler("Greeter", "fail").invoker()
                .invoke(ctx, new Greeter.Greeting("x", List.of())));
        assertEquals("checked x", checked.getMessage());
    }

    @Test
    void nullForAPrimitiveInputIsATerminal400() {
        TerminalException e = assertThrows(TerminalException.class,
                () -> handler("counter", "add").invoker().invoke(new FakeContext("k"), null));
        assertEquals(400, e.code());
    }
}
