package io.rio.cdi.errors.crontarget;

import static io.rio.cdi.testing.Assertions.assertMentions;

import io.rio.api.Cron;
import io.rio.api.Handler;
import io.rio.api.ObjectContext;
import io.rio.api.VirtualObject;
import io.rio.cdi.testing.RioWeld;
import org.junit.jupiter.api.Test;

class CronTargetTest {

    @VirtualObject
    public static class Broken {
        @Handler
        @Cron("0 * * * * *")
        public void tick(ObjectContext ctx) {
        }
    }

    @Test
    void failsNamingClassMethodAndFix() {
        assertMentions(RioWeld.deploymentFailure(Broken.class), "RIO-D014",
                Broken.class.getName() + "#tick(ObjectContext)", "@Cron",
                "Fix: move it to a @Service handler without an input parameter");
    }
}
