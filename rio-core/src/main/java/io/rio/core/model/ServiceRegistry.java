package io.rio.core.model;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** All services of a deployment by durable name. Immutable. */
public final class ServiceRegistry {
    private final Map<String, ServiceDefinition> services;

    public ServiceRegistry(Collection<ServiceDefinition> definitions) {
        Map<String, ServiceDefinition> byName = new LinkedHashMap<>();
        for (ServiceDefinition d : definitions) {
            if (byName.putIfAbsent(d.name(), d) != null) {
                throw new IllegalArgumentException("Two services are named '" + d.name() + "'");
            }
        }
        this.services = Map.copyOf(byName);
    }

    public Optional<ServiceDefinition> service(String name) {
        return Optional.ofNullable(services.get(name));
    }

    public Collection<ServiceDefinition> services() {
        return services.values();
    }
}
