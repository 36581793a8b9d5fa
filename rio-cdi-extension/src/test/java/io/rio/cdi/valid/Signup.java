package io.rio.cdi.valid;

import io.rio.api.Handler;
import io.rio.api.Shared;
import io.rio.api.SharedWorkflowContext;
import io.rio.api.Workflow;
import io.rio.api.WorkflowContext;
import java.util.Map;

@Workflow
public class Signup {

    @Handler
    public Map<String, Integer> run(WorkflowContext ctx, java.util.List<String> emails) {
        return Map.of(ctx.key(), emails.size());
    }

    @Shared
    public void approve(SharedWorkflowContext ctx, boolean approved) {
    }
}
