package io.rio.ingress.internal;

import java.util.Map;

/**
 * An HTTP answer of the ingress, independent of JAX-RS so that routing and outcome mapping are unit-testable.
 *
 * @param status  the HTTP status
 * @param body    the JSON body, or {@code null} for none (or when {@code raw} is set)
 * @param headers extra response headers
 * @param raw     a body relayed unchanged from another member (see {@link Forwarder}), its content type in
 *                {@code headers}; {@code null} for the ingress's own answers
 */
public record IngressReply(int status, String body, Map<String, String> headers, byte[] raw) {

    /** The status used when an invocation's output is asked for before it has ended (as Restate does). */
    public static final int NOT_READY = 470;

    public IngressReply {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** An answer of the ingress itself, with a JSON {@code body} or none. */
    public IngressReply(int status, String body, Map<String, String> headers) {
        this(status, body, headers, null);
    }

    /** An error answer with body {@code {"code":status,"message":message}}. */
    public static IngressReply error(int status, String message) {
        return new IngressReply(status, Json.error(status, message), Map.of());
    }

    /** An answer relayed from another member: its status, body bytes and (already filtered) headers. */
    public static IngressReply relayed(int status, byte[] body, Map<String, String> headers) {
        return new IngressReply(status, null, headers, body == null ? new byte[0] : body);
    }
}
