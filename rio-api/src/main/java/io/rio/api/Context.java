package io.rio.api;

import java.time.Duration;
import java.util.Map;

/**
 * The context every handler receives as its first parameter. Operations on it are journaled: on a retry
 * or after a crash the handler is replayed and completed operations return their journaled results.
 *
 * <p>Thread safety: a context belongs to one invocation attempt and must only be used by the thread that
 * runs the handler.
 */
public interface Context {

    /** The id of the running invocation, as returned by the ingress. */
    String invocationId();

    /** The headers of the request that started this invocation (lower-case names). */
    Map<String, String> headers();

    /**
     * Runs {@code action} once as a durable step named {@code name}: the action executes in its own
     * transaction together with the journal entry of its result, so database work inside it happens
     * exactly once. On replay the journaled result is returned without running the action.
     *
     * <p>Error handling: a {@link TerminalException} thrown by the action is journaled and rethrown on every
     * replay. Any other exception rolls the step back and fails the attempt, which is retried with the
     * handler's retry policy.
     */
    <T> T run(String name, Class<T> type, StepAction<T> action);

    /**
     * Like {@link #run(String, Class, StepAction)}, but a failing action is retried in place according to
     * {@code policy}; when the policy is exhausted the failure becomes terminal and is journaled.
     */
    <T> T run(String name, Class<T> type, RetryPolicy policy, StepAction<T> action);

    /** A step without a result. */
    default void run(String name, StepRunnable action) {
        run(name, Void.class, () -> {
            action.run();
            return null;
        });
    }

    /** Durably sleeps for {@code duration}. Completed sleeps are not repeated on replay. */
    void sleep(Duration duration);

    /** An action whose result is journaled. */
    @FunctionalInterface
    interface StepAction<T> {
        T get() throws Exception;
    }

    /** An action without a result. */
    @FunctionalInterface
    interface StepRunnable {
        void run() throws Exception;
    }
}
