package io.rio.cdi.errors.badoutput;

import static io.rio.cdi.testing.Assertions.assertMentions;

import io.rio.api.Handler;
import io.rio.api.ObjectContext;
import io.rio.api.VirtualObject;
import io.rio.cdi.testing.RioWeld;
import org.junit.jupiter.api.Test;

class BadOutputTypeTest {

    /** No no-arg constructor and no @JsonbCreator: JSON-B can write it but never read it back. */
    public static class Receipt {
        private final String id;

        public Receipt(String id) {
            this.id = id;
        }

        public String getId() {
            return id;
        }
    }

    @VirtualObject
    public static class Broken {
        @Handler
        public Receipt buy(ObjectContext ctx, String item) {
            return new Receipt(item);
        }
    }

    @VirtualObject
    public static class ReturnsThread {
        @Handler
        public Thread spawn(ObjectContext ctx) {
            return Thread.currentThread();
        }
    }

    @Test
    void noCreator() {
        assertMentions(RioWeld.deploymentFailure(Broken.class), "RIO-D009",
                Broken.class.getName() + "#buy(ObjectContext, String)", "returns " + Receipt.class.getName(),
                "no public or protected no-arg constructor and no @JsonbCreator", "Fix: return a concrete JSON type");
    }

    @Test
    void aThread() {
        assertMentions(RioWeld.deploymentFailure(ReturnsThread.class), "RIO-D009",
                ReturnsThread.class.getName() + "#spawn(ObjectContext)", "java.lang.Thread is not data");
    }
}
