package io.rio.client;

/**
 * A call, send or read through {@link RioClient} that did not succeed: the ingress answered with an error
 * ({@link #status()} is its HTTP status, {@link #getMessage()} the message of Rio's JSON error body, for example
 * a handler's {@code TerminalException(400, "...")}), or no answer came ({@link #status()} is {@code 0}: the server
 * could not be reached, or did not answer within the timeout, see {@link #timedOut()}).
 */
public class RioClientException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final boolean timedOut;

    RioClientException(int status, String message) {
        this(status, message, false, null);
    }

    RioClientException(int status, String message, boolean timedOut, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.timedOut = timedOut;
    }

    /** The HTTP status the ingress answered with, or {@code 0} when no answer came. */
    public int status() {
        return status;
    }

    /** Whether no answer came within the timeout (the invocation may still run on the server). */
    public boolean timedOut() {
        return timedOut;
    }
}
