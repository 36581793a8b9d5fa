package io.rio.cdi.errors.sharedonservice;

import static io.rio.cdi.testing.Assertions.assertMentions;

import io.rio.api.Context;
import io.rio.api.Service;
import io.rio.api.Shared;
import io.rio.cdi.testing.RioWeld;
import org.junit.jupiter.api.Test;

class SharedOnServiceTest {

    @Service
    public static class Broken {
        @Shared
        public String look(Context ctx) {
            return "";
        }
    }

    @Test
    void failsNamingClassMethodAndFix() {
        assertMentions(RioWeld.deploymentFailure(Broken.class), "RIO-D003", Broken.class.getName() + "#look(Context)",
                "is @Shared", "is a @Service", "Fix: replace @Shared with @Handler, or make the class a @VirtualObject");
    }
}
