package io.rio.cdi.errors.notpublic;

import static io.rio.cdi.testing.Assertions.assertMentions;

import io.rio.api.Context;
import io.rio.api.Handler;
import io.rio.api.Service;
import io.rio.cdi.testing.RioWeld;
import org.junit.jupiter.api.Test;

class NotPublicHandlerTest {

    @Service
    public static class Broken {
        @Handler
        String greet(Context ctx, String name) {
            return name;
        }
    }

    @Test
    void failsNamingClassMethodAndFix() {
        assertMentions(RioWeld.deploymentFailure(Broken.class), "RIO-D011",
                Broken.class.getName() + "#greet(Context, String)", "Fix: make it public and not static");
    }
}
