package io.rio.jpa.entity;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Encodes a map of strings as a flat JSON object ({@code {"name":"value"}}) and back, without a JSON library.
 *
 * <p>Error handling: {@link #decode} throws {@link IllegalArgumentException} naming the position of the first
 * character that is not part of such an object.
 */
public final class StringMapCodec {

    private StringMapCodec() {
    }

    /** The JSON object text of {@code map}, names sorted; {@code null} values are written as JSON {@code null}. */
    public static String encode(Map<String, String> map) {
        StringBuilder out = new StringBuilder(32 * map.size() + 2).append('{');
        boolean first = true;
        for (Map.Entry<String, String> e : new TreeMap<>(map).entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            quote(out, e.getKey());
            out.append(':');
            if (e.getValue() == null) {
                out.append("null");
            } else {
                quote(out, e.getValue());
            }
        }
        return out.append('}').toString();
    }

    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** The map of a flat JSON object of strings, as written by {@link #encode}. */
    public static Map<String, String> decode(String text) {
        Parser p = new Parser(text);
        Map<String, String> map = new LinkedHashMap<>();
        p.expect('{');
        if (!p.consume('}')) {
            do {
                String name = p.string();
                p.expect(':');
                map.put(name, p.consumeNull() ? null : p.string());
            } while (p.consume(','));
            p.expect('}');
        }
        p.end();
        return map;
    }

    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        private void skipSpace() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        boolean consume(char c) {
            skipSpace();
            if (i < s.length() && s.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }

        boolean consumeNull() {
            skipSpace();
            if (s.startsWith("null", i)) {
                i += 4;
                return true;
            }
            return false;
        }

        void expect(char c) {
            if (!consume(c)) {
                throw error("'" + c + "'");
            }
        }

        void end() {
            skipSpace();
            if (i != s.length()) {
                throw error("end of text");
            }
        }

        String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                if (i >= s.length()) {
                    break;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case '"', '\\', '/' -> b.append(e);
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        if (i + 4 > s.length()) {
                            throw error("four hex digits");
                        }
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> throw error("an escape character");
                }
            }
            throw error("closing '\"'");
        }

        IllegalArgumentException error(String expected) {
            return new IllegalArgumentException("Malformed headers JSON in rio_invocation.headers: expected " + expected
                    + " at position " + i + " of: " + s);
        }
    }
}
