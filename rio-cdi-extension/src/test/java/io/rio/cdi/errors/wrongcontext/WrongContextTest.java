package io.rio.cdi.errors.wrongcontext;

import static io.rio.cdi.testing.Assertions.assertMentions;

import io.rio.api.Context;
import io.rio.api.Handler;
import io.rio.api.ObjectContext;
import io.rio.api.Service;
import io.rio.api.Shared;
import io.rio.api.SharedObjectContext;
import io.rio.api.SharedWorkflowContext;
import io.rio.api.VirtualObject;
import io.rio.api.Workflow;
import io.rio.api.WorkflowContext;
import io.rio.cdi.testing.RioWeld;
import org.junit.jupiter.api.Test;

class WrongContextTest {

    @VirtualObject
    public static class SharedTakesObjectContext {
        @Shared
        public long get(ObjectContext ctx) {
            return 0;
        }
    }

    @VirtualObject
    public static class ExclusiveTakesSharedContext {
        @Handler
        public void add(SharedObjectContext ctx, long delta) {
        }
    }

    @Service
    public static class ServiceTakesObjectContext {
        @Handler
        public void call(ObjectContext ctx) {
        }
    }

    @Workflow
    public static class RunTakesObjectContext {
        @Handler
        public void run(ObjectContext ctx) {
        }

        @Shared
        public void signal(WorkflowContext ctx) {
        }
    }

    @Workflow
    public static class Fine {
        @Handler
        public void run(WorkflowContext ctx) {
        }

        @Shared
        public void signal(SharedWorkflowContext ctx) {
        }
    }

    @Test
    void sharedObjectHandlerTakingObjectContext() {
        assertMentions(RioWeld.deploymentFailure(SharedTakesObjectContext.class), "RIO-D002",
                SharedTakesObjectContext.class.getName() + "#get(ObjectContext)",
                "a @Shared handler of a @VirtualObject", "Fix: change the first parameter to SharedObjectContext",
                "or remove @Shared");
    }

    @Test
    void exclusiveObjectHandlerTakingSharedContext() {
        assertMentions(RioWeld.deploymentFailure(ExclusiveTakesSharedContext.class), "RIO-D002",
                ExclusiveTakesSharedContext.class.getName() + "#add(SharedObjectContext, long)",
                "Fix: change the first parameter to ObjectContext");
    }

    @Test
    void serviceHandlerTakingObjectContext() {
        assertMentions(RioWeld.deploymentFailure(ServiceTakesObjectContext.class), "RIO-D002",
                ServiceTakesObjectContext.class.getName() + "#call(ObjectContext)",
                "Fix: change the first parameter to Context");
    }

    @Test
    void workflowHandlersTakingTheWrongContexts() {
        String failure = RioWeld.deploymentFailure(RunTakesObjectContext.class);
        assertMentions(failure, "RIO-D002", RunTakesObjectContext.class.getName() + "#run(ObjectContext)",
                "Fix: change the first parameter to WorkflowContext");
        assertMentions(failure, RunTakesObjectContext.class.getName() + "#signal(WorkflowContext)",
                "Fix: change the first parameter to SharedWorkflowContext");
    }

    @Test
    void theRightContextsDeploy() {
        try (var container = RioWeld.weld(Fine.class).initialize()) {
            org.junit.jupiter.api.Assertions.assertTrue(container.isRunning());
        }
        Context.class.getName(); // the service context is covered by the valid scenario
    }
}
