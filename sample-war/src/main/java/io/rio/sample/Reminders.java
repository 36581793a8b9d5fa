package io.rio.sample;

import io.rio.api.Context;
import io.rio.api.Handler;
import io.rio.api.Service;
import io.rio.api.TerminalException;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * Reminders by e-mail, delivered later through a durable delayed send.
 *
 * <p>{@code POST /Reminders/remindTomorrow} with {@code {"to":"ann@example.com","text":"dentist"}} schedules
 * {@code deliver} one day later and answers the scheduled invocation's id at once. The send commits with
 * this invocation, survives restarts, and is delivered exactly once, never before its delay. The same
 * from outside: {@code POST /Reminders/deliver/send?delay=10s}.
 */
@Service
public class Reminders {

    /** How far ahead {@link #remindTomorrow} schedules. */
    public static final Duration ONE_DAY = Duration.ofDays(1);

    @Inject
    Mailer mailer;

    /**
     * Schedules {@link #deliver} one day from now.
     *
     * @return the id of the scheduled invocation (attach to it, or cancel it through the admin API)
     */
    @Handler
    public String remindTomorrow(Context ctx, Reminder reminder) {
        validate(reminder);
        return ctx.service(Reminders.class).send(Reminders::deliver, reminder, ONE_DAY);
    }

    /** Sends the reminder e-mail, once. */
    @Handler
    public void deliver(Context ctx, Reminder reminder) {
        validate(reminder);
        ctx.run("send-email", Long.class, () -> mailer.send(reminder.getTo(), "Reminder", reminder.getText()));
    }

    private static void validate(Reminder reminder) {
        if (reminder == null || reminder.getTo() == null || reminder.getTo().isBlank()) {
            throw new TerminalException(400, "A reminder needs a recipient, e.g. {\"to\":\"ann@example.com\",\"text\":\"dentist\"}");
        }
    }
}
