package io.rio.cdi.errors.severalkinds;

import static io.rio.cdi.testing.Assertions.assertMentions;

import io.rio.api.Context;
import io.rio.api.Handler;
import io.rio.api.Service;
import io.rio.api.VirtualObject;
import io.rio.cdi.testing.RioWeld;
import org.junit.jupiter.api.Test;

class SeveralKindsTest {

    @Service
    @VirtualObject
    public static class Broken {
        @Handler
        public String greet(Context ctx, String name) {
            return name;
        }
    }

    @Test
    void failsNamingClassAndFix() {
        assertMentions(RioWeld.deploymentFailure(Broken.class), "RIO-D012", Broken.class.getName(),
                "Fix: keep exactly one");
    }
}
