package io.rio.api;

import java.time.Duration;
import java.util.Objects;

/**
 * How a failing handler attempt or step is retried: exponential backoff from {@code initialInterval},
 * multiplied by {@code factor} after each failure up to {@code maxInterval}; after {@code maxAttempts}
 * attempts the invocation is paused or killed as {@link #onMaxAttempts()} says.
 *
 * <p>Immutable and thread-safe.
 */
public final class RetryPolicy {

    /** What happens when the attempts are used up. */
    public enum OnMaxAttempts {
        /** The invocation stops and waits for an operator to resume or kill it; an object keeps its key. */
        PAUSE,
        /** The invocation ends with a terminal failure. */
        KILL
    }

    private final Duration initialInterval;
    private final double factor;
    private final Duration maxInterval;
    private final int maxAttempts;
    private final OnMaxAttempts onMaxAttempts;

    private RetryPolicy(Builder b) {
        this.initialInterval = b.initialInterval;
        this.factor = b.factor;
        this.maxInterval = b.maxInterval;
        this.maxAttempts = b.maxAttempts;
        this.onMaxAttempts = b.onMaxAttempts;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Duration initialInterval() {
        return initialInterval;
    }

    public double factor() {
        return factor;
    }

    public Duration maxInterval() {
        return maxInterval;
    }

    /** Attempts in total, the first included; {@link Integer#MAX_VALUE} for unbounded. */
    public int maxAttempts() {
        return maxAttempts;
    }

    public OnMaxAttempts onMaxAttempts() {
        return onMaxAttempts;
    }

    /** The delay before attempt {@code failedAttempts + 1}, after {@code failedAttempts} failures. */
    public Duration delayAfter(int failedAttempts) {
        double millis = initialInterval.toMillis() * Math.pow(factor, Math.max(0, failedAttempts - 1));
        return Duration.ofMillis((long) Math.min(millis, maxInterval.toMillis()));
    }

    public Builder toBuilder() {
        return new Builder().initialInterval(initialInterval).factor(factor).maxInterval(maxInterval)
                .maxAttempts(maxAttempts).onMaxAttempts(onMaxAttempts);
    }

    @Override
    public String toString() {
        return "RetryPolicy[initial=" + initialInterval + ", factor=" + factor + ", max=" + maxInterval
                + ", maxAttempts=" + maxAttempts + ", then " + onMaxAttempts + "]";
    }

    /** Builds a {@link RetryPolicy}; defaults: 100 ms, factor 2, at most 10 s apart, unbounded, then pause. */
    public static final class Builder {
        private Duration initialInterval = Duration.ofMillis(100);
        private double factor = 2.0;
        private Duration maxInterval = Duration.ofSeconds(10);
        private int maxAttempts = Integer.MAX_VALUE;
        private OnMaxAttempts onMaxAttempts = OnMaxAttempts.PAUSE;

        public Builder initialInterval(Duration d) {
            this.initialInterval = requirePositive(d, "initialInterval");
            return this;
        }

        public Builder factor(double f) {
            if (!(f >= 1.0)) {
                throw new IllegalArgumentException("factor must be >= 1, got " + f);
            }
            this.factor = f;
            return this;
        }

        public Builder maxInterval(Duration d) {
            this.maxInterval = requirePositive(d, "maxInterval");
            return this;
        }

        public Builder maxAttempts(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxAttempts must be >= 1, got " + n);
            }
            this.maxAttempts = n;
            return this;
        }

        public Builder onMaxAttempts(OnMaxAttempts what) {
            this.onMaxAttempts = Objects.requireNonNull(what, "onMaxAttempts");
            return this;
        }

        public RetryPolicy build() {
            return new RetryPolicy(this);
        }

        private static Duration requirePositive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be a positive duration, got " + d);
            }
            return d;
        }
    }
}
