package io.rio.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The MicroProfile Health readiness check {@code rio}: DOWN until the schema is migrated and the engine
 * has started. Its data says which step is missing, the node id and, after a failed start, why.
 */
@Readiness
@ApplicationScoped
public class RioReadinessCheck implements HealthCheck {

    @Inject
    RioRuntime runtime;

    @Override
    public HealthCheckResponse call() {
        boolean migrated = runtime.migrated();
        boolean started = runtime.started();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("rio").status(migrated && started)
                .withData("migrated", migrated).withData("started", started);
        runtime.settings().ifPresent(s -> b.withData("node", s.engine().nodeId()));
        runtime.failure().ifPresent(f -> b.withData("error", f));
        return b.build();
    }
}
