package io.rio.sample.it;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** Bounded polling: every wait of the end-to-end tests has a deadline and names what it waited for. */
final class Await {

    private Await() {
    }

    /** Polls {@code value} every {@code 100 ms} until it is at least {@code expected}; returns the last value. */
    static long atLeast(String what, long expected, Duration timeout, LongSupplier value) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long seen = value.getAsLong();
        while (seen < expected && System.nanoTime() < deadline) {
            PayaraMicroProcess.sleep(100);
            seen = value.getAsLong();
        }
        if (seen < expected) {
            throw new AssertionError(what + ": reached " + seen + ", expected at least " + expected + " within " + timeout);
        }
        return seen;
    }

    /** Polls {@code probe} every {@code 200 ms} until it answers non-null; returns that answer. */
    static <T> T until(String what, Duration timeout, Supplier<T> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting for: " + what);
            }
            PayaraMicroProcess.sleep(200);
        }
    }

    /** The number of {@code it_step} rows of a tag and step. */
    static long steps(String tag, String step) {
        return PostgresDb.count("SELECT count(*) FROM it_step WHERE tag = ? AND step = ?", tag, step);
    }
}
