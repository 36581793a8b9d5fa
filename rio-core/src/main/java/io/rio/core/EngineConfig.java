package io.rio.core;

import io.rio.api.RetryPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the engine. In a server these come from MicroProfile Config ({@code rio.*} keys).
 *
 * @param nodeId             this node's name, the owner written on invocations it runs
 * @param retryPolicy        the default retry policy of handler attempts
 * @param recoveryInterval   how often each node looks for invocations of its partitions that have come due (timers
 *                           and delayed sends beyond what it holds in memory, wakes it was not told of); a node
 *                           also looks at once for those of every partition it gains
 * @param retainCompleted    whether calls without idempotency key are stored once complete (sends,
 *                           idempotent calls and invocations that journaled a step are always stored)
 * @param attachTimeout      how long {@code attach} waits for a result
 * @param maxConcurrency     invocations running at once on this node
 * @param retention          how long ended invocations that are stored (sends, idempotent calls,
 *                           workflows with their state and promises) are kept before they are purged
 * @param maxBacklog         accepted invocations waiting to start above which new ones are refused
 * @param batchLanes         group commit: how many transactions at most run batches of ready attempts at once;
 *                           0 turns group commit off (every attempt runs alone in its own transaction)
 * @param batchSize          group commit: how many ready attempts at most one transaction runs
 * @param batchSteps         group commit of steps: whether the transactions of steps that attempts on several
 *                           threads start at once share commits (independent of {@code batchLanes})
 * @param limits             bounds on state values, journal entries, signal payloads and key queues
 */
public record EngineConfig(
        String nodeId,
        RetryPolicy retryPolicy,
        Duration recoveryInterval,
        boolean retainCompleted,
        Duration attachTimeout,
        int maxConcurrency,
        Duration retention,
        int maxBacklog,
        int batchLanes,
        int batchSize,
        boolean batchSteps,
        Limits limits) {

    public EngineConfig {
        limits = limits == null ? Limits.DEFAULT : limits;
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        Objects.requireNonNull(recoveryInterval, "recoveryInterval");
        Objects.requireNonNull(attachTimeout, "attachTimeout");
        Objects.requireNonNull(retention, "retention");
        if (maxBacklog < 1) {
            throw new IllegalArgumentException("maxBacklog must be >= 1");
        }
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be >= 1");
        }
        if (batchLanes < 0) {
            throw new IllegalArgumentException("batchLanes must be >= 0");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1");
        }
    }

    /** Settings with the default {@link Limits}. */
    public EngineConfig(String nodeId, RetryPolicy retryPolicy, Duration recoveryInterval, boolean retainCompleted,
            Duration attachTimeout, int maxConcurrency, Duration retention, int maxBacklog, int batchLanes,
            int batchSize, boolean batchSteps) {
        this(nodeId, retryPolicy, recoveryInterval, retainCompleted, attachTimeout, maxConcurrency, retention,
                maxBacklog, batchLanes, batchSize, batchSteps, Limits.DEFAULT);
    }

    /** A copy with other {@link Limits}. */
    public EngineConfig withLimits(Limits other) {
        return new EngineConfig(nodeId, retryPolicy, recoveryInterval, retainCompleted, attachTimeout, maxConcurrency,
                retention, maxBacklog, batchLanes, batchSize, batchSteps, other);
    }

    /** Settings with the default group commit ({@link #DEFAULT_BATCH_LANES}, {@link #DEFAULT_BATCH_SIZE}). */
    public EngineConfig(String nodeId, RetryPolicy retryPolicy, Duration recoveryInterval,
            boolean retainCompleted, Duration attachTimeout, int maxConcurrency, Duration retention, int maxBacklog) {
        this(nodeId, retryPolicy, recoveryInterval, retainCompleted, attachTimeout, maxConcurrency, retention,
                maxBacklog, DEFAULT_BATCH_LANES, DEFAULT_BATCH_SIZE, true);
    }

    /** Settings with attempt group commit as given, and steps batched whenever attempts are. */
    public EngineConfig(String nodeId, RetryPolicy retryPolicy, Duration recoveryInterval,
            boolean retainCompleted, Duration attachTimeout, int maxConcurrency, Duration retention, int maxBacklog,
            int batchLanes, int batchSize) {
        this(nodeId, retryPolicy, recoveryInterval, retainCompleted, attachTimeout, maxConcurrency, retention,
                maxBacklog, batchLanes, batchSize, true);
    }

    /** Settings without retention: ended invocations are kept one day. */
    public EngineConfig(String nodeId, RetryPolicy retryPolicy, Duration recoveryInterval,
            boolean retainCompleted, Duration attachTimeout, int maxConcurrency) {
        this(nodeId, retryPolicy, recoveryInterval, retainCompleted, attachTimeout, maxConcurrency,
                Duration.ofDays(1), DEFAULT_MAX_BACKLOG);
    }

    /** Settings with the default backlog limit. */
    public EngineConfig(String nodeId, RetryPolicy retryPolicy, Duration recoveryInterval,
            boolean retainCompleted, Duration attachTimeout, int maxConcurrency, Duration retention) {
        this(nodeId, retryPolicy, recoveryInterval, retainCompleted, attachTimeout, maxConcurrency, retention,
                DEFAULT_MAX_BACKLOG);
    }

    /** The default of {@link #maxBacklog()}. */
    public static final int DEFAULT_MAX_BACKLOG = 10_000;

    /** The default of {@link #batchLanes()}. */
    public static final int DEFAULT_BATCH_LANES = 4;

    /** The default of {@link #batchSize()}. */
    public static final int DEFAULT_BATCH_SIZE = 32;

    /**
     * Defaults: unbounded retries from 100 ms, a scan for due invocations every 10 s, 16 concurrent invocations, one
     * day of retention, group commit in 4 lanes of up to 32 attempts, and of steps.
     */
    public static EngineConfig defaults(String nodeId) {
        return new EngineConfig(nodeId, RetryPolicy.builder().build(),
                Duration.ofSeconds(10), false, Duration.ofSeconds(60), 16, Duration.ofDays(1), DEFAULT_MAX_BACKLOG, DEFAULT_BATCH_LANES,
                DEFAULT_BATCH_SIZE, true);
    }
}
