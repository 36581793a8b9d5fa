package io.rio.ingress.internal;

import io.rio.core.InvocationRequest;

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
}
