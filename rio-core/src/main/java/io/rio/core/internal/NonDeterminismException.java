package io.rio.core.internal;

/**
 * A replayed operation does not match the journal: the handler code changed, or it is not deterministic.
 * The invocation is paused with this message.
 */
public final class NonDeterminismException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NonDeterminismException(String invocationId, int seq, String journalKind, String journalName,
            String actualKind, String actualName) {
        super("Non-deterministic replay of invocation " + invocationId + " at operation #" + seq + ": the journal has "
                + journalKind + " '" + journalName + "' but the handler now calls " + actualKind + " '" + actualName
                + "'. Handlers must issue the same context operations in the same order on every attempt; "
                + "the invocation is paused until it is resumed or killed.");
    }
}
