package io.rio.core;

import java.util.concurrent.RejectedExecutionException;

/**
 * This node has more accepted invocations waiting to start than {@code rio.max-backlog}: nothing was stored;
 * the client should retry after {@link #retryAfterSeconds()} (the ingress answers 429 with
 * {@code Retry-After}).
 */
public class OverloadedException extends RejectedExecutionException {
    private static final long serialVersionUID = 1L;

    private final int retryAfterSeconds;

    public OverloadedException(int backlog, int limit, int retryAfterSeconds) {
        super("Rio is overloaded: " + backlog + " invocations are waiting to start (limit " + limit
                + ", rio.max-backlog); retry in " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Refused for another bound than the backlog; {@code message} says which and that nothing was stored. */
    public OverloadedException(String message, int retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
