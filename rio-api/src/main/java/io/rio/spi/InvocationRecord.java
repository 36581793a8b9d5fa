package io.rio.spi;

import java.util.Map;
import java.util.Objects;

/**
 * A stored invocation, as the engine and its stores exchange it. Times are epoch milliseconds.
 *
 * @param id             the invocation id ({@code inv_...})
 * @param service        the durable name of the service, object or workflow
 * @param handler        the durable name of the handler
 * @param objectKey      the object or workflow key; {@code null} for a service
 * @param idempotencyKey the client's {@code Idempotency-Key}, or {@code null}
 * @param input          the input as JSON text, or {@code null} for none
 * @param headers        the request headers kept for the handler (lower-case names)
 * @param status         where the invocation is in its life cycle
 * @param attempts       attempts started so far
 * @param output         the result as JSON text once {@link InvocationStatus#COMPLETED}
 * @param errorCode      the failure code once {@link InvocationStatus#FAILED}, or of the last failed attempt
 * @param errorMessage   the failure message once failed, or the last attempt's error
 * @param owner          the node that last wrote it
 * @param epoch          the epoch at which {@code owner} held the invocation's {@linkplain #partition() partition}
 *                       when it wrote it: a write of an existing row is conditional on the partition still being at
 *                       this epoch (see {@link PartitionStore}); 0 where the writer does not hold the partition
 * @param runAt          not before this time (delayed sends, backoff)
 * @param createdAt      when it was accepted
 * @param modifiedAt     when the row last changed
 * @param parent         for an invocation made by another handler's durable call, the caller and the
 *                       journal position awaiting it as {@code <invocation id>/<seq>}; else {@code null}
 */
public record InvocationRecord(
        String id,
        String service,
        String handler,
        String objectKey,
        String idempotencyKey,
        String input,
        Map<String, String> headers,
        InvocationStatus status,
        int attempts,
        String output,
        Integer errorCode,
        String errorMessage,
        String owner,
        long epoch,
        long runAt,
        long createdAt,
        long modifiedAt,
        String parent) {

    public InvocationRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(status, "status");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** A record without parent (an invocation from the ingress or a send). */
    public InvocationRecord(String id, String service, String handler, String objectKey, String idempotencyKey,
            String input, Map<String, String> headers, InvocationStatus status, int attempts, String output,
            Integer errorCode, String errorMessage, String owner, long epoch, long runAt, long createdAt,
            long modifiedAt) {
        this(id, service, handler, objectKey, idempotencyKey, input, headers, status, attempts, output, errorCode,
                errorMessage, owner, epoch, runAt, createdAt, modifiedAt, null);
    }

    /**
     * The partition the invocation is placed on ({@link Membership#partitionOf}): that of its object or workflow
     * key, or for a service invocation that of its id.
     */
    public int partition() {
        return Membership.partitionOf(objectKey == null ? id : service + "/" + objectKey);
    }

    /** A copy with new values of the columns that change as the invocation runs. */
    public InvocationRecord with(InvocationStatus newStatus, int newAttempts, String newOutput, Integer newErrorCode,
            String newErrorMessage, String newOwner, long newEpoch, long newRunAt, long now) {
        return new InvocationRecord(id, service, handler, objectKey, idempotencyKey, input, headers, newStatus,
                newAttempts, newOutput, newErrorCode, newErrorMessage, newOwner, newEpoch, newRunAt, createdAt,
                now, parent);
    }

    public InvocationRecord withStatus(InvocationStatus newStatus, long now) {
        return new InvocationRecord(id, service, handler, objectKey, idempotencyKey, input, headers, newStatus,
                attempts, output, errorCode, errorMessage, owner, epoch, runAt, createdAt, now, parent);
    }
}
