package io.rio.core;

/**
 * The answer to a one-way send: the invocation is stored.
 *
 * @param invocationId       the invocation's id
 * @param previouslyAccepted whether an earlier send with the same idempotency key (or workflow key) had
 *                           already created it
 */
public record SendReceipt(String invocationId, boolean previouslyAccepted) {
}
