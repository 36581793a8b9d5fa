package io.rio.cdi.errors.duplicateservice;

import static io.rio.cdi.testing.Assertions.assertMentions;

import io.rio.api.Context;
import io.rio.api.Handler;
import io.rio.api.Name;
import io.rio.api.ObjectContext;
import io.rio.api.Service;
import io.rio.api.VirtualObject;
import io.rio.cdi.testing.RioWeld;
import org.junit.jupiter.api.Test;

class DuplicateServiceTest {

    @Service
    @Name("Greeter")
    public static class First {
        @Handler
        public String greet(Context ctx, String name) {
            return name;
        }
    }

    @VirtualObject
    @Name("Greeter")
    public static class Second {
        @Handler
        public void add(ObjectContext ctx, long delta) {
        }
    }

    @Test
    void failsNamingBothClassesAndFix() {
        assertMentions(RioWeld.deploymentFailure(First.class, Second.class), "RIO-D006",
                "Two services are named 'Greeter'", First.class.getName(), Second.class.getName(),
                "Fix: rename one class or give it a distinct @Name");
    }
}
