package io.rio.spi;

import java.util.Objects;

/**
 * A one-time completion: of an awakeable or a durable call (scope = the waiting invocation's id, name = the
 * journal position of the awaiting operation), of a workflow's durable promise (scope =
 * {@code wf/<workflow>/<key>}, name = the promise name), or an invocation's cancellation (name
 * {@code cancel}). Inserted once; a second completion is a conflict.
 *
 * @param scope        what it belongs to
 * @param name         which completion of that scope
 * @param value        the value as JSON text, or {@code null}
 * @param errorCode    the failure's code if it completes with a failure, else {@code null}
 * @param errorMessage the failure's message, else {@code null}
 * @param createdAt    epoch milliseconds
 */
public record SignalRecord(String scope, String name, String value, Integer errorCode, String errorMessage,
        long createdAt) {

    public SignalRecord {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(name, "name");
    }

    public boolean failed() {
        return errorCode != null;
    }
}
