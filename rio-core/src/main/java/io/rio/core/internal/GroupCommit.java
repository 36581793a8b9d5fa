package io.rio.core.internal;

import io.rio.core.EngineConfig;
import io.rio.core.model.HandlerDefinition;
import io.rio.spi.Transactions;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Group commit of attempts: ready attempts wait for one of the {@link BatchLanes}, and a lane runs them in one
 * transaction ({@code rio.batch.lanes}, {@code rio.batch.size}). Which handlers take part is learned: see
 * {@link BatchStats}.
 *
 * <p>Thread safety: safe for concurrent use; each batch runs on one lane's thread.
 */
final class GroupCommit {
    private static final Logger LOG = System.getLogger(GroupCommit.class.getName());

    /**
     * An attempt whose own work (its body and its steps' actions, not the journaling of its steps) takes longer
     * than this delays its whole batch: it counts against batching its handler.
     */
    private static final long SLOW_BODY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    /** What a batch does with its members, the same as a single attempt would. */
    interface Attempts {
        /** Runs a member's body in the batch's transaction and returns its output JSON. */
        String runBody(Invocation member, Map<String, StateCache.Locked> lockedByKey) throws Exception;

        /** After the batch committed: the objects it locked, at their final state. */
        void stateCommitted(Map<String, StateCache.Locked> locked);

        /** After the batch committed: starts what the member sent and completes it. */
        void completed(Invocation member, String output);

        /** After the batch rolled back: forgets what the member would have sent. */
        void rolledBack(Invocation member);

        /** Runs one attempt alone, in its own transaction, on the calling thread. */
        void attempt(Invocation invocation);
    }

    private final EngineConfig config;
    private final Transactions transactions;
    private final BoundedDispatcher dispatcher;
    private final KeyQueues keyQueues;
    private final Attempts attempts;
    private final BatchLanes<Invocation> lanes;
    private final Map<String, BatchStats> batchStats = new ConcurrentHashMap<>();

    GroupCommit(EngineConfig config, Transactions transactions, BoundedDispatcher dispatcher, KeyQueues keyQueues,
            Attempts attempts) {
        this.config = config;
        this.transactions = transactions;
        this.dispatcher = dispatcher;
        this.keyQueues = keyQueues;
        this.attempts = attempts;
        this.lanes = new BatchLanes<>(dispatcher, dispatcher::executeInline,
                Math.min(config.batchLanes(), config.maxConcurrency()), config.batchSize(), this::runBatch);
    }

    /** Whether the invocation's next attempt should run in a batch (its handler does not spoil batches). */
    boolean batchable(Invocation invocation) {
        return stats(invocation.handler()).batchable();
    }

    void submit(Invocation invocation) {
        lanes.submit(invocation);
    }

    void submitInline(Invocation invocation) {
        lanes.submitInline(invocation);
    }

    /** Attempts waiting for a lane, less the lanes waiting as tasks in the dispatcher's backlog. */
    int laneBacklog() {
        return lanes.backlog() - lanes.pendingLanes();
    }

    private BatchStats stats(HandlerDefinition handler) {
        String name = handler.source() != null ? handler.source() : handler.service() + '/' + handler.name();
        BatchStats stats = batchStats.get(name);
        return stats != null ? stats : batchStats.computeIfAbsent(name, n -> new BatchStats());
    }

    /**
     * Group commit: runs the attempts of {@code heads}, and of the invocations queued behind an exclusive head on
     * its key (claimed from the key queue, so they keep their order), one after another in one transaction, then
     * completes them all. Each object key is locked once; later invocations of a key see the state the earlier
     * ones left. If any attempt does not complete (it fails, suspends or is paused) or the commit fails, the
     * whole batch rolls back and each head runs alone again, its followers after it through the key queue: a
     * rolled-back attempt is only replayed, as after a crash.
     */
    private void runBatch(List<Invocation> heads) {
        List<Invocation> members = new ArrayList<>(heads.size());
        List<Invocation> runnableHeads = new ArrayList<>(heads.size());
        List<Invocation> groupHeads = new ArrayList<>(2);
        int budget = config.batchSize() - heads.size();
        for (Invocation head : heads) {
            if (head.isPaused() || head.future().isDone()) {
                continue; // as in a single attempt: a paused invocation keeps its key and resumes on its own
            }
            runnableHeads.add(head);
            members.add(head);
            if (head.handler().exclusive() && budget > 0) {
                List<Invocation> followers = keyQueues.claimFollowers(head, budget, this::batchable);
                if (!followers.isEmpty()) {
                    groupHeads.add(head);
                    members.addAll(followers);
                    budget -= followers.size();
                }
            }
        }
        if (members.size() <= 1) {
            for (Invocation head : runnableHeads) {
                attempts.attempt(head);
            }
            return;
        }
        int n = members.size();
        String[] outputs = new String[n];
        int[] current = {-1};
        Map<String, StateCache.Locked> lockedByKey = new HashMap<>();
        try {
            Tx.call(transactions, () -> {
                for (int i = 0; i < n; i++) {
                    current[0] = i;
                    Invocation member = members.get(i);
                    long journaledBefore = member.journalNanos();
                    int opsBefore = member.journaledOps();
                    long started = System.nanoTime();
                    outputs[i] = attempts.runBody(member, lockedByKey);
                    long journaled = member.journalNanos() - journaledBefore;
                    if (member.journaledOps() - opsBefore > 1
                            || System.nanoTime() - started - journaled > SLOW_BODY_NANOS) {
                        // Its own work (steps' actions included) is slow; or it ran several new steps, which in a
                        // batch follow one another on the lane's thread, while alone they share commits with the
                        // steps of other attempts running at the same time (StepCommit).
                        stats(member.handler()).spoiled();
                    }
                }
                current[0] = -1;
                return null;
            });
        } catch (Throwable thrown) {
            for (Invocation member : members) {
                attempts.rolledBack(member);
            }
            if (current[0] >= 0) {
                stats(members.get(current[0]).handler()).spoiled();
            }
            LOG.log(Level.DEBUG, () -> "A batch of " + n + " attempts rolled back (" + thrown + "); each runs alone");
            for (Invocation head : groupHeads) {
                keyQueues.unclaim(head);
            }
            for (Invocation head : runnableHeads) {
                dispatcher.execute(() -> attempts.attempt(head));
            }
            return;
        }
        attempts.stateCommitted(lockedByKey);
        for (int i = 0; i < n; i++) {
            Invocation member = members.get(i);
            stats(member.handler()).batched();
            attempts.completed(member, outputs[i]);
        }
    }
}
