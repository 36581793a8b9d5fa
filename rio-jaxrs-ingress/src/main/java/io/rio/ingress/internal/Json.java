package io.rio.ingress.internal;

/**
 * The few JSON texts the ingress writes itself (errors and send receipts), without a JSON-B runtime.
 *
 * <p>Thread safety: stateless.
 */
final class Json {

    private Json() {
    }

    /** {@code {"code":<code>,"message":"<message>"}}. */
    static String error(int code, String message) {
        return "{\"code\":" + code + ",\"message\":" + quote(message) + "}";
    }

    /** {@code {"invocationId":"<id>","status":"<status>"}}. */
    static String sendReceipt(String invocationId, String status) {
        return "{\"invocationId\":" + quote(invocationId) + ",\"status\":" + quote(status) + "}";
    }

    /** {@code value} as a JSON string literal, quotes included; {@code null} becomes {@code null}. */
    static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    // Control characters must be escaped; U+2028/2029 are escaped so the text is also valid JavaScript.
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
