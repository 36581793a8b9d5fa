package io.rio.ingress.internal;

import java.util.List;
import java.util.Map;

/**
 * An HTTP request as the router sees it, independent of JAX-RS.
 *
 * @param method   the HTTP method, upper case
 * @param segments the decoded path segments, without the application path; empty segments kept
 * @param query    query parameters (decoded)
 * @param headers  request headers; names in any case
 * @param body     the raw body, empty if none
 * @param caller   who sent it, as the server authenticated them
 */
public record IngressRequest(String method, List<String> segments, Map<String, List<String>> query,
        Map<String, List<String>> headers, byte[] body, Caller caller) {

    /** A request of an anonymous caller. */
    public IngressRequest(String method, List<String> segments, Map<String, List<String>> query,
            Map<String, List<String>> headers, byte[] body) {
        this(method, segments, query, headers, body, Caller.ANONYMOUS);
    }

    public IngressRequest {
        caller = caller == null ? Caller.ANONYMOUS : caller;
        segments = List.copyOf(segments);
        query = query == null ? Map.of() : Map.copyOf(query);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** The first value of header {@code name} (case-insensitive), or {@code null}. */
    public String header(String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    /** The first value of query parameter {@code name}, or {@code null}. */
    public String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
