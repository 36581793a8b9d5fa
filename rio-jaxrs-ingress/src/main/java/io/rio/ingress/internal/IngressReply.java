package io.rio.ingress.internal;

import java.util.Map;

/**
 * An HTTP answer of the ingress, independent of JAX-RS so that routing and outcome mapping are unit-testable.
 *
 * @param status  the HTTP status
 * @param body    the JSON body, or {@code null} for none
 * @param headers extra response headers
 */
public record IngressReply(int status, String body, Map<String, String> headers) {

    /** The status used when an invocation's output is asked for before it has ended (as Restate does). */
    public static final int NOT_READY = 470;

    public IngressReply {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** An error answer with body {@code {"code":status,"message":message}}. */
    public static IngressReply error(int status, String message) {
        return new IngressReply(status, Json.error(status, message), Map.of());
    }
}
