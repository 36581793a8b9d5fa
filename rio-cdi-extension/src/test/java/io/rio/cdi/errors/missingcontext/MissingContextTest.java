package io.rio.cdi.errors.missingcontext;

import static io.rio.cdi.testing.Assertions.assertMentions;

import io.rio.api.Handler;
import io.rio.api.Service;
import io.rio.cdi.testing.RioWeld;
import org.junit.jupiter.api.Test;

class MissingContextTest {

    @Service
    public static class Broken {
        @Handler
        public String greet(String name) {
            return name;
        }
    }

    @Test
    void failsNamingClassMethodAndFix() {
        assertMentions(RioWeld.deploymentFailure(Broken.class), "RIO-D001", Broken.class.getName() + "#greet(String)",
                "does not take a context", "Fix: declare Context as the first parameter");
    }
}
