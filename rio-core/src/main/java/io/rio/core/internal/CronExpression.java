package io.rio.core.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;

/**
 * A six-field cron expression ({@code second minute hour day-of-month month day-of-week}, UTC). Each field is
 * {@code *}, {@code n}, {@code a-b}, a list {@code a,b,c}, or a step {@code *}{@code /n} or {@code a-b/n};
 * day-of-week is 0-7 (0 and 7 are Sunday). A day matches when both day fields match.
 *
 * <p>Immutable and thread-safe.
 */
public final class CronExpression {
    private final String text;
    private final BitSet seconds;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet days;
    private final BitSet months;
    private final BitSet weekdays;

    private CronExpression(String text, String[] f) {
        this.text = text;
        this.seconds = field(f[0], 0, 59, "second");
        this.minutes = field(f[1], 0, 59, "minute");
        this.hours = field(f[2], 0, 23, "hour");
        this.days = field(f[3], 1, 31, "day-of-month");
        this.months = field(f[4], 1, 12, "month");
        BitSet dow = field(f[5], 0, 7, "day-of-week");
        if (dow.get(7)) {
            dow.set(0);
        }
        this.weekdays = dow;
    }

    /**
     * @throws IllegalArgumentException naming the field that is wrong
     */
    public static CronExpression parse(String text) {
        String[] f = text == null ? new String[0] : text.trim().split("\\s+");
        if (f.length != 6) {
            throw new IllegalArgumentException("Cron expression '" + text + "' needs six fields: second minute hour "
                    + "day-of-month month day-of-week, e.g. '0 */5 * * * *'");
        }
        return new CronExpression(text, f);
    }

    /** The first tick strictly after {@code after}. */
    public Instant next(Instant after) {
        LocalDateTime t = LocalDateTime.ofInstant(after, ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        LocalDateTime limit = t.plusYears(5);
        while (t.isBefore(limit)) {
            if (!months.get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
            } else if (!days.get(t.getDayOfMonth()) || !weekdays.get(t.getDayOfWeek().getValue() % 7)) {
                t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
            } else if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!minutes.get(t.getMinute())) {
                t = t.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
            } else if (!seconds.get(t.getSecond())) {
                t = t.plusSeconds(1);
            } else {
                return t.toInstant(ZoneOffset.UTC);
            }
        }
        throw new IllegalArgumentException("Cron expression '" + text + "' never fires");
    }

    @Override
    public String toString() {
        return text;
    }

    private static BitSet field(String spec, int min, int max, String name) {
        BitSet bits = new BitSet(max + 1);
        for (String part : spec.split(",")) {
            try {
                int step = 1;
                String range = part;
                int slash = part.indexOf('/');
                if (slash >= 0) {
                    step = Integer.parseInt(part.substring(slash + 1));
                    range = part.substring(0, slash);
                }
                int from;
                int to;
                if (range.equals("*")) {
                    from = min;
                    to = max;
                } else if (range.contains("-")) {
                    from = Integer.parseInt(range.substring(0, range.indexOf('-')));
                    to = Integer.parseInt(range.substring(range.indexOf('-') + 1));
                } else {
                    from = Integer.parseInt(range);
                    to = slash >= 0 ? max : from;
                }
                if (from < min || to > max || from > to || step < 1) {
                    throw new IllegalArgumentException();
                }
                for (int v = from; v <= to; v += step) {
                    bits.set(v);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Cron " + name + " field '" + spec + "' is not valid: use *, n, a-b,"
                        + " a,b or a step like */n, within " + min + "-" + max);
            }
        }
        return bits;
    }
}
