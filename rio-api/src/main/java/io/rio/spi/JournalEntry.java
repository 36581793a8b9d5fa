package io.rio.spi;

import java.util.Objects;

/**
 * One completed operation of an invocation, keyed by (invocation id, sequence number).
 *
 * @param invocationId the invocation
 * @param seq          the operation's position in the handler's execution, from 0
 * @param kind         the operation kind, such as {@code run} or {@code sleep}
 * @param name         the operation's name (a step name), never {@code null}
 * @param value        the result as JSON text, or {@code null}
 * @param errorCode    the terminal failure code if the operation failed terminally, else {@code null}
 * @param errorMessage the terminal failure message, else {@code null}
 * @param createdAt    epoch milliseconds
 */
public record JournalEntry(
        String invocationId, int seq, String kind, String name, String value, Integer errorCode,
        String errorMessage, long createdAt) {

    public JournalEntry {
        Objects.requireNonNull(invocationId, "invocationId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    public boolean failed() {
        return errorCode != null;
    }
}
