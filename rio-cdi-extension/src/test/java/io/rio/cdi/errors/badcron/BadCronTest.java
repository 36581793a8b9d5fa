package io.rio.cdi.errors.badcron;

import static io.rio.cdi.testing.Assertions.assertMentions;

import io.rio.api.Context;
import io.rio.api.Cron;
import io.rio.api.Handler;
import io.rio.api.Service;
import io.rio.cdi.testing.RioWeld;
import org.junit.jupiter.api.Test;

class BadCronTest {

    @Service
    public static class Broken {
        @Handler
        @Cron("every five minutes")
        public void report(Context ctx) {
        }
    }

    @Test
    void failsNamingClassMethodAndFix() {
        assertMentions(RioWeld.deploymentFailure(Broken.class), "RIO-D015",
                Broken.class.getName() + "#report(Context)", "every five minutes", "needs six fields",
                "Fix: write six fields");
    }
}
