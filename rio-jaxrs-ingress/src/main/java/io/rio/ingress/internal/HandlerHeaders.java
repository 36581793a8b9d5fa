package io.rio.ingress.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Selects the request headers handed to a handler, which are stored with the invocation: every header, names
 * lower-cased, multiple values joined with {@code ", "}, except the hop-by-hop and framing headers that describe the
 * HTTP connection rather than the request, and credentials ({@code Authorization}, {@code Proxy-Authorization},
 * {@code Cookie}), which would otherwise be written to the database. In their place {@value #CALLER} names the caller
 * the server authenticated, if any, so that a handler can ask who started it; a client cannot set it.
 */
final class HandlerHeaders {
    private static final Set<String> EXCLUDED = Set.of("connection", "content-length", "host", "transfer-encoding",
            "keep-alive", "upgrade", "te", "trailer", "proxy-connection", "authorization", "proxy-authorization", "cookie");

    /** The header naming the authenticated caller of the ingress request that started an invocation. */
    static final String CALLER = "x-rio-caller";

    private HandlerHeaders() {
    }

    static Map<String, String> of(Map<String, List<String>> headers) {
        return of(headers, null);
    }

    /** The headers of a request of {@code callerName} ({@code null}: anonymous). */
    static Map<String, String> of(Map<String, List<String>> headers, String callerName) {
        Map<String, String> out = new LinkedHashMap<>();
        if (callerName != null) {
            out.put(CALLER, callerName);
        }
        headers.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!EXCLUDED.contains(lower) && !lower.equals(CALLER) && values != null && !values.isEmpty()) {
                out.merge(lower, String.join(", ", values), (a, b) -> a + ", " + b);
            }
        });
        return out;
    }
}
