package io.rio.bench;

import io.rio.api.Handler;
import io.rio.api.Workflow;
import io.rio.api.WorkflowContext;

/**
 * The workflow of the {@code send} scenario ("workflow submission with /send and completion of a one-step
 * workflow"): submitted with {@code POST /OneStepWorkflow/{key}/run/send} under a new key per request, its
 * {@code run} executes one durable step.
 */
@Workflow
public class OneStepWorkflow {

    /** Runs one step that returns {@code n + 1}. */
    @Handler
    public long run(WorkflowContext ctx, long n) {
        return ctx.run("step", Long.class, () -> n + 1);
    }
}
