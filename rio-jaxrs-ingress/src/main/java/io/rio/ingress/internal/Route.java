package io.rio.ingress.internal;

import io.rio.core.InvocationRequest;
import io.rio.core.model.HandlerDefinition;

/** What the router decided to do with a request. */
public sealed interface Route {

    /** Answer at once, usually an error. */
    record Reply(IngressReply reply) implements Route {
    }

    /** Invoke and wait for the outcome. */
    record Call(InvocationRequest request) implements Route {
    }

    /** Store the invocation and answer 202 once it is durable. */
    record Send(InvocationRequest request) implements Route {
    }

    /** Wait for the outcome of an existing invocation. */
    record Attach(String invocationId) implements Route {
    }

    /** The outcome of an existing invocation if it has ended, else 470. */
    record Output(String invocationId) implements Route {
    }

    /**
     * Attach to ({@code output == false}) or read the output of the invocation found by idempotency key on
     * {@code target} (and {@code key}), or of a workflow's run when {@code target} is the run handler.
     *
     * @param notFound the message of the 404 when there is no such invocation
     */
    record Find(HandlerDefinition target, String key, String idempotencyKey, boolean output, String notFound)
            implements Route {
    }

    /**
     * Resolve ({@code reason == null}, with {@code json}) or reject (with {@code reason}) an awakeable.
     */
    record CompleteAwakeable(String awakeableId, String json, String reason) implements Route {
    }

    /** Whether carrying the route out may wait for an invocation (and so needs a timeout). */
    static boolean waits(Route route) {
        return route instanceof Call || route instanceof Send || route instanceof Attach
                || (route instanceof Find f && !f.output());
    }
}
