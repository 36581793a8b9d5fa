package io.rio.cdi.errors.toomanyinputs;

import static io.rio.cdi.testing.Assertions.assertMentions;

import io.rio.api.Context;
import io.rio.api.Handler;
import io.rio.api.Service;
import io.rio.cdi.testing.RioWeld;
import org.junit.jupiter.api.Test;

class TooManyInputsTest {

    @Service
    public static class Broken {
        @Handler
        public String book(Context ctx, String who, int seats) {
            return who + seats;
        }
    }

    @Test
    void failsNamingClassMethodAndFix() {
        assertMentions(RioWeld.deploymentFailure(Broken.class), "RIO-D004",
                Broken.class.getName() + "#book(Context, String, int)", "has 2 input parameters",
                "Fix: combine the inputs into one record or class, e.g. record BookRequest(...)");
    }
}
