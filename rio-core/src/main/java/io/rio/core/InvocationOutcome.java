package io.rio.core;

/**
 * How an invocation ended.
 *
 * @param invocationId the invocation
 * @param success      whether it completed with a result
 * @param outputJson   the result as JSON text, or {@code null} for void
 * @param errorCode    the terminal failure's code when not successful
 * @param errorMessage the terminal failure's message when not successful
 */
public record InvocationOutcome(String invocationId, boolean success, String outputJson, int errorCode,
        String errorMessage) {

    public static InvocationOutcome success(String id, String outputJson) {
        return new InvocationOutcome(id, true, outputJson, 0, null);
    }

    public static InvocationOutcome failure(String id, int code, String message) {
        return new InvocationOutcome(id, false, null, code, message);
    }
}
