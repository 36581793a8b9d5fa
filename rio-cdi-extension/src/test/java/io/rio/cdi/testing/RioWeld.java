package io.rio.cdi.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rio.cdi.RioExtension;
import io.smallrye.config.inject.ConfigExtension;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.jboss.weld.junit5.WeldInitiator;

/** Builds in-process Weld containers with the Rio extension and the given bean classes only. */
public final class RioWeld {

    private RioWeld() {
    }

    /** A Weld with discovery off, the Rio and MicroProfile Config extensions, and {@code beans}. */
    public static Weld weld(Class<?>... beans) {
        return WeldInitiator.createWeld().addBeanClasses(beans)
                .addExtensions(new RioExtension(), new ConfigExtension());
    }

    /** A weld-junit initiator over {@link #weld(Class...)}. */
    public static WeldInitiator initiator(Class<?>... beans) {
        return WeldInitiator.from(weld(beans)).build();
    }

    /**
     * Deploys {@code beans}, asserts that the deployment fails, and returns the messages of the whole
     * exception chain (Weld wraps the extension's errors), joined by newlines.
     */
    public static String deploymentFailure(Class<?>... beans) {
        Weld weld = weld(beans);
        Throwable t = assertThrows(Throwable.class, () -> {
            try (WeldContainer ignored = weld.initialize()) {
                // deployment is expected to fail
            }
        }, "the deployment should have failed");
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            all.append(c.getClass().getName()).append(": ").append(c.getMessage()).append('\n');
            for (Throwable s : c.getSuppressed()) {
                all.append("suppressed ").append(s.getMessage()).append('\n');
            }
        }
        return all.toString();
    }
}
