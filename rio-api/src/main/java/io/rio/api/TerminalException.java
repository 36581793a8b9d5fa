package io.rio.api;

/**
 * Ends an invocation with a failure that is not retried. The ingress answers with {@link #code()} as the
 * HTTP status and a JSON body {@code {"code": ..., "message": ...}}.
 */
public class TerminalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The code used when none is given. */
    public static final int DEFAULT_CODE = 500;

    private final int code;

    public TerminalException(String message) {
        this(DEFAULT_CODE, message);
    }

    public TerminalException(int code, String message) {
        super(message);
        if (code < 400 || code > 599) {
            throw new IllegalArgumentException("A terminal error code is an HTTP error status (400-599), got " + code);
        }
        this.code = code;
    }

    public int code() {
        return code;
    }
}
