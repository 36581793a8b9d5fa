package io.rio.client;

import java.lang.reflect.Type;
import java.util.Optional;

/**
 * What a one-way send through {@link RemoteTarget#send} returned: the invocation's id, and whether the ingress
 * had accepted it before (a repeated {@code Idempotency-Key}). Read its result later with {@link #attach()} or
 * {@link #output()}.
 *
 * <p>Thread safety: immutable.
 *
 * @param <R> the handler's result type ({@link Void} for handlers that return nothing)
 */
public final class Sent<R> {
    private final RioClient client;
    private final String invocationId;
    private final boolean previouslyAccepted;
    private final Type resultType;

    Sent(RioClient client, String invocationId, boolean previouslyAccepted, Type resultType) {
        this.client = client;
        this.invocationId = invocationId;
        this.previouslyAccepted = previouslyAccepted;
        this.resultType = resultType;
    }

    /** The invocation's id, as {@code x-restate-id} and the admin API name it. */
    public String invocationId() {
        return invocationId;
    }

    /** Whether the same {@code Idempotency-Key} had been sent before: this names the first invocation. */
    public boolean previouslyAccepted() {
        return previouslyAccepted;
    }

    /**
     * Waits for the result ({@code GET /restate/attach/{id}}) at most the client's timeout.
     *
     * @throws RioClientException with the invocation's own error code when it failed, or status 0 on timeout
     */
    public R attach() {
        return client.attach(invocationId, resultType);
    }

    /** The result if the invocation has ended ({@code GET /restate/output/{id}}), empty while it runs. */
    public Optional<R> output() {
        return client.output(invocationId, resultType);
    }

    @Override
    public String toString() {
        return "Sent[" + invocationId + (previouslyAccepted ? ", previously accepted]" : "]");
    }
}
