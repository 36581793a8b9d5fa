package io.rio.ingress.internal;

import java.util.List;
import java.util.Locale;

/**
 * Routes Restate's awakeable completions:
 *
 * <ul>
 * <li>{@code POST /restate/awakeables/{id}/resolve} with the value as a JSON body (an empty body resolves
 * with {@code null});</li>
 * <li>{@code POST /restate/awakeables/{id}/reject} with the reason as the body: plain text
 * ({@code text/plain}), or a JSON string ({@code application/json}); without a content type a body that is a
 * JSON string is read as one, anything else as plain text.</li>
 * </ul>
 *
 * <p>The waiting handler sees a rejection as a terminal failure carrying the reason.
 *
 * <p>Thread safety: stateless.
 */
final class AwakeableRoutes {
    /** The reason of a rejection whose request had an empty body. */
    static final String DEFAULT_REASON = "Rejected";

    Route route(IngressRequest request, List<String> rest) {
        if (rest.size() != 2 || rest.get(0).isEmpty()
                || !(rest.get(1).equals("resolve") || rest.get(1).equals("reject"))) {
            return reply(404, "Use POST /restate/awakeables/{awakeableId}/resolve with a JSON body, or"
                    + " .../reject with the reason");
        }
        String id = rest.get(0);
        String op = rest.get(1);
        if (!request.method().equals("POST")) {
            return reply(405, "Use POST for /restate/awakeables/{awakeableId}/" + op + ", not " + request.method());
        }
        String contentType = request.header("content-type");
        InputDecoder.Decoded text = InputDecoder.text(contentType, request.body(), "The body completing awakeable "
                + id);
        if (text.error() != null) {
            return new Route.Reply(text.error());
        }
        return op.equals("resolve") ? resolve(id, contentType, text.json()) : reject(id, contentType, text.json());
    }

    private static Route resolve(String id, String contentType, String body) {
        if (!body.isEmpty() && !InputDecoder.isJson(contentType)) {
            return reply(415, "Content type '" + contentType + "' is not supported when resolving awakeable " + id
                    + ": send the value as JSON with 'content-type: application/json'");
        }
        if (body.isBlank()) {
            return new Route.CompleteAwakeable(id, "null", null);
        }
        String problem = JsonText.problem(body);
        if (problem != null) {
            return reply(400, "The body resolving awakeable " + id + " must be one JSON value: " + problem);
        }
        return new Route.CompleteAwakeable(id, body.strip(), null);
    }

    private static Route reject(String id, String contentType, String body) {
        String reason;
        boolean declaredJson = contentType != null && !contentType.isBlank() && InputDecoder.isJson(contentType);
        if (declaredJson) {
            if (body.isBlank()) {
                reason = "";
            } else {
                reason = JsonText.stringValue(body).orElse(null);
                if (reason == null) {
                    return reply(400, "The body rejecting awakeable " + id + " must be the reason as a JSON string"
                            + " (e.g. \"card declined\"), or plain text with 'content-type: text/plain'");
                }
            }
        } else if (contentType == null || contentType.isBlank()) {
            reason = JsonText.stringValue(body).orElse(body);
        } else if (isText(contentType)) {
            reason = body;
        } else {
            return reply(415, "Content type '" + contentType + "' is not supported when rejecting awakeable " + id
                    + ": send the reason as text/plain or as a JSON string");
        }
        return new Route.CompleteAwakeable(id, null, reason.isBlank() ? DEFAULT_REASON : reason);
    }

    private static boolean isText(String contentType) {
        return contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT).startsWith("text/");
    }

    private static Route reply(int status, String message) {
        return new Route.Reply(IngressReply.error(status, message));
    }
}
