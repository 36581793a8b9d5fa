package io.rio.cdi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rio.api.Handler;
import io.rio.api.IngressPrivate;
import io.rio.api.ObjectContext;
import io.rio.api.Shared;
import io.rio.api.SharedObjectContext;
import io.rio.api.VirtualObject;
import io.rio.core.model.HandlerAccess;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Access annotations on handlers: the method's own wins over its class's; conflicts are deployment errors. */
class HandlerAccessScanTest {

    @VirtualObject
    @RolesAllowed("clerk")
    public static class Till {
        @Handler
        public void open(ObjectContext ctx) {
        }

        @Shared
        @PermitAll
        public long look(SharedObjectContext ctx) {
            return 0;
        }

        @Handler
        @RolesAllowed({"boss", "auditor"})
        public void close(ObjectContext ctx) {
        }

        @Handler
        @DenyAll
        public void burn(ObjectContext ctx) {
        }

        @Handler
        @IngressPrivate
        public void refill(ObjectContext ctx) {
        }

        @Handler
        @PermitAll
        @DenyAll
        public void confused(ObjectContext ctx) {
        }

        @Handler
        @RolesAllowed({"clerk", " "})
        public void blank(ObjectContext ctx) {
        }
    }

    @IngressPrivate
    public static class Internal {
        public void anything() {
        }
    }

    private static HandlerAccess access(Class<?> type, String method, List<String> problems) throws Exception {
        Class<?>[] params = type == Internal.class ? new Class<?>[0]
                : new Class<?>[] {method.equals("look") ? SharedObjectContext.class : ObjectContext.class};
        return HandlerScanner.access(type.getMethod(method, params), problems);
    }

    @Test
    void theClassRolesApplyUnlessTheMethodSaysOtherwise() throws Exception {
        List<String> problems = new ArrayList<>();
        assertEquals(new HandlerAccess(false, false, Set.of("clerk")), access(Till.class, "open", problems));
        assertEquals(HandlerAccess.PUBLIC, access(Till.class, "look", problems));
        assertEquals(new HandlerAccess(false, false, Set.of("boss", "auditor")), access(Till.class, "close", problems));
        assertEquals(new HandlerAccess(false, true, Set.of()), access(Till.class, "burn", problems));
        assertEquals(new HandlerAccess(true, false, Set.of("clerk")), access(Till.class, "refill", problems));
        assertEquals(new HandlerAccess(true, false, Set.of()), access(Internal.class, "anything", problems));
        assertEquals(List.of(), problems);
    }

    @Test
    void conflictingOrBlankAnnotationsAreDeploymentErrorsNamingTheMethod() throws Exception {
        List<String> problems = new ArrayList<>();
        access(Till.class, "confused", problems);
        access(Till.class, "blank", problems);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("RIO-D017 Handler " + Till.class.getName() + "#confused(ObjectContext)"),
                problems.get(0));
        assertTrue(problems.get(0).contains("Fix: keep exactly one"), problems.get(0));
        assertTrue(problems.get(1).startsWith("RIO-D018 Handler " + Till.class.getName() + "#blank(ObjectContext)"),
                problems.get(1));
    }
}
