package io.rio.cdi.errors.duplicatehandler;

import static io.rio.cdi.testing.Assertions.assertMentions;

import io.rio.api.Handler;
import io.rio.api.Name;
import io.rio.api.ObjectContext;
import io.rio.api.VirtualObject;
import io.rio.cdi.testing.RioWeld;
import org.junit.jupiter.api.Test;

class DuplicateHandlerTest {

    @VirtualObject
    public static class Broken {
        @Handler
        public void add(ObjectContext ctx, long delta) {
        }

        @Handler
        @Name("add")
        public void plus(ObjectContext ctx, long delta) {
        }
    }

    @VirtualObject
    public static class Overloaded {
        @Handler
        public void add(ObjectContext ctx, long delta) {
        }

        @Handler
        public void add(ObjectContext ctx) {
        }
    }

    @Test
    void renamedByNameAnnotation() {
        assertMentions(RioWeld.deploymentFailure(Broken.class), "RIO-D005", "Class " + Broken.class.getName(),
                "two handlers named 'add'", Broken.class.getName() + "#add(ObjectContext, long)",
                Broken.class.getName() + "#plus(ObjectContext, long)",
                "Fix: rename one method or give it a distinct @Name");
    }

    @Test
    void overloadedMethods() {
        assertMentions(RioWeld.deploymentFailure(Overloaded.class), "RIO-D005", "two handlers named 'add'",
                Overloaded.class.getName() + "#add(ObjectContext)");
    }
}
