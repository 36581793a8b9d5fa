package io.rio.cdi.errors.nohandlers;

import static io.rio.cdi.testing.Assertions.assertMentions;

import io.rio.api.Context;
import io.rio.api.Service;
import io.rio.cdi.testing.RioWeld;
import org.junit.jupiter.api.Test;

class NoHandlersTest {

    @Service
    public static class Broken {
        public String greet(Context ctx, String name) {
            return name;
        }
    }

    @Test
    void failsNamingClassAndFix() {
        assertMentions(RioWeld.deploymentFailure(Broken.class), "RIO-D010", "@Service " + Broken.class.getName(),
                "has no handler", "Fix: annotate at least one public method with @Handler");
    }
}
