package io.rio.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Invokes a handler of a {@link Service} that takes no input on a schedule: once per tick across all nodes
 * sharing the database, also after restarts.
 *
 * <p>The expression has six fields, {@code second minute hour day-of-month month day-of-week}, each
 * {@code *}, a number, a range {@code a-b}, a list {@code a,b}, or a step {@code * /n} or {@code a-b/n}
 * (without the space); day-of-week is 0-7 with 0 and 7 for Sunday. Times are UTC.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Cron {
    /** The cron expression, e.g. {@code "0 0/5 * * * *"} for every five minutes. */
    String value();
}
