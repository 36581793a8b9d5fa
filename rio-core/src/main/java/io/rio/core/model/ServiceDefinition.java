package io.rio.core.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable description of a service, virtual object or workflow and its handlers.
 *
 * @param name      the durable name
 * @param kind      the kind
 * @param beanClass the CDI bean class
 * @param handlers  handler name to definition
 */
public record ServiceDefinition(String name, ServiceKind kind, Class<?> beanClass,
        Map<String, HandlerDefinition> handlers) {

    public ServiceDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        handlers = Map.copyOf(handlers);
    }

    public Optional<HandlerDefinition> handler(String handlerName) {
        return Optional.ofNullable(handlers.get(handlerName));
    }
}
