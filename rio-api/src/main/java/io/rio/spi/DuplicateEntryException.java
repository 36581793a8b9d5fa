package io.rio.spi;

/**
 * Thrown by a store when an insert meets an existing row with the same key: a journal entry at the same
 * (invocation, sequence), or an invocation with the same id or idempotency key. The current transaction
 * must be rolled back.
 */
public class DuplicateEntryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DuplicateEntryException(String message, Throwable cause) {
        super(message, cause);
    }
}
