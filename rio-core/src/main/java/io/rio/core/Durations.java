package io.rio.core;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the durations the ingress accepts, as Restate does: a sequence of number-unit pairs such as
 * {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}, {@code 2d} or {@code 1h 30m}, or an ISO-8601 duration
 * such as {@code PT10S}.
 *
 * <p>Thread safety: stateless.
 */
public final class Durations {
    private static final Pattern PART = Pattern.compile("\\s*(\\d+)\\s*(ms|s|m|h|d)\\s*");

    /** The longest duration accepted (100 years): longer ones are surely mistakes, and overflow as epoch millis. */
    public static final Duration MAX = Duration.ofDays(36_500);

    private Durations() {
    }

    /**
     * @param text the duration text
     * @return the duration, never negative and at most {@link #MAX}
     * @throws IllegalArgumentException naming the text and the accepted forms, or the limit
     */
    public static Duration parse(String text) {
        Duration parsed;
        try {
            parsed = parseUnbounded(text);
        } catch (ArithmeticException overflow) {
            throw tooLong(text);
        }
        if (parsed.compareTo(MAX) > 0) {
            throw tooLong(text);
        }
        return parsed;
    }

    private static Duration parseUnbounded(String text) {
        String trimmed = text == null ? "" : text.trim(); // trim() also drops control characters such as NUL
        if (trimmed.isEmpty()) {
            throw invalid(text);
        }
        if (trimmed.charAt(0) == 'P' || trimmed.charAt(0) == 'p' || trimmed.startsWith("-P") || trimmed.startsWith("-p")) {
            try {
                Duration iso = Duration.parse(trimmed.toUpperCase(Locale.ROOT));
                if (iso.isNegative()) {
                    throw invalid(text);
                }
                return iso;
            } catch (DateTimeParseException e) {
                throw invalid(text);
            }
        }
        Matcher m = PART.matcher(trimmed.toLowerCase(Locale.ROOT));
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.lookingAt()) {
            long amount;
            try {
                amount = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                throw invalid(text);
            }
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
            end = m.end();
            m.region(end, trimmed.length());
        }
        if (end == 0 || end != trimmed.length()) {
            throw invalid(text);
        }
        return total;
    }

    private static IllegalArgumentException tooLong(String text) {
        return new IllegalArgumentException("Duration '" + text + "' is too long: at most " + MAX.toDays()
                + "d (100 years)");
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("Invalid duration '" + text
                + "': use a number with a unit (ms, s, m, h, d), e.g. 500ms, 10s, 5m, 1h or 1h 30m, or an ISO-8601"
                + " duration such as PT10S");
    }
}
