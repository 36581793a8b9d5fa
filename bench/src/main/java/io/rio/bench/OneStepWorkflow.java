package io.rio.bench;

import io.rio.api.Handler;
import io.rio.api.Workflow;
import io.rio.api.WorkflowContext;

/**
 * A one-step workflow for the {@code send} scenario, submitted with {@code POST /OneStepWorkflow/{key}/run/send}
 * under a new key per request: {@code SEND_PATH='/OneStepWorkflow/{key}/run/send' SEND_KEYS=unique
 * SEND_SERVICE=OneStepWorkflow bench/run.sh}. Not the default yet: in the first try every request of that
 * variant counted as an error in the harness while the same requests by hand answered 202 (open question).
 */
@Workflow
public class OneStepWorkflow {

    /** Runs one step that returns {@code n + 1}. */
    @Handler
    public long run(WorkflowContext ctx, long n) {
        return ctx.run("step", Long.class, () -> n + 1);
    }
}
