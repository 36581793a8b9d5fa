package io.rio.bench;

import io.rio.api.Context;
import io.rio.api.Handler;
import io.rio.api.Service;

/**
 * A handler with three trivial durable steps, to measure what journaling a step costs:
 * {@code POST /ThreeSteps/steps} with a number {@code n} answers {@code 3n + 6}.
 */
@Service
public class ThreeSteps {

    /** Runs three {@code ctx.run} steps, each returning a number derived from the previous one. */
    @Handler
    public long steps(Context ctx, long n) {
        long first = ctx.run("first", Long.class, () -> n + 1);
        long second = ctx.run("second", Long.class, () -> n + 2);
        long third = ctx.run("third", Long.class, () -> n + 3);
        return first + second + third;
    }
}
