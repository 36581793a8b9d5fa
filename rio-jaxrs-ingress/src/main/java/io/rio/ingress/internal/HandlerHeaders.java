package io.rio.ingress.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Selects the request headers handed to a handler: every header, names lower-cased, multiple values joined
 * with {@code ", "}, except the hop-by-hop and framing headers that describe the HTTP connection rather than
 * the request.
 */
final class HandlerHeaders {
    private static final Set<String> EXCLUDED = Set.of("connection", "content-length", "host", "transfer-encoding",
            "keep-alive", "upgrade", "te", "trailer", "proxy-connection");

    private HandlerHeaders() {
    }

    static Map<String, String> of(Map<String, List<String>> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!EXCLUDED.contains(lower) && values != null && !values.isEmpty()) {
                out.merge(lower, String.join(", ", values), (a, b) -> a + ", " + b);
            }
        });
        return out;
    }
}
