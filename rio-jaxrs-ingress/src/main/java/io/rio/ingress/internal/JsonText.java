package io.rio.ingress.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads JSON text strictly (RFC 8259) without a JSON runtime: checks that a text is exactly one JSON value
 * (nothing but whitespace after it), splits an object into its members' raw JSON texts and decodes a JSON
 * string literal. The ingress checks bodies with it before they reach the JSON-B reader, which tolerates
 * trailing content such as {@code 1 2 ]}.
 *
 * <p>Thread safety: stateless.
 */
final class JsonText {
    /** Deeper nesting is refused rather than risking the stack. */
    static final int MAX_DEPTH = 512;

    private JsonText() {
    }

    /**
     * @return {@code null} if {@code text} is exactly one JSON value, else what is wrong and where
     */
    static String problem(String text) {
        try {
            new Reader(text).whole();
            return null;
        } catch (SyntaxError e) {
            return e.getMessage();
        }
    }

    static boolean isValid(String text) {
        return text != null && problem(text) == null;
    }

    /**
     * The members of a JSON object, name to the member's JSON text, in order.
     *
     * @throws IllegalArgumentException if {@code text} is not exactly one JSON object or repeats a name
     */
    static Map<String, String> objectMembers(String text) {
        Reader r = new Reader(text);
        try {
            r.whole();
            r.pos = 0;
            r.skipWhitespace();
            if (r.peek() != '{') {
                throw new IllegalArgumentException("expected a JSON object, found " + r.kindAt());
            }
            Map<String, String> members = new LinkedHashMap<>();
            r.pos++;
            r.skipWhitespace();
            if (r.peek() == '}') {
                return members;
            }
            while (true) {
                r.skipWhitespace();
                String name = r.string();
                r.skipWhitespace();
                r.expect(':');
                r.skipWhitespace();
                int start = r.pos;
                r.value(1);
                if (members.put(name, text.substring(start, r.pos)) != null) {
                    throw new IllegalArgumentException("the name " + Json.quote(name) + " appears twice");
                }
                r.skipWhitespace();
                if (r.peek() == '}') {
                    return members;
                }
                r.expect(',');
            }
        } catch (SyntaxError e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The decoded value if {@code text} is exactly one JSON string, else empty. */
    static Optional<String> stringValue(String text) {
        Reader r = new Reader(text);
        try {
            r.skipWhitespace();
            if (r.peek() != '"') {
                return Optional.empty();
            }
            String value = r.string();
            r.skipWhitespace();
            return r.pos == text.length() ? Optional.of(value) : Optional.empty();
        } catch (SyntaxError e) {
            return Optional.empty();
        }
    }

    private static final class SyntaxError extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxError(String message) {
            super(message, null, false, false);
        }
    }

    private static final class Reader {
        private final String text;
        private int pos;

        Reader(String text) {
            this.text = text;
        }

        void whole() throws SyntaxError {
            skipWhitespace();
            if (pos == text.length()) {
                throw error("no JSON value (the text is empty)");
            }
            value(0);
            skipWhitespace();
            if (pos != text.length()) {
                String rest = text.substring(pos, Math.min(text.length(), pos + 20));
                throw error("trailing content after the JSON value: " + Json.quote(rest)
                        + (pos + 20 < text.length() ? "..." : "") + "; send exactly one JSON value");
            }
        }

        void value(int depth) throws SyntaxError {
            if (depth > MAX_DEPTH) {
                throw error("nested deeper than " + MAX_DEPTH + " levels");
            }
            char c = peek();
            switch (c) {
                case '{' -> object(depth);
                case '[' -> array(depth);
                case '"' -> string();
                case 't' -> literal("true");
                case 'f' -> literal("false");
                case 'n' -> literal("null");
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        number();
                    } else {
                        throw error("expected a JSON value, found " + kindAt());
                    }
                }
            }
        }

        private void object(int depth) throws SyntaxError {
            pos++;
            skipWhitespace();
            if (peek() == '}') {
                pos++;
                return;
            }
            while (true) {
                skipWhitespace();
                if (peek() != '"') {
                    throw error("expected a member name in double quotes, found " + kindAt());
                }
                string();
                skipWhitespace();
                expect(':');
                skipWhitespace();
                value(depth + 1);
                skipWhitespace();
                if (peek() == '}') {
                    pos++;
                    return;
                }
                expect(',');
            }
        }

        private void array(int depth) throws SyntaxError {
            pos++;
            skipWhitespace();
            if (peek() == ']') {
                pos++;
                return;
            }
            while (true) {
                skipWhitespace();
                value(depth + 1);
                skipWhitespace();
                if (peek() == ']') {
                    pos++;
                    return;
                }
                expect(',');
            }
        }

        String string() throws SyntaxError {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                if (pos >= text.length()) {
                    throw error("unterminated string");
                }
                char c = text.charAt(pos++);
                if (c == '"') {
                    return out.toString();
                }
                if (c < 0x20) {
                    pos--;
                    throw error("unescaped control character in a string");
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = pos < text.length() ? text.charAt(pos++) : 0;
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            throw error("incomplete \\u escape");
                        }
                        int code = 0;
                        for (int i = 0; i < 4; i++) {
                            int d = Character.digit(text.charAt(pos + i), 16);
                            if (d < 0) {
                                throw error("invalid \\u escape");
                            }
                            code = code * 16 + d;
                        }
                        pos += 4;
                        out.append((char) code);
                    }
                    default -> {
                        pos--;
                        throw error("invalid escape in a string");
                    }
                }
            }
        }

        private void number() throws SyntaxError {
            if (peek() == '-') {
                pos++;
            }
            if (peek() == '0') {
                pos++;
            } else if (!digits()) {
                throw error("invalid number");
            }
            if (peek() == '.') {
                pos++;
                if (!digits()) {
                    throw error("invalid number: digits must follow the decimal point");
                }
            }
            if (peek() == 'e' || peek() == 'E') {
                pos++;
                if (peek() == '+' || peek() == '-') {
                    pos++;
                }
                if (!digits()) {
                    throw error("invalid number: digits must follow the exponent");
                }
            }
        }

        private boolean digits() {
            int start = pos;
            while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
                pos++;
            }
            return pos > start;
        }

        private void literal(String word) throws SyntaxError {
            if (!text.startsWith(word, pos)) {
                throw error("expected a JSON value, found " + kindAt());
            }
            pos += word.length();
        }

        void expect(char c) throws SyntaxError {
            if (peek() != c) {
                throw error("expected '" + c + "', found " + kindAt());
            }
            pos++;
        }

        char peek() {
            return pos < text.length() ? text.charAt(pos) : 0;
        }

        void skipWhitespace() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                pos++;
            }
        }

        String kindAt() {
            if (pos >= text.length()) {
                return "the end of the text";
            }
            return switch (text.charAt(pos)) {
                case '[' -> "an array";
                case '"' -> "a string";
                case '{' -> "an object";
                default -> "'" + text.charAt(pos) + "'";
            };
        }

        private SyntaxError error(String what) {
            int line = 1;
            int column = 1;
            for (int i = 0; i < pos && i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
            }
            return new SyntaxError(what + " (line " + line + ", column " + column + ")");
        }
    }
}
