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

    /**
     * Durably sleeps for {@code duration}: the invocation suspends (no thread waits) and resumes after the
     * delay, also across restarts. Completed sleeps are not repeated on replay.
     */
    default void sleep(Duration duration) {
        timer(duration).await();
    }

    /** A durable timer that fires after {@code duration}; combine it with other futures for timeouts. */
    DurableFuture<Void> timer(Duration duration);

    /** A new awakeable whose value is read as {@code type}. */
    <T> Awakeable<T> awakeable(Class<T> type);

    /** Completes another invocation's awakeable by id. */
    AwakeableHandle awakeableHandle(String id);

    /**
     * A future of the index of the first of {@code futures} to complete; the choice is journaled, so a
     * replay takes the same branch.
     */
    DurableFuture<Integer> any(DurableFuture<?>... futures);

    /** A future that completes when all of {@code futures} have. */
    DurableFuture<Void> all(DurableFuture<?>... futures);

    /** A random generator seeded from the invocation id: a replay draws the same numbers. */
    java.util.Random random();

    /** A random UUID that a replay sees again. */
    java.util.UUID uuid();

    /** A typed client of a {@link Service}. */
    <B> Client<B> service(Class<B> serviceClass);

    /** A typed client of one key of a {@link VirtualObject}. */
    <B> Client<B> object(Class<B> objectClass, String key);

    /** A typed client of one key of a {@link Workflow}. */
    <B> Client<B> workflow(Class<B> workflowClass, String key);

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
