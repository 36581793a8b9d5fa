package io.rio.bench;

import io.rio.api.Context;
import io.rio.api.Handler;
import io.rio.api.Service;

/**
 * The job of the {@code /send} scenario: submitted with {@code POST /OneStepJob/run/send}, it runs one
 * durable step. A stand-in for a one-step {@code @Workflow} until workflows exist; {@code bench/run.sh}
 * names its path and service in one place ({@code SEND_PATH}, {@code SEND_SERVICE}) so that a workflow
 * with a unique key per request can replace it.
 */
@Service
public class OneStepJob {

    /** Runs one step that returns {@code n + 1}. */
    @Handler
    public long run(Context ctx, long n) {
        return ctx.run("step", Long.class, () -> n + 1);
    }
}
