package io.rio.cdi.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads durations from config values: a whole number with a unit ({@code 250ms}, {@code 5s}, {@code 2m},
 * {@code 1h}, {@code 1d}) or ISO-8601 ({@code PT5S}).
 *
 * <p>Thread safety: stateless.
 */
public final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private Durations() {
    }

    /**
     * @throws IllegalArgumentException naming {@code key} and the accepted forms if {@code text} is neither form
     */
    public static Duration parse(String key, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(DeploymentMessages.badConfig(key, text,
                    "a duration such as 100ms, 5s, 2m, 1h or ISO-8601 PT5S"), e);
        }
    }
}
