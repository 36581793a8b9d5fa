package io.rio.ingress.internal;

import java.time.Duration;

/**
 * When a keyed call that could not reach its owner is tried again. A call is retried (after {@link #delay()},
 * re-resolving the owner) when nothing of it can have run:
 *
 * <ul>
 * <li>the owner answered {@code 421} (it does not hold the key's partition, nothing committed);</li>
 * <li>the connection to the owner failed before the request was sent (refused, connect timeout: a dead owner);</li>
 * <li>the partition has no owner yet (a migration), or the local engine refused with
 * {@link io.rio.core.NotOwnerException};</li>
 * <li>the connection broke after the request was sent, only if the request has an {@code Idempotency-Key}
 * (repeating it returns the first outcome); without one the outcome is unknown and the client gets 502;</li>
 * <li>the owner's server, not Rio, answered (an error page that is not Rio's JSON: the application is being
 * deployed or undeployed there): a 404 or 503 always (the request did not reach Rio), a 500 only with an
 * {@code Idempotency-Key}.</li>
 * </ul>
 *
 * <p>Retries stop at {@link #deadline()} after the request arrived (default 20 s: membership failure detection
 * takes up to 10 s, a takeover a little more); then the client gets 503.
 *
 * @param delay    the pause before each retry (default 200 ms)
 * @param deadline how long after arrival retries may start
 */
public record ForwardPolicy(Duration delay, Duration deadline) {
    public static final ForwardPolicy DEFAULT = new ForwardPolicy(Duration.ofMillis(200), Duration.ofSeconds(20));

    /** Why an attempt did not produce an answer. */
    public enum Failure {
        /** The owner answered 421, the local engine said it is not the owner, or there is no owner. */
        MISDIRECTED,
        /** The request was not sent (no connection). */
        NOT_CONNECTED,
        /** The connection broke after the request may have been sent. */
        BROKEN
    }

    /**
     * What an answer from the owner's server rather than from Rio means: Rio answers errors with JSON, so a 404,
     * 500 or 503 that is not JSON came from the server around it (an application that is not deployed yet, or is
     * being undeployed). Null for an answer of Rio's.
     */
    public static Failure containerAnswer(int status, java.util.Map<String, String> headers) {
        if (status != 404 && status != 500 && status != 503) {
            return null;
        }
        String type = null;
        for (java.util.Map.Entry<String, String> h : headers.entrySet()) {
            if (h.getKey().equalsIgnoreCase("content-type")) {
                type = h.getValue();
            }
        }
        if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            return null;
        }
        return status == 500 ? Failure.BROKEN : Failure.MISDIRECTED;
    }

    /** Whether a {@code failure} may be retried at all, regardless of time. */
    public boolean retryable(Failure failure, boolean hasIdempotencyKey) {
        return failure != Failure.BROKEN || hasIdempotencyKey;
    }

    /** Whether a retry that would start after {@link #delay()} still starts before the deadline. */
    public boolean inTime(long startedNanos, long nowNanos) {
        return nowNanos + delay.toNanos() - startedNanos <= deadline.toNanos();
    }
}
