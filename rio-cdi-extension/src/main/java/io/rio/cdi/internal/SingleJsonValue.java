package io.rio.cdi.internal;

/**
 * Checks that a text holds exactly one JSON value, with nothing but white space after it: JSON-B readers
 * stop after the first value and would silently accept {@code 1 2 ]} as {@code 1}. One pass over the text,
 * aware of strings and nesting; the value itself is validated by the JSON-B reader.
 */
final class SingleJsonValue {
    private SingleJsonValue() {
    }

    /** The index just past the first JSON value of {@code text}, or -1 if it is cut short. */
    static int endOfFirstValue(String text) {
        int i = skipSpace(text, 0);
        if (i >= text.length()) {
            return -1;
        }
        char c = text.charAt(i);
        if (c == '"') {
            return endOfString(text, i);
        }
        if (c == '{' || c == '[') {
            int depth = 0;
            while (i < text.length()) {
                char d = text.charAt(i);
                if (d == '"') {
                    i = endOfString(text, i);
                    if (i < 0) {
                        return -1;
                    }
                    continue;
                }
                if (d == '{' || d == '[') {
                    depth++;
                } else if (d == '}' || d == ']') {
                    depth--;
                    if (depth == 0) {
                        return i + 1;
                    }
                }
                i++;
            }
            return -1;
        }
        while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && "{}[],\"".indexOf(text.charAt(i)) < 0) {
            i++;
        }
        return i;
    }

    /** The position of the first character after the first value that is not white space, or -1 if none. */
    static int trailingContent(String text) {
        int end = endOfFirstValue(text);
        if (end < 0) {
            return -1;
        }
        int i = skipSpace(text, end);
        return i < text.length() ? i : -1;
    }

    private static int endOfString(String text, int start) {
        for (int i = start + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i + 1;
            }
        }
        return -1;
    }

    private static int skipSpace(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
