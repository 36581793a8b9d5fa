package io.rio.spi;

/**
 * A filter of stored invocations for the admin API; {@code null} fields match everything.
 *
 * @param service   the durable service name
 * @param objectKey the object or workflow key
 * @param status    the status
 * @param limit     at most this many, newest first
 */
public record InvocationQuery(String service, String objectKey, InvocationStatus status, int limit) {
}
