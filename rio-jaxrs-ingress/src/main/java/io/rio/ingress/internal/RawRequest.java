package io.rio.ingress.internal;

import java.util.List;
import java.util.Map;

/**
 * The request as it arrived, kept so that {@link Forwarder} can replay it on the key's owner.
 *
 * @param method  the HTTP method, upper case
 * @param path    the raw (still percent-encoded) path relative to the ingress's base URL, without a leading
 *                {@code /}, e.g. {@code Counter/a%20b/add}
 * @param query   the raw query without {@code ?}, or {@code null}
 * @param headers request headers; names in any case
 * @param body    the raw body, empty if none
 */
public record RawRequest(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
    /** Request header naming the node that forwarded the request; a request carrying it is never forwarded again. */
    public static final String FORWARDED_HEADER = "x-rio-forwarded";

    public RawRequest {
        path = path == null ? "" : (path.startsWith("/") ? path.substring(1) : path);
        query = query == null || query.isEmpty() ? null : query;
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

    /** Whether another member forwarded this request (header {@value #FORWARDED_HEADER}). */
    public boolean forwarded() {
        return header(FORWARDED_HEADER) != null;
    }

    /** {@code path?query} relative to a base URL. */
    public String pathAndQuery() {
        return query == null ? path : path + "?" + query;
    }
}
