package io.rio.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The MicroProfile Health readiness check {@code rio}: DOWN until the schema is migrated, the engine has started
 * and (in a cluster) the member has joined and holds every partition it owns. Its data says which step is missing, the node id and, after a failed start, why.
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
        boolean cluster = runtime.clusterReady();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("rio").status(migrated && started && cluster)
                .withData("migrated", migrated).withData("started", started).withData("cluster", cluster);
        runtime.settings().ifPresent(s -> b.withData("node", s.engine().nodeId()));
        runtime.failure().ifPresent(f -> b.withData("error", f));
        return b.build();
    }
}
