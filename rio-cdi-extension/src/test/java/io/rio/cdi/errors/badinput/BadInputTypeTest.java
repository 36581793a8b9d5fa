package io.rio.cdi.errors.badinput;

import static io.rio.cdi.testing.Assertions.assertMentions;

import io.rio.api.Context;
import io.rio.api.Handler;
import io.rio.api.Service;
import io.rio.cdi.testing.RioWeld;
import java.util.List;
import org.junit.jupiter.api.Test;

class BadInputTypeTest {

    public interface Shape {
        double area();
    }

    @Service
    public static class Broken {
        @Handler
        public double area(Context ctx, List<Shape> shapes) {
            return 0;
        }
    }

    @Service
    public static class TakesObject {
        @Handler
        public void take(Context ctx, Object anything) {
        }
    }

    @Test
    void anInterfaceElementType() {
        assertMentions(RioWeld.deploymentFailure(Broken.class), "RIO-D008",
                Broken.class.getName() + "#area(Context, java.util.List<" + Shape.class.getName() + ">)",
                "which JSON-B cannot read", "cannot create an instance of the interface " + Shape.class.getName(),
                "Fix: use a concrete JSON type");
    }

    @Test
    void javaLangObject() {
        assertMentions(RioWeld.deploymentFailure(TakesObject.class), "RIO-D008",
                TakesObject.class.getName() + "#take(Context, Object)", "java.lang.Object says nothing",
                "Fix: use a concrete JSON type");
    }
}
