package io.rio.ingress.internal;

import io.rio.core.model.HandlerDefinition;
import io.rio.core.model.HandlerKind;
import io.rio.core.model.Serde;
import io.rio.core.model.ServiceDefinition;
import io.rio.core.model.ServiceKind;
import io.rio.core.model.ServiceRegistry;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small registry (Greeter service, Counter object, Signup workflow) and a Yasson-backed Serde. */
final class TestServices {

    /** A workflow input type. */
    public static class Person {
        public String name;
        public int age;
    }

    static final Serde SERDE = new Serde() {
        private final Jsonb jsonb = JsonbBuilder.create();

        @Override
        public String toJson(Object value, Type type) {
            return value == null ? "null" : jsonb.toJson(value, type);
        }

        @Override
        public Object fromJson(String json, Type type) {
            try {
                return jsonb.fromJson(json, type);
            } catch (RuntimeException e) {
                throw new SerdeException("cannot read " + type.getTypeName() + ": " + e.getMessage(), e);
            }
        }
    };

    static final ServiceRegistry REGISTRY = new ServiceRegistry(List.of(
            service("Greeter", ServiceKind.SERVICE,
                    handler("Greeter", "greet", HandlerKind.STATELESS, String.class, String.class),
                    handler("Greeter", "ping", HandlerKind.STATELESS, null, null)),
            service("Counter", ServiceKind.VIRTUAL_OBJECT,
                    handler("Counter", "add", HandlerKind.EXCLUSIVE, long.class, long.class),
                    handler("Counter", "get", HandlerKind.SHARED, null, long.class),
                    handler("Counter", "reset", HandlerKind.EXCLUSIVE, null, null)),
            service("Signup", ServiceKind.WORKFLOW,
                    handler("Signup", "run", HandlerKind.WORKFLOW_RUN, Person.class, String.class))));

    private TestServices() {
    }

    static HandlerDefinition handler(String service, String name, HandlerKind kind, Type in, Type out) {
        return new HandlerDefinition(service, name, kind, in, out, (ctx, input) -> null, service + "#" + name);
    }

    static ServiceDefinition service(String name, ServiceKind kind, HandlerDefinition... handlers) {
        Map<String, HandlerDefinition> byName = new LinkedHashMap<>();
        for (HandlerDefinition h : handlers) {
            byName.put(h.name(), h);
        }
        return new ServiceDefinition(name, kind, Object.class, byName);
    }
}
