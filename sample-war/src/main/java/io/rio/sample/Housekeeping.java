package io.rio.sample;

import io.rio.api.Context;
import io.rio.api.Cron;
import io.rio.api.Handler;
import io.rio.api.Service;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * A scheduled job: every hour, on the hour (UTC), deletes e-mails older than {@link #KEEP_EMAILS} and
 * counts the run in {@code Counter/housekeeping}. Rio fires each tick once across all servers that share
 * the database, also after restarts; the tick's time is in the {@code x-rio-cron-tick} header.
 */
@Service
public class Housekeeping {

    /** How long sent e-mails are kept. */
    public static final Duration KEEP_EMAILS = Duration.ofDays(30);

    @Inject
    Mailer mailer;

    /** Deletes old e-mails; returns how many. */
    @Cron("0 0 * * * *")
    @Handler
    public int hourly(Context ctx) {
        long cutoff = ctx.run("cutoff", Long.class, () -> System.currentTimeMillis() - KEEP_EMAILS.toMillis());
        int deleted = ctx.run("delete-old-emails", Integer.class, () -> mailer.deleteSentBefore(cutoff));
        ctx.object(Counter.class, "housekeeping").send(Counter::add, 1L, Duration.ZERO);
        return deleted;
    }
}
