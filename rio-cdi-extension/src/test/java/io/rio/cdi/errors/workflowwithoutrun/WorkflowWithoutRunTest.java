package io.rio.cdi.errors.workflowwithoutrun;

import static io.rio.cdi.testing.Assertions.assertMentions;

import io.rio.api.Shared;
import io.rio.api.SharedWorkflowContext;
import io.rio.api.Workflow;
import io.rio.cdi.testing.RioWeld;
import org.junit.jupiter.api.Test;

class WorkflowWithoutRunTest {

    @Workflow
    public static class Broken {
        @Shared
        public String status(SharedWorkflowContext ctx) {
            return "";
        }
    }

    @Test
    void failsNamingClassAndFix() {
        assertMentions(RioWeld.deploymentFailure(Broken.class), "RIO-D007", "Workflow " + Broken.class.getName(),
                "has no 'run' handler", "Fix: add a method @Handler public <Result> run(WorkflowContext ctx");
    }
}
