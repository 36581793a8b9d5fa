package io.rio.ingress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rio.ingress.internal.AdminGuard;
import io.rio.ingress.internal.AdminResource;
import io.rio.ingress.internal.IngressResource;
import jakarta.ws.rs.ApplicationPath;
import org.junit.jupiter.api.Test;

class RioIngressApplicationTest {

    @Test
    void servesAtRootAndRegistersOnlyRiosOwnClasses() {
        assertEquals("/", RioIngressApplication.class.getAnnotation(ApplicationPath.class).value());
        var classes = new RioIngressApplication().getClasses();
        assertTrue(classes.contains(IngressResource.class), classes.toString());
        // The admin API and its guard come with it: the resource is never served without the role check.
        assertTrue(classes.contains(AdminResource.class) && classes.contains(AdminGuard.class), classes.toString());
        // Nothing outside Rio's ingress packages: the user's own resources stay with the user's application.
        classes.forEach(c -> assertTrue(c.getName().startsWith("io.rio.ingress."), c.getName()));
    }
}
