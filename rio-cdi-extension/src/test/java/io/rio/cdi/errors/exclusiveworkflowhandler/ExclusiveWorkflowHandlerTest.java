package io.rio.cdi.errors.exclusiveworkflowhandler;

import static io.rio.cdi.testing.Assertions.assertMentions;

import io.rio.api.Handler;
import io.rio.api.Workflow;
import io.rio.api.WorkflowContext;
import io.rio.cdi.testing.RioWeld;
import org.junit.jupiter.api.Test;

class ExclusiveWorkflowHandlerTest {

    @Workflow
    public static class Broken {
        @Handler
        public void run(WorkflowContext ctx) {
        }

        @Handler
        public void cancel(WorkflowContext ctx) {
        }
    }

    @Test
    void failsNamingClassMethodAndFix() {
        assertMentions(RioWeld.deploymentFailure(Broken.class), "RIO-D013",
                Broken.class.getName() + "#cancel(WorkflowContext)", "is not @Shared",
                "Fix: annotate it @Shared and take SharedWorkflowContext");
    }
}
