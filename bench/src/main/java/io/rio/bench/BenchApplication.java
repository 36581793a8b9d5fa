package io.rio.bench;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The benchmark's own JAX-RS application at {@code /bench}: the bare baselines that run in the same Payara
 * Micro as Rio but without Rio, so every Rio figure can be read as a fraction of what the stack can do, and the
 * statistics flush that makes commit counts exact ({@link StatsFlushResource}).
 *
 * <p>It coexists with Rio's ingress application at {@code /}: the servlet mapping {@code /bench/*} is more
 * specific than {@code /*}, and {@link #getClasses()} names only the baseline resources so that Rio's
 * resource is not served a second time under {@code /bench}.
 */
@ApplicationPath("/bench")
public class BenchApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(BareGreetResource.class, BareCounterResource.class, StatsFlushResource.class);
    }
}
