package io.rio.sample.it.app;

import io.rio.api.DurablePromiseKey;
import io.rio.api.Handler;
import io.rio.api.Shared;
import io.rio.api.SharedWorkflowContext;
import io.rio.api.Workflow;
import io.rio.api.WorkflowContext;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * A workflow that sleeps, waits for a promise resolved by its {@code go} handler, then calls an object.
 * Every phase leaves a row in {@code it_step} (tag = workflow key) from a step, so the tests can count how
 * often each phase ran across {@code kill -9} and restarts.
 */
@Workflow
public class Journey {

    static final DurablePromiseKey<String> GO = DurablePromiseKey.of("go", String.class);

    @Inject
    TestRows rows;

    @Handler
    public String run(WorkflowContext ctx, long sleepMillis) {
        String tag = ctx.key();
        ctx.run("start", Long.class, () -> rows.step(tag, "start"));
        ctx.sleep(Duration.ofMillis(sleepMillis));
        ctx.run("after-sleep", Long.class, () -> rows.step(tag, "after-sleep"));
        String go = ctx.promise(GO).future().await();
        ctx.run("after-promise", Long.class, () -> rows.step(tag, "after-promise"));
        long tally = ctx.object(Tally.class, tag).call(Tally::add, 1L).await();
        ctx.run("end", Long.class, () -> rows.step(tag, "end"));
        return go + ":" + tally;
    }

    /** Lets {@code run} continue past its promise. */
    @Shared
    public boolean go(SharedWorkflowContext ctx, String signal) {
        ctx.promise(GO).resolve(signal);
        return true;
    }
}
