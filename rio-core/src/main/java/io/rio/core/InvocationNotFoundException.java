package io.rio.core;

/** No invocation with that id is known (never stored, or its retention has ended). */
public class InvocationNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvocationNotFoundException(String invocationId) {
        super("No invocation '" + invocationId + "' is known here (unknown id, or it was not retained)");
    }
}
